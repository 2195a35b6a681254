import type { Settings } from '../../../shared/domain';
import { ErrorNotice, Loading } from '../../components/notices';
import { useApi } from '../../hooks/use-api';
import { GeneralSettings } from './general-settings';
import { LaunchAtLogin } from './launch-at-login';
import { MirrorSettings } from './mirror-settings';
import { SupabaseSettings } from './supabase-settings';

export function SettingsPage({ onSaved }: { onSaved: (s: Settings) => void }) {
  const settings = useApi('getSettings', {});
  const calendars = useApi('listCalendars', {});
  return (
    <div className="page-grid">
      {settings.value ? (
        <GeneralSettings settings={settings.value} calendars={calendars.value ?? []} onSaved={onSaved} />
      ) : settings.state === 'error' ? (
        <ErrorNotice error={settings.error} onRetry={settings.reload} title="Could not load the settings" />
      ) : (
        <Loading what="settings" />
      )}
      <MirrorSettings calendars={calendars.value ?? []} />
      <SupabaseSettings />
      <LaunchAtLogin />
    </div>
  );
}
