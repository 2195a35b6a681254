// Writes to events, as events.insert/patch/update/delete perform them, including
// writes addressed to an instance id of a recurring series (which create an
// exception, moved or cancelled, as Google does).
import { GoogleApiError } from '../errors';
import { deepCopy, type IdSource } from '../ids';
import type { GoogleEvent } from '../types';
import { bump, fillNewEvent, isReschedule, mergePatch, validateForApi } from './event-model';
import { appendLog, type CalendarRecord, type Sequence, type StoredEvent } from './model';
import { expandSeries, isRecurringMaster, type Occurrence } from './recurrence';
import { formatInZone, isValidTimeZone, parseEventDateTime } from './time';
import { instanceOf } from './views';

export interface WriteOptions {
  viewerEmail: string;
  /** API writes are validated; test helpers may plant what Google would refuse. */
  validate: boolean;
  ifMatch?: string;
}

const unquote = (etag: string) => etag.replace(/^W\//, '').replace(/^"|"$/g, '');

function splitInstanceId(id: string): { masterId: string } | null {
  const i = id.lastIndexOf('_');
  if (i <= 0 || !/^\d{8}(T\d{6}Z)?$/.test(id.slice(i + 1))) return null;
  return { masterId: id.slice(0, i) };
}

/** Google rewrites dateTime into the offset of the event's (or calendar's) zone. */
function normaliseTimes(ev: GoogleEvent, calTz: string): void {
  for (const t of [ev.start, ev.end]) {
    if (!t?.dateTime) continue;
    const tz = t.timeZone ?? calTz;
    if (!isValidTimeZone(tz)) continue;
    const ms = parseEventDateTime(t.dateTime, tz);
    if (ms !== null) t.dateTime = formatInZone(ms, tz);
  }
}

/** How deletions age, as Google does it (the durations are Google's to choose and undocumented). */
export interface DeletionOptions {
  /** A deleted series is listed (singleEvents=true) as cancelled instances only up to this long after the delete; later instances simply vanish. */
  seriesWindowMs: number;
  /** A tombstone (deleted event) is listed this long; then it is purged and sync tokens from before it get 410. */
  tombstoneTtlMs: number;
}

export class EventStore {
  constructor(
    private readonly seq: Sequence,
    private readonly ids: IdSource,
    private readonly now: () => number,
    readonly horizonMs: number,
    readonly deletion: DeletionOptions = { seriesWindowMs: 182 * 86_400_000, tombstoneTtlMs: 30 * 86_400_000 },
  ) {}

  // Creator/organizer objects are shared between events (never edited in place) to keep memory flat.
  private readonly people = new Map<string, NonNullable<GoogleEvent['creator']>>();

  private person(email: string, displayName?: string): NonNullable<GoogleEvent['creator']> {
    const key = `${email}\n${displayName ?? ''}`;
    let p = this.people.get(key);
    if (!p) {
      p = Object.freeze(displayName ? { email, displayName, self: true } : { email, self: true });
      this.people.set(key, p);
    }
    return p;
  }

  /** On a primary calendar the user organizes; on a secondary one Google names the calendar itself. */
  private organizerOf(cal: CalendarRecord, viewer: string): NonNullable<GoogleEvent['organizer']> {
    return cal.id === viewer ? this.person(viewer) : this.person(cal.id, cal.summary);
  }

  expansion(cal: CalendarRecord, s: StoredEvent): Occurrence[] {
    if (s.expansion?.seq !== s.seq)
      s.expansion = { seq: s.seq, items: expandSeries(s.ev, cal.timeZone, this.horizonMs) };
    return s.expansion.items;
  }

  private write(cal: CalendarRecord, s: StoredEvent): void {
    s.seq = this.seq.next();
    bump(s.ev, this.now(), s.seq);
    cal.events.set(s.ev.id as string, s);
    cal.updatedMs = this.now();
    cal.seq = s.seq;
    appendLog(cal, s.seq, s.ev.id as string);
  }

  private checkIfMatch(s: StoredEvent, ifMatch: string | undefined): void {
    if (ifMatch && ifMatch !== '*' && unquote(ifMatch) !== unquote(s.ev.etag ?? ''))
      throw new GoogleApiError('conditionNotMet');
  }

  insert(cal: CalendarRecord, input: Partial<GoogleEvent>, o: WriteOptions): GoogleEvent {
    const id = input.id ?? this.ids.eventId();
    if (cal.events.has(id)) throw new GoogleApiError('duplicate');
    const ev = fillNewEvent(input, {
      id,
      nowMs: this.now(),
      seq: 0,
      creator: this.person(o.viewerEmail),
      organizer: this.organizerOf(cal, o.viewerEmail),
    });
    if (o.validate) validateForApi(ev, cal.timeZone);
    normaliseTimes(ev, cal.timeZone);
    if (o.validate) {
      for (const a of ev.attendees ?? []) {
        if (a.email?.toLowerCase() === o.viewerEmail) a.self = true;
        if (a.email?.toLowerCase() === ev.organizer?.email?.toLowerCase()) a.organizer = true;
        a.responseStatus = a.responseStatus ?? 'needsAction';
      }
    }
    const s: StoredEvent = { ev, seq: 0 };
    this.write(cal, s);
    return s.ev;
  }

  /** The stored event, or for an instance id the stored exception or the generated instance. */
  lookup(cal: CalendarRecord, id: string): { stored?: StoredEvent; master?: StoredEvent; occ?: Occurrence } {
    const stored = cal.events.get(id);
    if (stored) return { stored };
    const split = splitInstanceId(id);
    const master = split ? cal.events.get(split.masterId) : undefined;
    if (!master || !isRecurringMaster(master.ev)) return {};
    const occ = this.expansion(cal, master).find((x) => x.id === id);
    return occ ? { master, occ } : {};
  }

  get(cal: CalendarRecord, id: string): GoogleEvent | undefined {
    const { stored, master, occ } = this.lookup(cal, id);
    if (stored) return stored.ev;
    if (master && occ)
      return master.ev.status === 'cancelled'
        ? { ...instanceOf(master.ev, occ), status: 'cancelled' }
        : instanceOf(master.ev, occ);
    return undefined;
  }

  /** Turns a generated instance into a stored exception (the first write to an instance does this). */
  private materialise(cal: CalendarRecord, master: StoredEvent, occ: Occurrence): StoredEvent {
    const ev = deepCopy(instanceOf(master.ev, occ));
    const s: StoredEvent = { ev, seq: 0 };
    const set = cal.exceptions.get(master.ev.id as string) ?? new Set<string>();
    set.add(occ.id);
    cal.exceptions.set(master.ev.id as string, set);
    return s;
  }

  patch(
    cal: CalendarRecord,
    id: string,
    patch: Partial<GoogleEvent>,
    o: WriteOptions & { replace?: boolean },
  ): GoogleEvent {
    const found = this.lookup(cal, id);
    const s = found.stored ?? (found.master && found.occ ? this.materialise(cal, found.master, found.occ) : undefined);
    if (!s) throw new GoogleApiError('notFound');
    this.checkIfMatch(s, o.ifMatch);
    const before = isRecurringMaster(s.ev) ? this.expansion(cal, s) : null;
    const {
      id: _id,
      etag: _etag,
      kind: _kind,
      htmlLink: _link,
      created: _created,
      updated: _updated,
      iCalUID: _uid,
      ...body
    } = patch;
    const next = deepCopy(s.ev) as Record<string, unknown>;
    if (o.replace) {
      for (const k of Object.keys(next))
        if (
          ![
            'kind',
            'id',
            'etag',
            'htmlLink',
            'created',
            'updated',
            'iCalUID',
            'creator',
            'organizer',
            'sequence',
            'recurringEventId',
            'originalStartTime',
          ].includes(k)
        )
          delete next[k];
    }
    mergePatch(next, body as Record<string, unknown>);
    const ev = next as GoogleEvent;
    if (o.replace) {
      ev.status = ev.status ?? 'confirmed';
      ev.reminders = ev.reminders ?? { useDefault: true };
      ev.eventType = ev.eventType ?? 'default';
    }
    if (o.validate) validateForApi(ev, cal.timeZone);
    normaliseTimes(ev, cal.timeZone);
    if (isReschedule(patch) && patch.sequence === undefined) ev.sequence = (s.ev.sequence ?? 0) + 1;
    s.ev = ev;
    this.write(cal, s);
    if (before) this.trackRemovedInstances(cal, s, before);
    return s.ev;
  }

  /** A reschedule of a master drops instances; incremental syncs must hear of each one as cancelled. */
  private trackRemovedInstances(cal: CalendarRecord, s: StoredEvent, before: Occurrence[]): void {
    const after = new Set(this.expansion(cal, s).map((x) => x.id));
    const removed = s.removed ?? new Map();
    for (const occ of before) if (!after.has(occ.id)) removed.set(occ.id, occ.originalStartTime);
    for (const id of after) removed.delete(id);
    s.removed = removed.size > 0 ? removed : undefined;
  }

  remove(cal: CalendarRecord, id: string, o: WriteOptions): void {
    const found = this.lookup(cal, id);
    const s = found.stored ?? (found.master && found.occ ? this.materialise(cal, found.master, found.occ) : undefined);
    if (!s) throw new GoogleApiError('notFound');
    // A delete leaves a cancelled event with a new etag, so a guarded repeat meets 412 before 410.
    this.checkIfMatch(s, o.ifMatch);
    if (s.ev.status === 'cancelled') throw new GoogleApiError('deleted');
    s.ev = { ...s.ev, status: 'cancelled' };
    this.write(cal, s);
    // A cancelled instance of a live series is part of that series (an EXDATE): it does not expire.
    const master = s.ev.recurringEventId ? cal.events.get(s.ev.recurringEventId) : undefined;
    if (!master || master.ev.status === 'cancelled') this.entomb(cal, s);
    for (const exId of cal.exceptions.get(id) ?? []) {
      const ex = cal.events.get(exId);
      if (!ex) continue;
      if (ex.ev.status !== 'cancelled') {
        ex.ev = { ...ex.ev, status: 'cancelled' };
        this.write(cal, ex);
      }
      this.entomb(cal, ex);
    }
  }

  private entomb(cal: CalendarRecord, s: StoredEvent): void {
    s.deletedMs ??= this.now();
    cal.tombstones.set(s.ev.id as string, s.deletedMs);
  }

  /** Drops tombstones older than their time to live, as Google stops listing deleted events after a while. */
  purge(cal: CalendarRecord): void {
    const cutoff = this.now() - this.deletion.tombstoneTtlMs;
    for (const [id, deletedMs] of cal.tombstones) {
      if (deletedMs > cutoff) continue;
      const s = cal.events.get(id);
      cal.tombstones.delete(id);
      if (!s || s.ev.status !== 'cancelled') continue;
      cal.events.delete(id);
      cal.exceptions.delete(id);
      cal.purgedSeq = Math.max(cal.purgedSeq, s.seq);
    }
  }

  invalidate(cal: CalendarRecord): void {
    cal.epoch += 1;
  }
}
