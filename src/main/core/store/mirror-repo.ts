// Busy mirroring's tables (schema step 12): the rules, and per rule what it
// wrote into the target. Reads the events cache for the source's events and
// the target's copies; never writes `events` (events-repo.ts does).
import type { Db } from './database';
import type { DesiredMirror, ExistingMirror, MirrorOptions, SourceEvent } from '../mirror/mirror-types';
import { fingerprint } from '../mirror/plan-mirror';

export interface MirrorRuleRecord extends MirrorOptions {
  fromAccountId: string;
  fromCalendarId: string;
  toAccountId: string;
  toCalendarId: string;
  createdAt: number;
  lastRunAt: number | null;
  lastError: string | null;
  lastResult: MirrorRunCounts | null;
}

/** One cached event: its account, calendar and Google id. */
export interface EventRef {
  accountId: string;
  calendarId: string;
  id: string;
}

/** What calsync last wrote as one mirror, and Google's etag of it. */
export interface WrittenMirror {
  fp: string;
  endMs: number;
  etag: string | null;
}

export interface MirrorRunCounts {
  inserted: number;
  updated: number;
  deleted: number;
  leftAlone: number;
  handEdited: number;
}

interface RuleRow {
  id: string;
  from_account_id: string;
  from_calendar_id: string;
  to_account_id: string;
  to_calendar_id: string;
  show_title: number;
  visibility: MirrorOptions['visibility'];
  all_day: number;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  horizon_days: number;
  created_at: number;
  last_run_at: number | null;
  last_error: string | null;
  last_result: string | null;
}

const toRule = (r: RuleRow): MirrorRuleRecord => ({
  id: r.id,
  fromAccountId: r.from_account_id,
  fromCalendarId: r.from_calendar_id,
  toAccountId: r.to_account_id,
  toCalendarId: r.to_calendar_id,
  showTitle: r.show_title === 1,
  visibility: r.visibility,
  allDay: r.all_day === 1,
  bufferBeforeMinutes: r.buffer_before_minutes,
  bufferAfterMinutes: r.buffer_after_minutes,
  horizonDays: r.horizon_days,
  createdAt: r.created_at,
  lastRunAt: r.last_run_at,
  lastError: r.last_error,
  lastResult: r.last_result === null ? null : (JSON.parse(r.last_result) as MirrorRunCounts),
});

interface EventCols {
  id: string;
  title: string;
  transparency: 'opaque' | 'transparent';
  self_response: SourceEvent['selfResponse'];
  event_type: string;
  all_day: number;
  start_ms: number | null;
  end_ms: number | null;
  start_date: string | null;
  end_date: string | null;
  end_time_unspecified: number;
  updated: string | null;
  calsync_mirror_rule: string | null;
}

export class MirrorRepo {
  constructor(private readonly db: Db) {}

  createRule(rule: Omit<MirrorRuleRecord, 'lastRunAt' | 'lastError' | 'lastResult'>): MirrorRuleRecord {
    this.db
      .prepare(
        `INSERT INTO mirror_rules (id, from_account_id, from_calendar_id, to_account_id, to_calendar_id, show_title,
          visibility, all_day, buffer_before_minutes, buffer_after_minutes, horizon_days, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        rule.id,
        rule.fromAccountId,
        rule.fromCalendarId,
        rule.toAccountId,
        rule.toCalendarId,
        rule.showTitle ? 1 : 0,
        rule.visibility,
        rule.allDay ? 1 : 0,
        rule.bufferBeforeMinutes,
        rule.bufferAfterMinutes,
        rule.horizonDays,
        rule.createdAt,
      );
    return this.getRule(rule.id)!;
  }

  listRules(): MirrorRuleRecord[] {
    return (this.db.prepare('SELECT * FROM mirror_rules ORDER BY created_at, id').all() as RuleRow[]).map(toRule);
  }

  getRule(id: string): MirrorRuleRecord | null {
    const r = this.db.prepare('SELECT * FROM mirror_rules WHERE id = ?').get(id) as RuleRow | undefined;
    return r ? toRule(r) : null;
  }

  /** Removes the rule and what it remembers (the events at Google are the caller's business). */
  removeRule(id: string): void {
    this.db.prepare('DELETE FROM mirror_rules WHERE id = ?').run(id);
  }

  recordRun(id: string, at: number, error: string | null, result: MirrorRunCounts | null): void {
    this.db
      .prepare('UPDATE mirror_rules SET last_run_at = ?, last_error = ?, last_result = ? WHERE id = ?')
      .run(at, error, result === null ? null : JSON.stringify(result), id);
  }

  /** Mirrors in place per rule (confirmed by Google). */
  mirroredCount(id: string): number {
    const r = this.db
      .prepare('SELECT count(*) AS n FROM mirror_events WHERE rule_id = ? AND confirmed = 1')
      .get(id) as { n: number };
    return r.n;
  }

  sourceEvents(accountId: string, calendarId: string): SourceEvent[] {
    const rows = this.db
      .prepare(
        `SELECT id, title, transparency, self_response, event_type, all_day, start_ms, end_ms, start_date, end_date,
           end_time_unspecified, updated, calsync_mirror_rule FROM events WHERE account_id = ? AND calendar_id = ?`,
      )
      .all(accountId, calendarId) as EventCols[];
    return rows.map((r) => ({
      key: r.id,
      title: r.title,
      transparency: r.transparency,
      selfResponse: r.self_response,
      eventType: r.event_type,
      allDay: r.all_day === 1,
      startMs: r.start_ms,
      endMs: r.end_ms,
      startDate: r.start_date,
      endDate: r.end_date,
      endTimeUnspecified: r.end_time_unspecified === 1,
      updated: r.updated,
      mirrorRule: r.calsync_mirror_rule,
    }));
  }

  /** What the rule wrote, each with the target's cached copy (`targetKnown`: the target calendar is synced). */
  existing(rule: MirrorRuleRecord, targetKnown: boolean): ExistingMirror[] {
    const rows = this.db
      .prepare(
        `SELECT m.source_key, m.target_event_id, m.source_version, m.written_fp, m.written_end_ms, m.confirmed,
           m.written_etag, m.hand_edited, m.hand_edit_reported, e.id AS t_id, e.title AS t_title, e.all_day AS t_all_day, e.start_ms AS t_start_ms,
           e.end_ms AS t_end_ms, e.start_date AS t_start_date, e.end_date AS t_end_date
         FROM mirror_events m LEFT JOIN events e
           ON e.account_id = ? AND e.calendar_id = ? AND e.id = m.target_event_id
         WHERE m.rule_id = ?`,
      )
      .all(rule.toAccountId, rule.toCalendarId, rule.id) as Array<{
      source_key: string;
      target_event_id: string;
      source_version: string | null;
      written_fp: string;
      written_end_ms: number;
      confirmed: number;
      written_etag: string | null;
      hand_edited: number;
      hand_edit_reported: number;
      t_id: string | null;
      t_title: string;
      t_all_day: number;
      t_start_ms: number | null;
      t_end_ms: number | null;
      t_start_date: string | null;
      t_end_date: string | null;
    }>;
    return rows.map((r) => ({
      sourceKey: r.source_key,
      targetId: r.target_event_id,
      sourceVersion: r.source_version,
      writtenFp: r.written_fp,
      writtenEndMs: r.written_end_ms,
      confirmed: r.confirmed === 1,
      writtenEtag: r.written_etag,
      handEdited: r.hand_edited === 1,
      handEditReported: r.hand_edit_reported === 1,
      target: !targetKnown
        ? 'unknown'
        : r.t_id === null
          ? 'absent'
          : {
              fp: fingerprint({
                allDay: r.t_all_day === 1,
                startMs: r.t_start_ms,
                endMs: r.t_end_ms,
                startDate: r.t_start_date,
                endDate: r.t_end_date,
                title: r.t_title,
              }),
            },
    }));
  }

  /** Written before Google is asked: a crash or lost answer leaves an unconfirmed row the next run inserts again. */
  writeAhead(ruleId: string, d: DesiredMirror): void {
    this.db
      .prepare(
        `INSERT INTO mirror_events (rule_id, source_key, target_event_id, source_version, written_fp, written_end_ms, confirmed)
         VALUES (?, ?, ?, ?, ?, ?, 0)
         ON CONFLICT (rule_id, source_key) DO UPDATE SET source_version = excluded.source_version,
           written_fp = excluded.written_fp, written_end_ms = excluded.written_end_ms, confirmed = 0`,
      )
      .run(ruleId, d.sourceKey, d.targetId, d.sourceVersion, d.fp, d.endMs);
  }

  /** What calsync last wrote for a source event (before a new write replaces it ahead of the call). */
  written(ruleId: string, sourceKey: string): WrittenMirror | null {
    const r = this.db
      .prepare(
        'SELECT written_fp, written_end_ms, written_etag FROM mirror_events WHERE rule_id = ? AND source_key = ?',
      )
      .get(ruleId, sourceKey) as
      { written_fp: string; written_end_ms: number; written_etag: string | null } | undefined;
    return r ? { fp: r.written_fp, endMs: r.written_end_ms, etag: r.written_etag } : null;
  }

  /** Google holds the write: its etag guards the mirror's next update or delete. */
  confirm(ruleId: string, sourceKey: string, etag: string | null): void {
    this.db
      .prepare('UPDATE mirror_events SET confirmed = 1, written_etag = ? WHERE rule_id = ? AND source_key = ?')
      .run(etag, ruleId, sourceKey);
  }

  /**
   * Google refused a guarded write: the mirror was changed by hand. What calsync
   * wrote before (`was`) is restored, so the row never claims a write that did
   * not happen, and the mirror is left alone from now on.
   */
  markHandEdited(ruleId: string, sourceKey: string, was: WrittenMirror | null): void {
    this.db
      .prepare(
        `UPDATE mirror_events SET hand_edited = 1, confirmed = 1, written_fp = coalesce(?, written_fp),
           written_end_ms = coalesce(?, written_end_ms), written_etag = coalesce(?, written_etag)
         WHERE rule_id = ? AND source_key = ?`,
      )
      .run(was?.fp ?? null, was?.endMs ?? null, was?.etag ?? null, ruleId, sourceKey);
  }

  forget(ruleId: string, sourceKey: string): void {
    this.db.prepare('DELETE FROM mirror_events WHERE rule_id = ? AND source_key = ?').run(ruleId, sourceKey);
  }

  markReported(ruleId: string, sourceKey: string): void {
    this.db
      .prepare('UPDATE mirror_events SET hand_edit_reported = 1 WHERE rule_id = ? AND source_key = ?')
      .run(ruleId, sourceKey);
  }

  /** Every target id the rule may have written (for removal), confirmed or not. */
  targets(ruleId: string): Array<{ sourceKey: string; targetId: string }> {
    return (
      this.db.prepare('SELECT source_key, target_event_id FROM mirror_events WHERE rule_id = ?').all(ruleId) as Array<{
        source_key: string;
        target_event_id: string;
      }>
    ).map((r) => ({ sourceKey: r.source_key, targetId: r.target_event_id }));
  }

  /**
   * Every mirror this device's rules wrote, with where its source is: the
   * planner leaves a mirror out when its source already counts as busy.
   */
  mirrorSources(): Array<{ target: EventRef; source: EventRef }> {
    const rows = this.db
      .prepare(
        `SELECT r.to_account_id, r.to_calendar_id, m.target_event_id, r.from_account_id, r.from_calendar_id, m.source_key
           FROM mirror_events m JOIN mirror_rules r ON r.id = m.rule_id`,
      )
      .all() as Array<{
      to_account_id: string;
      to_calendar_id: string;
      target_event_id: string;
      from_account_id: string;
      from_calendar_id: string;
      source_key: string;
    }>;
    return rows.map((r) => ({
      target: { accountId: r.to_account_id, calendarId: r.to_calendar_id, id: r.target_event_id },
      source: { accountId: r.from_account_id, calendarId: r.from_calendar_id, id: r.source_key },
    }));
  }
}
