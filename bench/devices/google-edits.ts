// A team editing its calendars at Google while the devices run: inserts,
// updates, deletes, and changes to recurring series (an instance moved or
// cancelled, the whole series renamed). It remembers the ids it made, so an
// edit costs O(1) instead of a listing of the calendar.
import type { FakeGoogle } from '../../tests/fakes/google';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Series {
  id: string;
  /** Original starts (ISO, UTC) of instances not cancelled yet. */
  starts: string[];
}

export class GoogleEdits {
  private readonly plain = new Map<string, string[]>();
  private readonly series = new Map<string, Series>();
  private n = 0;
  /** Edits made so far, by kind. */
  readonly counts = { insert: 0, update: 0, delete: 0, moveInstance: 0, cancelInstance: 0, renameSeries: 0 };

  constructor(
    private readonly google: FakeGoogle,
    private readonly calendars: string[],
    private readonly random: () => number,
  ) {}

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }

  private pick<T>(xs: T[]): T {
    return xs[Math.floor(this.random() * xs.length)]!;
  }

  /** `count` single events around now plus one weekly series of 26 instances. */
  seed(cal: string, count: number): void {
    const ids: string[] = [];
    this.plain.set(cal, ids);
    for (let i = 0; i < count; i++) ids.push(this.insertOne(cal, `seed ${i}`));
    // UTC series: an instance's original start is the series start plus whole weeks.
    const first = Math.floor(Date.now() / DAY) * DAY + DAY + 9 * HOUR;
    const master = this.google.insertEvent(cal, {
      summary: 'Weekly team sync',
      start: { dateTime: new Date(first).toISOString(), timeZone: 'UTC' },
      end: { dateTime: new Date(first + HOUR / 2).toISOString(), timeZone: 'UTC' },
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=26'],
    });
    this.series.set(cal, {
      id: master.id!,
      starts: Array.from({ length: 26 }, (_, k) => new Date(first + k * 7 * DAY).toISOString()),
    });
  }

  private insertOne(cal: string, title: string): string {
    const start = Date.now() + this.int(-10 * 24, 60 * 24) * HOUR;
    if (this.random() < 0.1) {
      const day = new Date(start).toISOString().slice(0, 10);
      const end = new Date(start + DAY).toISOString().slice(0, 10);
      return this.google.insertEvent(cal, { summary: title, start: { date: day }, end: { date: end } }).id!;
    }
    return this.google.insertEvent(cal, {
      summary: title,
      start: { dateTime: new Date(start).toISOString() },
      end: { dateTime: new Date(start + this.pick([30, 60, 90]) * 60_000).toISOString() },
    }).id!;
  }

  /** One random edit on a random calendar (or on `cal`). */
  edit(cal = this.pick(this.calendars)): void {
    const ids = this.plain.get(cal)!;
    const s = this.series.get(cal)!;
    const tag = `e${++this.n}`;
    const r = this.random();
    if (r < 0.3 || ids.length < 5) {
      ids.push(this.insertOne(cal, `new ${tag}`));
      this.counts.insert++;
    } else if (r < 0.65) {
      const id = this.pick(ids);
      const start = Date.now() + this.int(-5 * 24, 30 * 24) * HOUR;
      this.google.patchEvent(
        cal,
        id,
        this.random() < 0.6
          ? { summary: `edited ${tag}` }
          : {
              summary: `moved ${tag}`,
              start: { dateTime: new Date(start).toISOString() },
              end: { dateTime: new Date(start + HOUR).toISOString() },
            },
      );
      this.counts.update++;
    } else if (r < 0.85) {
      const at = Math.floor(this.random() * ids.length);
      this.google.deleteEvent(cal, ids[at]!);
      ids.splice(at, 1);
      this.counts.delete++;
    } else if (r < 0.97 && s.starts.length > 2) {
      const at = Math.floor(this.random() * s.starts.length);
      const original = s.starts[at]!;
      if (this.random() < 0.6) {
        const start = Date.parse(original) + this.int(1, 6) * HOUR;
        this.google.moveInstance(cal, s.id, original, {
          summary: `instance ${tag}`,
          start: { dateTime: new Date(start).toISOString(), timeZone: 'UTC' },
          end: { dateTime: new Date(start + HOUR / 2).toISOString(), timeZone: 'UTC' },
        });
        this.counts.moveInstance++;
      } else {
        this.google.cancelInstance(cal, s.id, original);
        s.starts.splice(at, 1);
        this.counts.cancelInstance++;
      }
    } else {
      // The whole series: every instance that is not an exception changes with it.
      this.google.patchEvent(cal, s.id, { description: `agenda ${tag}` });
      this.counts.renameSeries++;
    }
  }

  total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }
}
