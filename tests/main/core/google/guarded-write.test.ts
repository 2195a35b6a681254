// guardedPatch / guardedRemove against a model of one event at Google whose
// etag changes on every write, with another party editing it between calls
// (content, colour only, delete) and answers that get lost. The oracle: a
// write never lands over a content change calsync did not see; 'written' means
// Google holds what was asked; with nobody changing the content, it is written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventWriter, GoogleEventBody, WriteGuard } from '../../../../src/main/core/google/event-writer';
import { GoogleCallError } from '../../../../src/main/core/google/google-errors';
import { guardedPatch, guardedRemove } from '../../../../src/main/core/google/guarded-write';
import type { CallContext } from '../../../../src/main/core/google/retry';

type Edit = 'none' | 'content' | 'colour' | 'delete';

interface Model {
  ev: { summary: string; colorId: string; status: string; etag: string };
  version: number;
  /** Set when a write of calsync's landed over content it had not seen. */
  overwrote: boolean;
  othersChangedContent: boolean;
  colourEdits: number;
}

/** A writer over the model: before each call the other party may edit; `lose` loses the first answer (the retry re-sends). */
function world(seen: string, edits: Edit[], lose: boolean) {
  const m: Model = {
    ev: { summary: seen, colorId: '0', status: 'confirmed', etag: '"1"' },
    version: 1,
    overwrote: false,
    othersChangedContent: false,
    colourEdits: 0,
  };
  let call = 0;
  let lost = !lose;
  const bump = () => (m.ev.etag = `"${++m.version}"`);
  const other = () => {
    const e = edits[call++] ?? 'none';
    if (m.ev.status === 'cancelled' || e === 'none') return;
    if (e === 'colour') m.colourEdits++;
    else m.othersChangedContent = true;
    if (e === 'content') m.ev.summary = `theirs ${m.version}`;
    if (e === 'colour') m.ev.colorId = String(m.version);
    if (e === 'delete') m.ev.status = 'cancelled';
    bump();
  };
  const refuse = () =>
    new GoogleCallError('events.x', {
      kind: 'fatal',
      status: 412,
      reason: 'conditionNotMet',
      message: 'Precondition Failed',
      retryAfterMs: null,
    });
  /** One request; a lost answer is re-sent as the client's retry would, with the same If-Match. */
  const send = <T>(g: WriteGuard | undefined, apply: () => T): T => {
    for (;;) {
      if (g?.ifMatch && g.ifMatch !== m.ev.etag) throw refuse();
      const out = apply();
      if (lost) return out;
      lost = true; // applied, answer lost: the retry goes out
    }
  };
  const writer = {
    async patch(_c: string, _id: string, body: GoogleEventBody, _ctx: CallContext, g?: WriteGuard) {
      other();
      return send(g, () => {
        if (m.ev.summary !== seen && m.ev.summary !== body.summary) m.overwrote = true;
        m.ev = { ...m.ev, summary: body.summary!, status: 'confirmed' };
        bump();
        return { ...m.ev };
      });
    },
    async remove(_c: string, _id: string, _ctx: CallContext, g?: WriteGuard): Promise<'deleted' | 'gone'> {
      other();
      return send(g, () => {
        if (m.ev.status === 'cancelled') return 'gone';
        if (m.ev.summary !== seen) m.overwrote = true;
        m.ev = { ...m.ev, status: 'cancelled' };
        bump();
        return 'deleted';
      });
    },
    async get() {
      other();
      return { ...m.ev };
    },
  } as unknown as EventWriter;
  return { m, writer };
}

const ctx = {} as CallContext;
const arbEdits = fc.array(fc.constantFrom<Edit>('none', 'none', 'content', 'colour', 'delete'), { maxLength: 4 });

describe('guarded writes', () => {
  it('patch: never over an unseen content change; written means Google holds it; unhindered means written', async () => {
    await fc.assert(
      fc.asyncProperty(arbEdits, fc.boolean(), async (edits, lose) => {
        const { m, writer } = world('mine', edits, lose);
        const out = await guardedPatch(writer, 'c', 'e', { summary: 'wanted' }, ctx, '"1"', {
          landed: (ev) => ev.summary === 'wanted',
          unchanged: (ev) => ev.summary === 'mine',
        });
        expect(m.overwrote).toBe(false);
        if (out.kind === 'written') expect([m.ev.summary, m.ev.status]).toEqual(['wanted', 'confirmed']);
        if (!m.othersChangedContent && m.colourEdits <= 1) expect(out.kind).toBe('written');
        if (out.kind === 'changed') expect(m.othersChangedContent || m.colourEdits > 1).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('remove: never over an unseen content change; done means deleted at Google; unhindered means done', async () => {
    await fc.assert(
      fc.asyncProperty(arbEdits, fc.boolean(), async (edits, lose) => {
        const { m, writer } = world('mine', edits, lose);
        const out = await guardedRemove(writer, 'c', 'e', ctx, '"1"', (ev) => ev.summary === 'mine');
        expect(m.overwrote).toBe(false);
        if (out.kind !== 'changed') expect(m.ev.status).toBe('cancelled');
        if (!m.othersChangedContent && m.colourEdits <= 1) expect(out.kind).not.toBe('changed');
        if (out.kind === 'changed') expect(m.ev.status).toBe('confirmed');
      }),
      { numRuns: 500 },
    );
  });

  it('no etag to guard by: the write is unconditional, as before etags were kept', async () => {
    const { m, writer } = world('mine', ['content'], false);
    const out = await guardedPatch(writer, 'c', 'e', { summary: 'wanted' }, ctx, null, {
      landed: () => false,
      unchanged: () => false,
    });
    expect(out.kind).toBe('written');
    expect(m.ev.summary).toBe('wanted');
  });
});
