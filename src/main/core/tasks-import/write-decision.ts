// Pure: what to do with a status change of an imported task queued in
// calsync, given what Google holds now. Google's etag changes on every write
// to the task, so an etag that is still the one of the last import means
// nobody touched the task at Google since; a status at Google that already is
// the wanted one means there is nothing left to write (an earlier send landed
// though its answer was lost, or the same was done at Google).
import type { TaskStatus } from '../../../shared/domain';
import type { GoogleTaskStatus } from '../store/google-task-writes-repo';

export type WriteDecision =
  /** Google's task is as calsync last read it: patch the status. */
  | 'send'
  /** Google already holds the wanted status: settle the write, no patch. */
  | 'already'
  /** Edited at Google since calsync last read it, to something else: Google's fields win, the local change is dropped. */
  | 'conflict'
  /** Deleted at Google: nothing to write; the import removes the task. */
  | 'gone';

export interface RemoteTask {
  status: TaskStatus;
  etag: string | null;
}

export const wantedStatus = (s: TaskStatus): GoogleTaskStatus => (s === 'done' ? 'completed' : 'needsAction');

export function decideWrite(
  want: GoogleTaskStatus,
  baseEtag: string | null,
  remote: RemoteTask | 'gone',
): WriteDecision {
  if (remote === 'gone') return 'gone';
  if (wantedStatus(remote.status) === want) return 'already';
  // Without a base (a task imported without an etag) nothing says Google changed it: the user's change is the latest known.
  if (baseEtag === null || remote.etag === baseEtag) return 'send';
  return 'conflict';
}

/** The one line the user is told about a conflict (in the run log and the log). */
export function conflictWarning(title: string, want: GoogleTaskStatus, google: TaskStatus): string {
  const change = want === 'completed' ? 'completed' : 'reopened';
  return `"${title}" was ${change} in calsync but also changed in Google Tasks since calsync last read it; Google's version is kept, so it is ${google === 'done' ? 'done' : 'open'} here again.`;
}
