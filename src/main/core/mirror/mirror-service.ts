// Busy mirroring's engine side: rules added and removed, and each rule run
// after its source account's calendars in a sync, under that account's lease,
// with the sync's retry policy and a time budget. Writes go to the target
// account with the event-write scope asked for incrementally
// (`calsync login --write`, as for accepting planned blocks).
import { randomUUID } from 'node:crypto';
import { AppError, toErrorData } from '../../../shared/errors';
import type { Tuning } from '../config/tuning';
import type { EventWriter } from '../google/event-writer';
import type { CallContext, CallStats } from '../google/retry';
import type { Logger } from '../log/logger';
import type { AccountRecord } from '../store/accounts-repo';
import type { CalendarRecord } from '../store/calendars-repo';
import type { MirrorRuleRecord } from '../store/mirror-repo';
import type { Store } from '../store/store';
import { Lease, syncLockName } from '../sync/lease';
import type { LeaseOwner } from '../sync/lease-owner';
import type { Clock } from '../clock';
import { executeMirrorPlan } from './mirror-executor';
import type { MirrorOptions } from './mirror-types';
import { Pacer } from './pacer';
import { planMirror } from './plan-mirror';

const WRITABLE = new Set(['owner', 'writer']);

export interface MirrorDeps {
  store: Store;
  log: Logger;
  clock: Clock;
  tuning: Tuning;
  owner: LeaseOwner;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  writerFor: (accountId: string) => Promise<EventWriter>;
}

export interface NewMirrorRule extends Omit<MirrorOptions, 'id'> {
  from: string;
  to: string;
}

export class MirrorService {
  constructor(private readonly d: MirrorDeps) {}

  add(input: NewMirrorRule): MirrorRuleRecord {
    const { store } = this.d;
    const from = this.calendar(input.from, 'from');
    const to = this.calendar(input.to, 'to');
    if (from.accountId === to.accountId && from.id === to.id)
      throw new AppError('bad-input', 'a calendar cannot mirror into itself; choose another --to calendar');
    if (!WRITABLE.has(to.accessRole))
      throw new AppError(
        'bad-input',
        `calsync cannot add events to "${to.summary}" (you are ${to.accessRole}); choose a calendar you own or may edit`,
      );
    if (!from.enabled)
      throw new AppError(
        'bad-input',
        `"${from.summary}" does not sync; run \`calsync calendars enable ${from.id}\` first`,
      );
    const dup = store.mirrors
      .listRules()
      .find(
        (r) =>
          r.fromAccountId === from.accountId &&
          r.fromCalendarId === from.id &&
          r.toAccountId === to.accountId &&
          r.toCalendarId === to.id,
      );
    if (dup) throw new AppError('conflict', `"${from.summary}" already mirrors into "${to.summary}" (rule ${dup.id})`);
    const rule = store.mirrors.createRule({
      // 32 hex digits: inside Google's id charset, so mirror markers and ids stay plain.
      id: randomUUID().replace(/-/g, ''),
      fromAccountId: from.accountId,
      fromCalendarId: from.id,
      toAccountId: to.accountId,
      toCalendarId: to.id,
      showTitle: input.showTitle,
      visibility: input.visibility,
      allDay: input.allDay,
      bufferBeforeMinutes: input.bufferBeforeMinutes,
      bufferAfterMinutes: input.bufferAfterMinutes,
      horizonDays: input.horizonDays,
      createdAt: this.d.clock.now(),
    });
    this.d.log.info({ ruleId: rule.id, from: from.id, to: to.id }, 'mirror rule added; it runs with the next sync');
    return rule;
  }

  /**
   * Deletes the rule's events at Google (unless `keepEvents`), then the rule.
   * Under the source account's sync lease, so no sync mirrors this rule meanwhile.
   */
  async remove(id: string, keepEvents: boolean): Promise<{ id: string; deleted: number; kept: number }> {
    const { store, tuning, clock } = this.d;
    const rule = store.mirrors.getRule(id);
    if (!rule) throw new AppError('not-found', `no mirror rule "${id}"; see \`calsync mirror\``);
    const targets = store.mirrors.targets(rule.id);
    if (keepEvents || targets.length === 0) {
      store.mirrors.removeRule(rule.id);
      return { id: rule.id, deleted: 0, kept: targets.length };
    }
    const lease = Lease.tryAcquire(
      store,
      syncLockName(rule.fromAccountId),
      this.d.owner,
      null,
      tuning.lockTtlMs,
      clock,
    );
    if (!lease) throw new AppError('locked', 'a sync of this calendar is running; try again when it has finished');
    const beat = setInterval(() => lease.beat(), tuning.heartbeatMs);
    beat.unref();
    try {
      const writer = await this.d.writerFor(rule.toAccountId);
      const target = store.calendars.get(rule.toAccountId, rule.toCalendarId);
      const ctx = this.callContext('removing a mirror rule', { apiCalls: 0, retries: 0 });
      const pacer = new Pacer(tuning.mirrorWritesPerSecond, () => clock.now(), this.d.sleep);
      let deleted = 0;
      for (const t of targets) {
        await pacer.take();
        if ((await writer.remove(rule.toCalendarId, t.targetId, ctx)) === 'deleted') deleted++;
        store.transaction(() => {
          if (target?.enabled) store.events.deleteCancelled(rule.toAccountId, rule.toCalendarId, t.targetId);
          store.mirrors.forget(rule.id, t.sourceKey);
        });
      }
      store.mirrors.removeRule(rule.id);
      return { id: rule.id, deleted, kept: 0 };
    } finally {
      clearInterval(beat);
      lease.release();
    }
  }

  /** After an account's calendars synced (SyncRunner's afterAccount): the rules whose source is in it. Never throws. */
  async afterAccount(account: AccountRecord, stats: CallStats, stillOwner: () => boolean): Promise<void> {
    for (const rule of this.d.store.mirrors.listRules()) {
      if (rule.fromAccountId !== account.id) continue;
      if (!stillOwner()) return;
      try {
        await this.runRule(rule, stats, stillOwner);
      } catch (e) {
        const err = toErrorData(e);
        this.d.store.mirrors.recordRun(rule.id, this.d.clock.now(), err.message, null);
        this.d.log.warn({ ruleId: rule.id, err: err.message }, 'mirror rule failed');
      }
    }
  }

  private async runRule(rule: MirrorRuleRecord, stats: CallStats, stillOwner: () => boolean): Promise<void> {
    const { store, clock, tuning } = this.d;
    const source = store.calendars.get(rule.fromAccountId, rule.fromCalendarId);
    // Only a source synced without error this run is mirrored: a half-synced cache would delete real mirrors.
    if (!source?.enabled || !source.hasSyncToken || source.lastError)
      throw new AppError('conflict', `the source calendar ${rule.fromCalendarId} is not synced; nothing was mirrored`);
    const target = store.calendars.get(rule.toAccountId, rule.toCalendarId);
    if (!target) throw new AppError('not-found', `the target calendar ${rule.toCalendarId} is gone from its account`);
    const account = store.accounts.get(rule.toAccountId);
    if (!account || account.status !== 'active')
      throw new AppError('needs-login', `${account?.email ?? rule.toAccountId} needs to sign in again`);
    if (!account.canWrite)
      throw new AppError(
        'needs-consent',
        `calsync needs your permission to add events to ${account.email}'s calendar. Run \`calsync login --write\` as ${account.email}.`,
      );
    const now = clock.now();
    const plan = planMirror(
      rule,
      store.mirrors.sourceEvents(rule.fromAccountId, rule.fromCalendarId),
      store.mirrors.existing(rule, target.enabled && target.hasSyncToken),
      now,
    );
    const writes = plan.insert.length + plan.update.length + plan.delete.length;
    const { counts, error } = await executeMirrorPlan(
      {
        store,
        log: this.d.log,
        writer: () => this.d.writerFor(rule.toAccountId),
        ctx: this.callContext(`mirroring ${rule.fromCalendarId} into ${rule.toCalendarId}`, stats),
        pacer: new Pacer(tuning.mirrorWritesPerSecond, () => clock.now(), this.d.sleep),
        stillOwner,
      },
      rule,
      target,
      plan,
    );
    store.mirrors.recordRun(rule.id, clock.now(), error, counts);
    if (writes > 0 || counts.handEdited > 0) this.d.log.info({ ruleId: rule.id, ...counts, error }, 'mirror rule ran');
  }

  private callContext(what: string, stats: CallStats): CallContext {
    const { clock, tuning } = this.d;
    // A first mirror of a big calendar is paced: it gets the full sync's budget; what is left follows next sync.
    return {
      deadline: clock.now() + tuning.fullBudgetMs,
      budgetMs: tuning.fullBudgetMs,
      what,
      stats,
      now: () => clock.now(),
      sleep: this.d.sleep,
      random: this.d.random,
    };
  }

  /** A calendar by id, or by its name when that is unique (as `calsync calendars` lists them). */
  private calendar(ref: string, which: 'from' | 'to'): CalendarRecord {
    const active = new Set(
      this.d.store.accounts
        .list()
        .filter((a) => a.status === 'active')
        .map((a) => a.id),
    );
    const all = this.d.store.calendars.list().filter((c) => active.has(c.accountId));
    const byId = all.filter((c) => c.id === ref);
    const matches = byId.length ? byId : all.filter((c) => c.summary.toLowerCase() === ref.toLowerCase());
    const best = matches.find((c) => WRITABLE.has(c.accessRole)) ?? matches[0];
    if (!best)
      throw new AppError(
        'not-found',
        `--${which} calendar "${ref}" is not among the calendars of your signed-in accounts; see \`calsync calendars\``,
      );
    if (byId.length === 0 && matches.length > 1)
      throw new AppError('bad-input', `several calendars are named "${ref}"; name the --${which} calendar by its id`);
    return best;
  }
}
