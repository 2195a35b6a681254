// The window's client and the opening page's first calls (early-calls.ts),
// started as the first thing the bundle runs: main.tsx imports this module
// before React, so its top level is evaluated before react-dom's and the
// first requests are on the wire while React initialises and draws the shell.
// Measured with bench/ui-waterfall.ts, that evaluation was 100 ms of CPU on a
// quiet machine, 300 ms of wall time at load 6, all of it before any call.
import { createClient } from './api/client';
import { firstCalls, withEarlyCalls } from './api/early-calls';
import { knownZone } from './api/zone-memory';

export const client = withEarlyCalls(createClient(), firstCalls(window.location.hash, Date.now(), knownZone()));
