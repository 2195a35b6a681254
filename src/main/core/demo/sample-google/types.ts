// Public types of the fake. Resources reuse the googleapis schema types so the
// fake and the engine agree on field names by construction.
import type { calendar_v3, tasks_v1 } from 'googleapis';

export type GoogleEvent = calendar_v3.Schema$Event;
export type GoogleEventDateTime = calendar_v3.Schema$EventDateTime;
export type GoogleCalendarListEntry = calendar_v3.Schema$CalendarListEntry;
export type GoogleTask = tasks_v1.Schema$Task;
export type GoogleTaskList = tasks_v1.Schema$TaskList;

/** What an echoing fault sees of the request: the raw headers and body as sent. */
export interface EchoedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type FaultAction =
  /** `body` as a function builds the answer from the request: a server that echoes what it was sent (credentials included) in its error text. */
  | {
      status: number;
      reason?: string;
      retryAfter?: number | string;
      body?: unknown | ((req: EchoedRequest) => unknown);
    }
  | { kind: 'reset' }
  | { kind: 'hang' }
  /** Google does the work (e.g. the insert lands) but the answer never arrives: the client times out. */
  | { kind: 'lost-response' }
  | { kind: 'delay'; ms: number }
  | { kind: 'malformed-json' }
  | { kind: 'sync-token-gone' };

export interface FaultRule {
  /** Which requests the rule applies to. A string path matches as a substring of the decoded path; a RegExp is tested against it. */
  match?: { method?: string; path?: RegExp | string };
  /** Let this many matching requests through before the rule fires. */
  after?: number;
  /** How many times the rule fires (default 1; Infinity allowed). */
  times?: number;
  action: FaultAction;
}

/** Kinds the seeded random injector picks from. */
export type FaultKind =
  | 'rateLimitExceeded' // 403 usageLimits/rateLimitExceeded
  | 'userRateLimitExceeded' // 403 usageLimits/userRateLimitExceeded
  | 'tooManyRequests' // 429 RESOURCE_EXHAUSTED
  | 'backendError' // 500
  | 'unavailable' // 503
  | 'reset'
  | 'hang'
  | 'delay'
  | 'malformed-json'
  | 'sync-token-gone'; // only applied to events.list calls that carry syncToken/pageToken

export interface RandomFaultOptions {
  seed: number;
  probability: number;
  kinds: FaultKind[];
  /** Restrict random faults to matching requests (default: every API request under calendar/ and tasks/). */
  match?: { method?: string; path?: RegExp | string };
  /** Retry-After seconds sent with rate-limit kinds (default none, as Google usually sends none). */
  retryAfter?: number;
  /** Delay used by the 'delay' kind (default 200 ms). */
  delayMs?: number;
}

export interface FaultControl {
  inject(rule: FaultRule): void;
  clear(): void;
  random(opts: RandomFaultOptions): void;
}

export interface RecordedRequest {
  method: string;
  /** Decoded path with a leading slash, e.g. /calendar/v3/calendars/a@b.com/events */
  path: string;
  query: Record<string, string | string[]>;
  status: number;
  at: number;
  /** The request body as text, when there was one (writes). */
  body?: string;
}

export interface FakeUser {
  email: string;
  sub: string;
  name: string;
}

export interface AddCalendarInput {
  id?: string;
  summary: string;
  description?: string;
  timeZone?: string;
  accessRole?: string;
  primary?: boolean;
  backgroundColor?: string;
  foregroundColor?: string;
  colorId?: string;
  hidden?: boolean;
  selected?: boolean;
  defaultReminders?: calendar_v3.Schema$EventReminder[];
}
