// "Demo" in the header while the window shows the demo account (`calsync demo`,
// `npm start -- --demo`), so sample data is never taken for the user's own.
import { useApi } from '../hooks/use-api';

export function DemoBadge() {
  const status = useApi('status', {});
  if (!status.value?.demo) return null;
  return (
    <span
      className="demo-badge"
      data-testid="demo-badge"
      title="A sample account: nothing here is your calendar, and nothing you do here reaches Google"
    >
      Demo <span className="demo-badge-detail">sample account</span>
    </span>
  );
}
