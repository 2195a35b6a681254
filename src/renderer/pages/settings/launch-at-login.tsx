import { useState } from 'react';
import { InlineError } from '../../components/notices';
import { useCapabilities } from '../../hooks/capabilities';
import { useClient } from '../../hooks/client-context';
import { useAction } from '../../hooks/use-action';

/** Only where the host says it can (the desktop app on macOS/Windows/Linux autostart). */
export function LaunchAtLogin() {
  const caps = useCapabilities();
  const client = useClient();
  const [enabled, setEnabled] = useState(caps.launchAtLogin.enabled);
  const set = useAction(
    (on: boolean) => client.call('setLaunchAtLogin', { enabled: on }),
    (v) => setEnabled(v.enabled),
  );
  if (!caps.launchAtLogin.supported) return null;
  return (
    <section className="card" aria-labelledby="launch-h">
      <h2 id="launch-h">Start-up</h2>
      <label className="check">
        <input type="checkbox" checked={enabled} disabled={set.busy} onChange={(e) => void set.go(e.target.checked)} />{' '}
        Start calsync when I log in
      </label>
      <InlineError error={set.error} />
    </section>
  );
}
