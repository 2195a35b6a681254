// The zone of the settings this browser saw last, so that the next start can
// ask for the Plan's week before the settings come back (early-calls.ts).
const ZONE_KEY = 'calsync.zone';

/** The remembered zone, or none (never seen, or storage unavailable). */
export function knownZone(): string | null {
  try {
    return localStorage.getItem(ZONE_KEY);
  } catch {
    return null;
  }
}

export function rememberZone(zone: string): void {
  try {
    localStorage.setItem(ZONE_KEY, zone);
  } catch {
    // Not remembered: the next start waits for the settings, as before.
  }
}
