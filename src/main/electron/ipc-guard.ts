// Who may call the engine over IPC: only the top frame of a page served by the
// app protocol. A frame that navigated elsewhere, an iframe, or a destroyed
// frame (senderFrame null) is refused, whatever it asks for.
import { isAppUrl } from './app-origin';

/** The part of Electron's WebFrameMain the check needs. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

export function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
  return frame != null && frame.parent === null && isAppUrl(frame.url);
}
