// Calendars and who sees them. A calendar exists once; each user who has it in
// their calendar list holds a Subscription with their own access role. Every
// user gets a primary calendar whose id is their email, as in Google.
import { GoogleApiError } from '../errors';
import type { IdSource } from '../ids';
import type { AddCalendarInput } from '../types';
import type { CalendarRecord, Sequence, Subscription } from './model';
import { isValidTimeZone } from './time';

// Google's calendar palette (colorId → background), as the fixtures show it.
const PALETTE = [
  '#ac725e',
  '#d06b64',
  '#f83a22',
  '#fa573c',
  '#ff7537',
  '#ffad46',
  '#42d692',
  '#16a765',
  '#7bd148',
  '#b3dc6c',
  '#fbe983',
  '#fad165',
  '#92e1c0',
  '#9fe1e7',
  '#9fc6e7',
  '#4986e7',
  '#9a9cff',
  '#b99aff',
  '#c2c2c2',
  '#cabdbf',
  '#cca6ac',
  '#f691b2',
  '#cd74e6',
  '#a47ae2',
];
const ROLES = new Set(['owner', 'writer', 'writerWithoutPrivateAccess', 'reader', 'freeBusyReader']);

export class Calendars {
  readonly records = new Map<string, CalendarRecord>();
  private readonly subs = new Map<string, Subscription[]>();

  constructor(
    private readonly seq: Sequence,
    private readonly ids: IdSource,
    private readonly now: () => number,
  ) {}

  private newRecord(id: string, input: AddCalendarInput, colorId: string): CalendarRecord {
    const tz = input.timeZone ?? 'UTC';
    if (!isValidTimeZone(tz)) throw new Error(`fake-google: unknown time zone ${tz}`);
    return {
      id,
      summary: input.summary,
      description: input.description,
      timeZone: tz,
      colorId,
      backgroundColor: input.backgroundColor ?? PALETTE[Number(colorId) - 1] ?? '#9fe1e7',
      foregroundColor: input.foregroundColor ?? '#000000',
      defaultReminders:
        input.defaultReminders?.map((r) => ({ method: r.method ?? 'popup', minutes: r.minutes ?? 30 })) ?? [],
      updatedMs: this.now(),
      seq: this.seq.next(),
      epoch: 1,
      events: new Map(),
      logSeq: [],
      logId: [],
      exceptions: new Map(),
      tombstones: new Map(),
      purgedSeq: 0,
    };
  }

  /** Called by addUser: the primary calendar, id = email, with Google's default 30-minute popup. */
  addPrimary(email: string): void {
    if (this.records.has(email)) return;
    const rec = this.newRecord(
      email,
      { summary: email, description: '', defaultReminders: [{ method: 'popup', minutes: 30 }] },
      '14',
    );
    this.records.set(email, rec);
    this.subscribe(email, rec, { summary: email, accessRole: 'owner', primary: true });
  }

  private subscribe(email: string, rec: CalendarRecord, input: AddCalendarInput): void {
    const list = this.subs.get(email) ?? [];
    const role = input.accessRole ?? 'owner';
    if (!ROLES.has(role)) throw new Error(`fake-google: unknown accessRole ${role}`);
    list.push({
      calendarId: rec.id,
      accessRole: role,
      primary: input.primary ?? false,
      hidden: input.hidden ?? false,
      selected: input.selected ?? true,
      colorId: input.colorId ?? rec.colorId,
      backgroundColor: input.backgroundColor ?? rec.backgroundColor,
      foregroundColor: input.foregroundColor ?? rec.foregroundColor,
      defaultReminders: rec.defaultReminders,
      seq: this.seq.next(),
      updatedMs: this.now(),
    });
    this.subs.set(email, list);
  }

  /** Adds (or, for an existing id, shares) a calendar into a user's list; `primary: true` edits the user's primary calendar. */
  add(email: string, input: AddCalendarInput): string {
    if (!this.subs.has(email)) throw new Error(`fake-google: unknown user ${email}`);
    if (input.primary) {
      const rec = this.records.get(email) as CalendarRecord;
      rec.summary = input.summary;
      if (input.timeZone) rec.timeZone = input.timeZone;
      if (input.description !== undefined) rec.description = input.description;
      if (input.backgroundColor) rec.backgroundColor = input.backgroundColor;
      const sub = this.subscription(email, email) as Subscription;
      if (input.backgroundColor) sub.backgroundColor = input.backgroundColor;
      sub.seq = this.seq.next();
      return email;
    }
    const id = input.id ?? `${this.ids.pick('0123456789abcdef', 52)}@group.calendar.google.com`;
    let rec = this.records.get(id);
    if (!rec) {
      const colorId = input.colorId ?? String(1 + ((this.records.size * 7) % PALETTE.length));
      rec = this.newRecord(id, input, colorId);
      this.records.set(id, rec);
    }
    if (this.subscription(email, id)) throw new Error(`fake-google: ${email} already has ${id}`);
    this.subscribe(email, rec, input);
    return id;
  }

  listFor(email: string): Subscription[] {
    return this.subs.get(email) ?? [];
  }

  subscription(email: string, calendarId: string): Subscription | undefined {
    return this.listFor(email).find((s) => s.calendarId === calendarId);
  }

  /** Calendar + the caller's role; "primary" is the caller's own. 404 when the caller cannot see it. */
  resolve(email: string, calendarId: string): { cal: CalendarRecord; sub: Subscription } {
    const id = calendarId === 'primary' ? email : calendarId;
    const sub = this.subscription(email, id);
    const cal = this.records.get(id);
    if (!sub || !cal) throw new GoogleApiError('notFound');
    return { cal, sub };
  }

  /** The first owner of a calendar: whose view the test helpers take. */
  ownerOf(calendarId: string): string | undefined {
    for (const [email, list] of this.subs)
      if (list.some((s) => s.calendarId === calendarId && s.accessRole === 'owner')) return email;
    for (const [email, list] of this.subs) if (list.some((s) => s.calendarId === calendarId)) return email;
    return undefined;
  }

  get(calendarId: string): CalendarRecord {
    const rec = this.records.get(calendarId);
    if (!rec) throw new Error(`fake-google: unknown calendar ${calendarId}`);
    return rec;
  }
}
