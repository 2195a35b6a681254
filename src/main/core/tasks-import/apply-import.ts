// Writes one account's Google Tasks listing into the cache. Called inside one
// transaction together with the watermark advance and the run log entry, so a
// failed or interrupted import leaves nothing half-written, and the unique
// external id ("<account>:<task id>") makes a repeat a no-op.
import { randomUUID } from 'node:crypto';
import type { GoogleOwnedFields, ImportDefaults, ImportedTaskRow } from '../store/google-tasks-repo';
import type { Store } from '../store/store';
import { endOfDay, mapGoogleTask, type MappedFields } from './map-task';
import { conflictWarning, decideWrite } from './write-decision';

export interface ListListing {
  listId: string;
  title: string;
  /** Listed without updatedMin: what it lacks is gone at Google. */
  full: boolean;
  items: unknown[];
  /** updatedMin for the next listing of this list. */
  watermark: string;
}

export interface AccountListing {
  accountId: string;
  lists: ListListing[];
  /** Lists known from earlier imports that Google no longer has. */
  vanished: string[];
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  deleted: number;
  skipped: number;
  skips: Array<{ id: string | null; reason: string }>;
  /** Conflicts with status changes queued in calsync: said once, in this run's entry. */
  warnings: string[];
}

type Seen = { kind: 'upsert'; listId: string; fields: MappedFields } | { kind: 'delete'; listId: string };

export function externalTaskId(accountId: string, taskId: string): string {
  return `${accountId}:${taskId}`;
}

export function applyImport(
  store: Store,
  listing: AccountListing,
  opts: { zone: string; defaults: ImportDefaults; now: number },
): ImportCounts {
  const repo = store.googleTasks;
  const { accountId } = listing;
  const counts: ImportCounts = { inserted: 0, updated: 0, deleted: 0, skipped: 0, skips: [], warnings: [] };
  const known = repo.importedOf(accountId);

  // One entry per task across all lists: a task moved to another list shows
  // up deleted in one and alive in the other — alive wins, whatever the order.
  const seen = new Map<string, Seen>();
  for (const list of listing.lists) {
    for (const raw of list.items) {
      const m = mapGoogleTask(raw, opts.zone);
      if (m.kind === 'skip') {
        counts.skipped++;
        counts.skips.push({ id: m.id, reason: m.reason });
        continue;
      }
      const ext = externalTaskId(accountId, m.id);
      const prev = seen.get(ext);
      if (prev && !(prev.kind === 'delete' && m.kind === 'upsert')) continue;
      seen.set(
        ext,
        m.kind === 'delete'
          ? { kind: 'delete', listId: list.listId }
          : { kind: 'upsert', listId: list.listId, fields: m.fields },
      );
    }
  }

  const remove = (row: ImportedTaskRow) => {
    // Its open proposals go with it; accepted blocks are events in the calendar and stay there.
    store.tasks.delete(row.id);
    known.delete(row.externalId);
    counts.deleted++;
  };
  const touched = new Set<string>();
  for (const [ext, e] of seen) {
    touched.add(ext);
    const row = known.get(ext);
    if (e.kind === 'delete') {
      if (row) remove(row);
      repo.undismiss(ext);
      continue;
    }
    if (repo.isDismissed(ext)) continue;
    const g = owned(e.fields, e.listId, opts.zone);
    if (!row) {
      // One ms apart: tasks list by creation, so new ones keep Google's order.
      repo.insert(randomUUID(), accountId, ext, g, opts.defaults, opts.now + counts.inserted);
      counts.inserted++;
      continue;
    }
    // A status change made in calsync and not yet written: Google unchanged since → the write-back sends it (the
    // local status stands); Google already agrees → settled; edited at Google to something else → Google wins, said once.
    const pending = store.googleTaskWrites.get(row.id);
    if (pending) {
      const d = decideWrite(pending.status, pending.baseEtag, { status: g.status, etag: g.etag });
      if (d === 'send') continue;
      store.googleTaskWrites.drop(row.id);
      if (d === 'conflict') counts.warnings.push(conflictWarning(g.title, pending.status, g.status));
    }
    if (row.etag !== g.etag || row.updated !== g.updated || row.listId !== g.listId || pending) {
      repo.updateFromGoogle(row.id, g, opts.now);
      if (g.status === 'done' && row.status !== 'done') store.proposals.dropOpenOfTask(row.id);
      counts.updated++;
    }
  }

  // A full listing names every task the list has: the rest are gone at Google.
  const full = new Set(listing.lists.filter((l) => l.full).map((l) => l.listId));
  const vanished = new Set(listing.vanished);
  for (const row of [...known.values()]) {
    if (touched.has(row.externalId) || row.listId === null) continue;
    if (full.has(row.listId) || vanished.has(row.listId)) remove(row);
  }
  for (const id of listing.vanished) repo.deleteList(accountId, id);

  // Dues follow a new zone in settings, unless the user set the due themselves.
  for (const row of known.values()) {
    if (touched.has(row.externalId) || row.dueDate === null || row.dueZone === null || row.dueZone === opts.zone)
      continue;
    if (row.dueMs !== endOfDay(row.dueDate, row.dueZone)) continue;
    repo.setDue(row.id, endOfDay(row.dueDate, opts.zone), opts.zone, opts.now);
    counts.updated++;
  }

  for (const l of listing.lists)
    repo.saveList(accountId, {
      id: l.listId,
      title: l.title,
      watermark: l.watermark,
      fullListedAt: l.full ? opts.now : null,
    });
  return counts;
}

/** What calsync keeps of Google's side of a task (the import and the write-back both store it this way). */
export function owned(f: MappedFields, listId: string, zone: string): GoogleOwnedFields {
  return {
    title: f.title,
    notes: f.notes,
    dueMs: f.due === null ? null : Date.parse(f.due),
    dueDate: f.dueDate,
    dueZone: f.dueDate === null ? null : zone,
    status: f.status,
    listId,
    updated: f.updated,
    etag: f.etag,
  };
}
