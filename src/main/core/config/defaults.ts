import type { Settings } from '../../../shared/domain';

let systemZone: string | null = null;

/** The OS zone, read once: resolving it builds an Intl formatter (~10 µs once ICU is up). */
export function systemTimeZone(): string {
  systemZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return systemZone;
}

/**
 * The defaults. The zone is read from the OS when something first reads it:
 * the process's first Intl call loads ICU's zone data (~40 ms of CPU), which
 * a command that never shows a time in the user's zone (`calsync status`)
 * need not pay. Reading or assigning it leaves a plain data property, in the
 * same place among the keys (JSON output keeps its order).
 */
export function defaultSettings(): Settings {
  const day: Array<[string, string]> = [['09:00', '17:00']];
  const settings: Settings = {
    timeZone: 'UTC',
    workingHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    bufferMinutes: 10,
    horizonDays: 14,
    leadTimeMinutes: 30,
    // As Google means it: an all-day event blocks unless it is free (transparent) or a birthday.
    allDayEventsBlock: true,
    targetCalendar: null,
    syncIntervalMinutes: 15,
    notifications: true,
    googleTasks: { import: false, defaultDurationMinutes: 30 },
    // Review before write: a habit's move waits for an accept unless the user opts in.
    autoAcceptHabitMoves: false,
  };
  const settle = (value: string) =>
    Object.defineProperty(settings, 'timeZone', { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(settings, 'timeZone', {
    enumerable: true,
    configurable: true,
    get: () => settle(systemTimeZone()).timeZone,
    set: settle,
  });
  return settings;
}
