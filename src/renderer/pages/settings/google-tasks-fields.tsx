// Import of Google Tasks: on/off and the duration imported tasks start with.
// Reading tasks needs the account's consent, asked for only when the import is
// on (incremental authorization): accounts without it get an "Allow" button.
import type { GoogleTasksSettings } from '../../../shared/domain';
import { InlineError } from '../../components/notices';
import { WaitingForGoogle } from '../../components/waiting-for-google';
import { useCapabilities } from '../../hooks/capabilities';
import { useApi } from '../../hooks/use-api';
import { useLogin } from '../../hooks/use-login';

// Older engines (and the e2e fake bridge) may send settings without this key.
const OFF: GoogleTasksSettings = { import: false, defaultDurationMinutes: 30 };

export function GoogleTasksFields({
  value = OFF,
  onChange,
}: {
  value?: GoogleTasksSettings;
  onChange: (v: GoogleTasksSettings) => void;
}) {
  const accounts = useApi('listAccounts', {});
  const caps = useCapabilities();
  const login = useLogin(caps.opensLoginPage);
  const missing = (accounts.value ?? []).filter((a) => a.status === 'active' && a.canReadTasks === false);
  return (
    <fieldset className="google-tasks" aria-describedby="gtasks-hint">
      <legend>Google Tasks</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={value.import}
          onChange={(e) => onChange({ ...value, import: e.target.checked })}
        />{' '}
        Import my Google Tasks on each sync
      </label>
      <label htmlFor="set-gtasks-duration">Planned time of an imported task (min)</label>
      <input
        id="set-gtasks-duration"
        type="number"
        min={15}
        max={1440}
        value={Number.isNaN(value.defaultDurationMinutes) ? '' : value.defaultDurationMinutes}
        onChange={(e) => onChange({ ...value, defaultDurationMinutes: e.target.valueAsNumber })}
        required
        disabled={!value.import}
      />
      <span id="gtasks-hint" className="hint">
        Title, notes, due date and done come from Google; the time, priority and blocks you set here stay. Turned off,
        imported tasks stay as they are.
      </span>
      {value.import &&
        missing.map((a) => (
          <div key={a.id} className="row">
            <span className="muted">{a.email} has not allowed calsync to read its tasks.</span>
            <button
              type="button"
              className="secondary"
              onClick={() => void login.start({ tasks: true, write: a.canWrite, loginHint: a.email })}
              disabled={login.state.phase === 'waiting'}
            >
              Allow reading Google Tasks
            </button>
          </div>
        ))}
      <WaitingForGoogle state={login.state} />
      {login.state.phase === 'done' && (
        <p className="success">Allowed for {login.state.email}. The next sync imports its tasks.</p>
      )}
      {login.state.phase === 'failed' && <InlineError error={login.state.error} />}
    </fieldset>
  );
}
