// Google Tasks both ways: a status change of an imported task made in calsync
// (done, or open again) is queued in the transaction of the change and then
// written to Google with tasks.patch — at once, and again by each sync of the
// account (before its import) until Google is seen to hold it. Before a patch
// the task is read: unchanged at Google since the last import → patch;
// already as wanted → settled without a patch (a lost answer, a crash after
// the send); edited at Google → Google's fields win and the user is told once
// (write-decision.ts). Without the `tasks` scope nothing is queued: the change
// stays local and the user is told once how to allow it.
import type { Settings, Task } from '../../../shared/domain';
import { toErrorData } from '../../../shared/errors';
import type { CallContext, CallStats } from '../google/retry';
import { hasScope, SCOPES } from '../google/scopes';
import { tasksWriteConsentMessage } from '../google/tasks-consent';
import type { TasksWriter } from '../google/tasks-writer';
import type { Logger } from '../log/logger';
import type { AccountRecord } from '../store/accounts-repo';
import type { TaskWriteRow } from '../store/google-task-writes-repo';
import type { Store } from '../store/store';
import type { Clock } from '../clock';
import { owned } from './apply-import';
import { mapGoogleTask } from './map-task';
import { conflictWarning, decideWrite, wantedStatus, type RemoteTask } from './write-decision';

export interface WriteBackDeps {
  store: Store;
  log: Logger;
  clock: Clock;
  settings: () => Settings;
  writerFor: (account: AccountRecord) => Promise<TasksWriter>;
  /** A call context with this budget (the sync's retry policy lives in the writer). */
  callContext: (what: string, stats: CallStats, budgetMs: number) => CallContext;
  /** Budget of the send right after a change (the next sync tries again anyway). */
  immediateBudgetMs: number;
  /** Budget of the sends at the start of a sync. */
  syncBudgetMs: number;
}

type SendOutcome = { settled: boolean; warning?: string };

export const WRITE_HINT_KEY = (accountId: string) => `googleTasks.writeHint:${accountId}`;

export class TaskWriteBack {
  constructor(private readonly d: WriteBackDeps) {}

  /**
   * Inside the transaction of a local task change: queues the status for
   * Google when an imported task's status changed and the account may write
   * Tasks. 'local-only' when it may not (told once per account).
   */
  noteStatusChange(before: Task, after: Task): 'queued' | 'local-only' | null {
    const { store } = this.d;
    if (before.status === after.status || after.source !== 'google') return null;
    const side = store.googleTaskWrites.googleSide(after.id);
    const account = side && store.accounts.get(side.accountId);
    if (!side || !account) return null;
    if (!hasScope(account.scopes, SCOPES.tasksWrite)) {
      // A change queued while the scope was there and not yet sent is overtaken by this local one.
      store.googleTaskWrites.drop(after.id);
      this.hintOnce(account);
      return 'local-only';
    }
    store.googleTaskWrites.queue(side, wantedStatus(after.status), this.d.clock.now());
    return 'queued';
  }

  /** Right after a change: one try, within a short budget; the task as it is afterwards (Google's, after a conflict). */
  async pushTask(taskId: string): Promise<Task | null> {
    const { store } = this.d;
    const w = store.googleTaskWrites.get(taskId);
    const account = w && store.accounts.get(w.accountId);
    if (w && account) {
      const ctx = this.d.callContext(
        `completing a task in Google Tasks of ${account.email}`,
        { apiCalls: 0, retries: 0 },
        this.d.immediateBudgetMs,
      );
      const out = await this.trySend(account, w, ctx);
      if (out.warning) this.d.log.warn({ accountId: account.id, taskId }, out.warning);
    }
    return store.tasks.get(taskId);
  }

  /** At the start of a sync of the account, under its lease: every queued write; the warnings for the run's entry. */
  async drainAccount(account: AccountRecord, stats: CallStats, stillOwner: () => boolean): Promise<string[]> {
    const queued = this.d.store.googleTaskWrites.ofAccount(account.id);
    const warnings: string[] = [];
    if (queued.length === 0) return warnings;
    const ctx = this.d.callContext(`writing to the Google Tasks of ${account.email}`, stats, this.d.syncBudgetMs);
    for (const w of queued) {
      if (!stillOwner()) break;
      const out = await this.trySend(account, w, ctx);
      if (out.warning) {
        warnings.push(out.warning);
        this.d.log.warn({ accountId: account.id, taskId: w.taskId }, out.warning);
      }
      // Google unreachable or out of budget: the rest waits for the next sync rather than failing one by one.
      if (!out.settled) break;
    }
    return warnings;
  }

  private async trySend(account: AccountRecord, w: TaskWriteRow, ctx: CallContext): Promise<SendOutcome> {
    const { store, log, clock } = this.d;
    if (!hasScope(account.scopes, SCOPES.tasksWrite)) {
      store.googleTaskWrites.drop(w.taskId);
      this.hintOnce(account);
      return { settled: true };
    }
    try {
      return await this.send(account, w, ctx);
    } catch (e) {
      const err = toErrorData(e);
      if (err.code === 'needs-consent') {
        // The grant lost the scope at Google: the change stays local, said once.
        store.googleTaskWrites.drop(w.taskId);
        this.hintOnce(account);
        return { settled: true };
      }
      store.googleTaskWrites.noteFailure(w.taskId, w.revision, err.message, clock.now());
      log.warn(
        { accountId: account.id, taskId: w.taskId, code: err.code },
        `could not write a task's status to Google Tasks yet; the next sync tries again: ${err.message}`,
      );
      return { settled: false };
    }
  }

  private async send(account: AccountRecord, w: TaskWriteRow, ctx: CallContext): Promise<SendOutcome> {
    const { store } = this.d;
    const writer = await this.d.writerFor(account);
    const raw = await writer.get(w.listId, w.googleTaskId, ctx);
    const remote = this.remoteOf(raw);
    const decision = decideWrite(w.status, w.baseEtag, remote);
    if (decision === 'gone') {
      store.googleTaskWrites.drop(w.taskId);
      return { settled: true };
    }
    if (decision === 'already') {
      store.transaction(() => {
        if (store.googleTaskWrites.settle(w.taskId, w.revision)) this.applyGoogle(w, raw);
        else store.googleTaskWrites.rebase(w.taskId, this.etagOf(raw));
      });
      return { settled: true };
    }
    if (decision === 'conflict') {
      const title = store.transaction(() => {
        store.googleTaskWrites.drop(w.taskId);
        this.applyGoogle(w, raw);
        return store.tasks.get(w.taskId)?.title ?? w.googleTaskId;
      });
      return { settled: true, warning: conflictWarning(title, w.status, (remote as RemoteTask).status) };
    }
    const body = w.status === 'completed' ? { status: w.status } : { status: w.status, completed: null };
    const patched = await writer.patch(w.listId, w.googleTaskId, body, ctx);
    if (patched === 'gone') {
      store.googleTaskWrites.drop(w.taskId);
      return { settled: true };
    }
    store.transaction(() => {
      // Google now holds what this write said; a newer change queued meanwhile is measured from this state.
      if (store.googleTaskWrites.settle(w.taskId, w.revision)) this.applyGoogle(w, patched);
      else store.googleTaskWrites.rebase(w.taskId, this.etagOf(patched));
      // Writing works for this account: should the permission go later (revoked at Google), that is told again.
      store.kv.delete(WRITE_HINT_KEY(account.id));
    });
    return { settled: true };
  }

  /** Stores Google's side of the task as Google answered (so the next import compares with this state). */
  private applyGoogle(w: TaskWriteRow, raw: unknown): void {
    const { store } = this.d;
    const zone = this.d.settings().timeZone;
    const m = mapGoogleTask(raw, zone);
    if (m.kind !== 'upsert') return;
    const before = store.tasks.get(w.taskId);
    if (!before) return;
    store.googleTasks.updateFromGoogle(w.taskId, owned(m.fields, w.listId, zone), this.d.clock.now());
    if (m.fields.status === 'done' && before.status !== 'done') store.proposals.dropOpenOfTask(w.taskId);
  }

  private remoteOf(raw: unknown): RemoteTask | 'gone' {
    if (raw === 'gone') return 'gone';
    const m = mapGoogleTask(raw, this.d.settings().timeZone);
    if (m.kind === 'delete') return 'gone';
    if (m.kind === 'skip') throw new Error(`Google sent a task calsync cannot read: ${m.reason}`);
    return { status: m.fields.status, etag: m.fields.etag };
  }

  private etagOf(raw: unknown): string | null {
    const m = mapGoogleTask(raw, this.d.settings().timeZone);
    return m.kind === 'upsert' ? m.fields.etag : null;
  }

  private hintOnce(account: AccountRecord): void {
    const { store, log } = this.d;
    if (store.kv.get(WRITE_HINT_KEY(account.id)) !== null) return;
    store.kv.set(WRITE_HINT_KEY(account.id), new Date(this.d.clock.now()).toISOString());
    log.warn({ accountId: account.id }, tasksWriteConsentMessage(account.email));
  }
}
