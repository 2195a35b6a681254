import type { Settings } from '../../../shared/domain';

let systemZone: string | null = null;

/** The OS zone, read once: resolving it builds an Intl formatter (~10 µs). */
export function systemTimeZone(): string {
  systemZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return systemZone;
}

export function defaultSettings(): Settings {
  const day: Array<[string, string]> = [['09:00', '17:00']];
  return {
    timeZone: systemTimeZone(),
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
  };
}
