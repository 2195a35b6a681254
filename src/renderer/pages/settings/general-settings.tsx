// The planner's and the scheduler's settings in one form; saved together,
// validated by the engine (its message is shown as is).
import { useMemo, useState, type FormEvent } from 'react';
import type { CalendarInfo, Settings } from '../../../shared/domain';
import { InlineError } from '../../components/notices';
import { useClient } from '../../hooks/client-context';
import { useAction } from '../../hooks/use-action';
import { GoogleTasksFields } from './google-tasks-fields';
import { WorkingHoursEditor } from './working-hours-editor';

const zones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
};

function NumberField({
  id,
  label,
  value,
  onChange,
  min,
  max,
  hint,
}: {
  id: string;
  label: string;
  value: number;
  onChange: (n: number) => void;
  min: number;
  max: number;
  hint?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        value={Number.isNaN(value) ? '' : value}
        onChange={(e) => onChange(e.target.valueAsNumber)}
        required
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}

export function GeneralSettings({
  settings,
  calendars,
  onSaved,
}: {
  settings: Settings;
  calendars: CalendarInfo[];
  onSaved: (s: Settings) => void;
}) {
  const client = useClient();
  const [draft, setDraft] = useState<Settings>(settings);
  const [saved, setSaved] = useState(false);
  const save = useAction(
    () => client.call('updateSettings', draft),
    (s) => {
      setSaved(true);
      onSaved(s);
    },
  );
  const zoneList = useMemo(zones, []);
  const writable = calendars.filter((c) => c.accessRole === 'owner' || c.accessRole === 'writer');
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [k]: v }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.go();
  };
  return (
    <form className="card settings-form" onSubmit={submit} aria-labelledby="general-h">
      <h2 id="general-h">Planning and sync</h2>
      <div className="field">
        <label htmlFor="set-zone">Time zone</label>
        <input
          id="set-zone"
          list="zone-list"
          value={draft.timeZone}
          onChange={(e) => set('timeZone', e.target.value)}
          required
          spellCheck={false}
        />
        <datalist id="zone-list">
          {zoneList.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <WorkingHoursEditor value={draft.workingHours} onChange={(v) => set('workingHours', v)} />
      <div className="field-grid">
        <NumberField
          id="set-buffer"
          label="Buffer between blocks (min)"
          value={draft.bufferMinutes}
          onChange={(n) => set('bufferMinutes', n)}
          min={0}
          max={240}
        />
        <NumberField
          id="set-horizon"
          label="Plan ahead (days)"
          value={draft.horizonDays}
          onChange={(n) => set('horizonDays', n)}
          min={1}
          max={90}
        />
        <NumberField
          id="set-lead"
          label="Lead time (min)"
          value={draft.leadTimeMinutes}
          onChange={(n) => set('leadTimeMinutes', n)}
          min={0}
          max={1440}
          hint="No block starts sooner than this from now."
        />
        <NumberField
          id="set-interval"
          label="Sync every (min)"
          value={draft.syncIntervalMinutes}
          onChange={(n) => set('syncIntervalMinutes', n)}
          min={5}
          max={1440}
        />
      </div>
      <div className="field">
        <label htmlFor="set-target">Calendar for accepted blocks</label>
        <select
          id="set-target"
          value={draft.targetCalendar ?? ''}
          onChange={(e) => set('targetCalendar', e.target.value || null)}
        >
          <option value="">Primary calendar</option>
          {writable.map((c) => (
            <option key={`${c.accountId}/${c.id}`} value={c.id}>
              {c.summary} ({c.account})
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.allDayEventsBlock}
          onChange={(e) => set('allDayEventsBlock', e.target.checked)}
        />{' '}
        All-day events make the day busy unless marked free (birthdays never do)
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.notifications} onChange={(e) => set('notifications', e.target.checked)} />{' '}
        Notifications
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.autoAcceptHabitMoves}
          onChange={(e) => set('autoAcceptHabitMoves', e.target.checked)}
        />{' '}
        Accept habit moves automatically (a habit block a meeting lands on moves within its window after the sync)
      </label>
      <GoogleTasksFields value={draft.googleTasks} onChange={(v) => set('googleTasks', v)} />
      <InlineError error={save.error} />
      <div className="row">
        <button type="submit" disabled={save.busy}>
          Save settings
        </button>
        <span role="status" className="success">
          {saved && 'Saved.'}
        </span>
      </div>
    </form>
  );
}
