// What a sync needs from the world, passed in so tests can hand in their own.
import type { Clock } from '../clock';
import type { Tuning } from '../config/tuning';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';

export interface SyncProgress {
  runId: number;
  accountId: string;
  calendarId: string;
  kind: 'full' | 'incremental';
  pages: number;
  events: number;
}

export interface SyncDeps {
  store: Store;
  log: Logger;
  tuning: Tuning;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onProgress?: (p: SyncProgress) => void;
  onRunStarted?: (runId: number, trigger: string) => void;
}
