// The workspace's push leases, watched from the database: who holds which
// calendar at the moment of a kill, how long until someone next finishes a
// push of each calendar the dead device held (the hand-over), and an audit
// trigger that records every row written by a device not holding that
// calendar's lease at that instant (it records, never refuses, so the bench
// measures what happens instead of changing it).
import type { SupabaseShim } from '../../tests/fakes/supabase';

const AUDIT = [
  `create table public.bench_lease_audit (device text, calendar text, at timestamptz default clock_timestamp())`,
  `create or replace function public.bench_audit_lease() returns trigger language plpgsql security definer set search_path = '' as $$
  begin
    if not exists (select 1 from public.calendar_sync_states s
                    where s.ws_id = new.ws_id and s.calendar_key = new.provider || ':' || new.external_calendar_id
                      and s.lease_holder = new.pushed_by_device and s.lease_expires_at > clock_timestamp()) then
      insert into public.bench_lease_audit (device, calendar) values (new.pushed_by_device, new.external_calendar_id);
    end if;
    return new;
  end $$`,
  `create trigger bench_audit_lease before insert or update on public.workspace_calendar_events
    for each row execute function public.bench_audit_lease()`,
];

export async function installLeaseAudit(shim: SupabaseShim): Promise<void> {
  for (const sql of AUDIT) await shim.query(sql);
}

/** Rows written without the writer holding the calendar's lease, by calendar. */
export async function leaseAuditCount(shim: SupabaseShim): Promise<number> {
  const [r] = await shim.query<{ n: number }>('select count(*)::int as n from public.bench_lease_audit');
  return r?.n ?? 0;
}

/** Calendar keys each device id holds a live lease on right now, and the database's clock. */
export async function leaseHolders(
  shim: SupabaseShim,
  wsId: string,
): Promise<{ at: Date; held: Map<string, string[]> }> {
  const rows = await shim.query<{ calendar_key: string; lease_holder: string; at: Date }>(
    `select calendar_key, lease_holder, clock_timestamp() as at from public.calendar_sync_states
      where ws_id = $1 and lease_holder is not null and lease_expires_at > clock_timestamp()`,
    [wsId],
  );
  const held = new Map<string, string[]>();
  for (const r of rows) held.set(r.lease_holder, [...(held.get(r.lease_holder) ?? []), r.calendar_key]);
  const at = rows[0]?.at ?? (await shim.query<{ at: Date }>('select clock_timestamp() as at'))[0]!.at;
  return { at, held };
}

interface Pending {
  key: string;
  killedAt: number;
  victim: string;
  /** When the victim was looping again (its own clock), if it was by the hand-over. */
  backAt?: number;
  killedLocal: number;
}

export interface HandOver {
  key: string;
  ms: number;
  /** The killed device itself, restarted, or another device. */
  bySelf: boolean;
  /** How long the victim was down (kill to looping again), when it came back before the hand-over. */
  downMs: number | null;
}

/** Kills of lease holders, and when each of their calendars was next pushed to the end. */
export class HandOverWatch {
  private pending: Pending[] = [];
  readonly done: HandOver[] = [];

  constructor(
    private readonly shim: SupabaseShim,
    private readonly wsId: string,
  ) {}

  /** Call right after the kill, with the keys the victim held. The database's clock times both ends. */
  async killed(victim: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const [{ at }] = (await this.shim.query<{ at: Date }>('select clock_timestamp() as at')) as [{ at: Date }];
    for (const key of keys) this.pending.push({ key, killedAt: at.getTime(), victim, killedLocal: Date.now() });
  }

  /** The victim loops again: hand-overs still open are annotated with its down time. */
  restarted(victim: string): void {
    for (const p of this.pending) if (p.victim === victim) p.backAt ??= Date.now();
  }

  async poll(): Promise<void> {
    if (this.pending.length === 0) return;
    const rows = await this.shim.query<{ calendar_key: string; last_synced_at: Date | null; last_synced_by: string }>(
      `select calendar_key, last_synced_at, last_synced_by from public.calendar_sync_states
        where ws_id = $1 and calendar_key = any($2)`,
      [this.wsId, [...new Set(this.pending.map((p) => p.key))]],
    );
    const state = new Map(rows.map((r) => [r.calendar_key, r]));
    this.pending = this.pending.filter((p) => {
      const s = state.get(p.key);
      const at = s?.last_synced_at?.getTime() ?? 0;
      if (at <= p.killedAt) return true;
      this.done.push({
        key: p.key,
        ms: at - p.killedAt,
        bySelf: s!.last_synced_by === p.victim,
        downMs: p.backAt === undefined ? null : p.backAt - p.killedLocal,
      });
      return false;
    });
  }

  /** Held calendars nobody has pushed since the kill (nothing new to push, or stuck). */
  open(): number {
    return this.pending.length;
  }
}
