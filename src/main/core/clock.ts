// The engine's one source of "now", passed in so tests, the demo and the
// chaos runs can hand in their own. Every engine part that reads the time
// takes a Clock; none calls Date.now() for a decision.
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
