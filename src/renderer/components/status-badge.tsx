const LABELS: Record<string, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  running: 'Running',
  skipped: 'Skipped',
  interrupted: 'Interrupted',
  active: 'Signed in',
  'needs-login': 'Needs sign-in',
  revoked: 'Signed out',
  proposed: 'Proposed',
  accepted: 'Accepted',
  rejected: 'Rejected',
  conflict: 'Conflict',
  open: 'Open',
  done: 'Done',
};

/** Colour is never the only signal: the word is always there. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{LABELS[status] ?? status}</span>;
}
