// "Newest wins" as a property: whatever order several devices' upserts and
// deletes arrive in, each event ends as its highest version (a delete beats an
// upsert of the same version) — the order-independence that lets devices push
// the same calendar without coordinating.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSupabaseShim, shimBackends, type SupabaseShim } from '../../../fakes/supabase';
import { toSupabaseKey, toSupabaseRow } from '../../../../src/main/core/supabase/event-row';
import { WorkspaceRpc } from '../../../../src/main/core/supabase/workspace-rpc';
import { cachedEvent, eventRows, iso, signedInMember, type Member } from './helpers';

interface Op {
  device: number;
  key: number;
  version: number;
  kind: 'upsert' | 'delete';
}

const versionAt = (v: number) => new Date(Date.UTC(2026, 2, 1 + v)).toISOString();
// Content is a function of (key, version): two devices holding the same version hold the same event.
const eventAt = (key: number, version: number) =>
  cachedEvent({ id: `k${key}`, title: `k${key} v${version}`, updated: versionAt(version) });

const opArb = fc.record({
  device: fc.integer({ min: 0, max: 2 }),
  key: fc.integer({ min: 0, max: 3 }),
  version: fc.integer({ min: 0, max: 4 }),
  kind: fc.constantFrom('upsert' as const, 'delete' as const),
});

/** Consecutive ops of one device and kind go out as one call, up to a random size. */
function batches(ops: Op[], sizes: number[]): Op[][] {
  const out: Op[][] = [];
  let cur: Op[] = [];
  for (const op of ops) {
    const head = cur[0];
    const limit = sizes[out.length % sizes.length] ?? 1;
    if (head && (head.device !== op.device || head.kind !== op.kind || cur.length >= limit)) {
      out.push(cur);
      cur = [];
    }
    cur.push(op);
  }
  if (cur.length) out.push(cur);
  return out;
}

function expected(ops: Op[]) {
  const best = new Map<number, Op>();
  for (const op of ops) {
    const cur = best.get(op.key);
    if (!cur || op.version > cur.version || (op.version === cur.version && op.kind === 'delete')) best.set(op.key, op);
  }
  return [...best.values()]
    .sort((a, b) => a.key - b.key)
    .map((op) => ({
      external_event_id: `k${op.key}`,
      version: versionAt(op.version),
      deleted: op.kind === 'delete',
      ...(op.kind === 'upsert' ? { title: `k${op.key} v${op.version}` } : {}),
    }));
}

for (const backend of shimBackends()) {
  describe.skipIf(!backend.available)(`event ordering across devices (${backend.name})`, () => {
    let shim: SupabaseShim;
    let member: Member;
    beforeAll(async () => {
      shim = await startSupabaseShim({ databaseUrl: backend.databaseUrl });
      member = await signedInMember(shim);
    });
    afterAll(async () => {
      await shim?.close();
    });

    it('ends with the newest version of every event, in any arrival order and batching', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 8 }), async (ops, cuts) => {
          const wsId = await shim.createWorkspace('prop', [member.userId]);
          const devices = [0, 1, 2].map((d) => new WorkspaceRpc(member.client, wsId, `device-${d}`));
          for (const batch of batches(ops, cuts)) {
            const head = batch[0]!;
            const rpc = devices[head.device]!;
            if (head.kind === 'upsert') await rpc.upsertEvents(batch.map((o) => toSupabaseRow(eventAt(o.key, o.version))));
            else await rpc.deleteEvents(batch.map((o) => toSupabaseKey(eventAt(o.key, o.version))));
          }
          const rows = await eventRows(shim, wsId);
          const actual = rows.map((r) => ({
            external_event_id: r.external_event_id,
            version: iso(r.external_updated_at),
            deleted: r.deleted_at !== null,
            ...(r.deleted_at === null ? { title: r.title } : {}),
          }));
          expect(actual).toEqual(expected(ops));
        }),
        { numRuns: 40 },
      );
    });
  });
}
