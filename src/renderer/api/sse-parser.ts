// Server-Sent Events from a fetch body, parsed by eventsource-parser (the
// WHATWG rules: chunks split anywhere, CR/LF/CRLF, comments, multi-line data).
// This wrapper only hands back each chunk's complete messages as a list.
import { createParser, type EventSourceParser } from 'eventsource-parser';

export interface SseMessage {
  event: string;
  data: string;
}

export class SseParser {
  private pending: SseMessage[] = [];
  private readonly parser: EventSourceParser = createParser({
    onEvent: (e) => this.pending.push({ event: e.event ?? 'message', data: e.data }),
  });

  feed(chunk: string): SseMessage[] {
    this.parser.feed(chunk);
    const out = this.pending;
    this.pending = [];
    return out;
  }
}
