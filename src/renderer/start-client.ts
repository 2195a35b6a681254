// The window's client, with the opening page's first calls started at once
// (early-calls.ts). main.tsx imports it after app.tsx, so the opening page's
// chunk is asked for first: started before it, the calls delayed the Plan's
// chunk (PERFORMANCE.md, part 10).
import { createClient } from './api/client';
import { firstCalls, withEarlyCalls } from './api/early-calls';
import { knownZone } from './api/zone-memory';

export const client = withEarlyCalls(createClient(), firstCalls(window.location.hash, Date.now(), knownZone()));
