// Schema step 16: mirrors' writes guarded by Google's etag. `written_etag` is
// the etag of the version calsync last wrote (from Google's answer), sent as
// If-Match on the mirror's next update or delete: a hand edit made since,
// even one the target's cache has not seen yet, makes Google refuse (412)
// instead of being overwritten. `hand_edited` remembers a hand edit found
// that way, so the mirror is left alone even while the target's cache lags.
import type { Migration } from './migrations';

export const mirrorGuardMigration: Migration = {
  version: 16,
  name: "busy mirroring: the etag of each mirror's last write, and hand edits found by Google's refusal",
  sql: `
    ALTER TABLE mirror_events ADD COLUMN written_etag TEXT;
    ALTER TABLE mirror_events ADD COLUMN hand_edited INTEGER NOT NULL DEFAULT 0;
  `,
};
