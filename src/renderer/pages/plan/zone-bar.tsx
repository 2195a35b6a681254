// The zone the week is drawn in, named in the header, and a second zone on
// demand: a view setting of this window (kept in its local storage), not of
// the engine, since it changes nothing the planner or the CLI does.
import { useState } from 'react';

const KEY = 'calsync.plan.secondZone';

function zones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'Europe/London', 'America/New_York', 'Asia/Tokyo'];
}

function stored(): string | null {
  try {
    const z = localStorage.getItem(KEY);
    return z && zones().includes(z) ? z : null;
  } catch {
    // Storage can be refused (a locked-down profile): the view simply starts without a second zone.
    return null;
  }
}

export function useSecondZone(): [string | null, (z: string | null) => void] {
  const [zone, setZone] = useState<string | null>(stored);
  const set = (z: string | null) => {
    setZone(z);
    try {
      if (z) localStorage.setItem(KEY, z);
      else localStorage.removeItem(KEY);
    } catch {
      // Not kept across restarts when storage is refused; the choice still holds for this view.
    }
  };
  return [zone, set];
}

export function ZoneBar({
  zone,
  secondZone,
  onSecondZone,
}: {
  zone: string;
  secondZone: string | null;
  onSecondZone: (z: string | null) => void;
}) {
  return (
    <div className="zone-bar row">
      <span data-testid="week-zone">
        Times in <strong>{zone}</strong>
      </span>
      <label>
        Second zone{' '}
        <select
          value={secondZone ?? ''}
          onChange={(e) => onSecondZone(e.target.value || null)}
          data-testid="second-zone"
        >
          <option value="">None</option>
          {zones()
            .filter((z) => z !== zone)
            .map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}
