// The API operations of busy mirroring (issue 17).
import type { MirrorRule } from '../../../shared/api';
import type { MirrorService } from '../mirror/mirror-service';
import type { MirrorRuleRecord } from '../store/mirror-repo';
import type { Store } from '../store/store';
import type { ApiImpl } from './validated-api';

export type MirrorOps = Pick<ApiImpl, 'listMirrorRules' | 'addMirrorRule' | 'removeMirrorRule'>;

export function mirrorRuleView(store: Store, r: MirrorRuleRecord): MirrorRule {
  const email = (id: string) => store.accounts.get(id)?.email ?? id;
  return {
    id: r.id,
    from: r.fromCalendarId,
    fromAccount: email(r.fromAccountId),
    to: r.toCalendarId,
    toAccount: email(r.toAccountId),
    showTitle: r.showTitle,
    visibility: r.visibility,
    allDay: r.allDay,
    bufferBeforeMinutes: r.bufferBeforeMinutes,
    bufferAfterMinutes: r.bufferAfterMinutes,
    horizonDays: r.horizonDays,
    mirrored: store.mirrors.mirroredCount(r.id),
    lastRunAt: r.lastRunAt === null ? null : new Date(r.lastRunAt).toISOString(),
    lastError: r.lastError,
    lastResult: r.lastResult,
  };
}

export function mirrorRuleViews(store: Store): MirrorRule[] {
  return store.mirrors.listRules().map((r) => mirrorRuleView(store, r));
}

export function mirrorOps({ store, mirrors }: { store: Store; mirrors: MirrorService }): MirrorOps {
  return {
    listMirrorRules: async () => mirrorRuleViews(store),
    addMirrorRule: async (input) => mirrorRuleView(store, mirrors.add(input)),
    removeMirrorRule: async ({ id, keepEvents }) => mirrors.remove(id, keepEvents),
  };
}
