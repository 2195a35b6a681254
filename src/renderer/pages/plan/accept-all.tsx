// "Accept all" writes to the user's Google Calendar, so it asks first, saying
// how many blocks go to which calendar; only the confirm button sends.
import { useState } from 'react';
import { useApi } from '../../hooks/use-api';
import { acceptAllQuestion, acceptTarget } from './accept-target';

export function AcceptAll({
  pending,
  disabled,
  onAccept,
}: {
  pending: number;
  disabled: boolean;
  onAccept: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking || pending === 0) {
    return (
      <button type="button" onClick={() => setAsking(true)} disabled={disabled || pending === 0}>
        Accept all ({pending})
      </button>
    );
  }
  return (
    <AcceptAllQuestion
      pending={pending}
      disabled={disabled}
      onAccept={() => {
        setAsking(false);
        onAccept();
      }}
      onCancel={() => setAsking(false)}
    />
  );
}

function AcceptAllQuestion({
  pending,
  disabled,
  onAccept,
  onCancel,
}: {
  pending: number;
  disabled: boolean;
  onAccept: () => void;
  onCancel: () => void;
}) {
  const settings = useApi('getSettings', {});
  const status = useApi('status', {});
  const target =
    settings.value && status.value ? acceptTarget(settings.value, status.value.calendars, status.value.accounts) : null;
  // The question names the calendar before the button can send; if loading fails it still says how many.
  const loading = target === null && (settings.state === 'loading' || status.state === 'loading');
  const blocks = `${pending.toLocaleString()} block${pending === 1 ? '' : 's'}`;
  return (
    <div
      className="row confirm"
      role="group"
      aria-label="Confirm accepting all blocks"
      data-testid="accept-all-confirm"
    >
      <span>{target ? acceptAllQuestion(pending, target) : `Add ${blocks} to Google Calendar?`}</span>
      <button type="button" onClick={onAccept} disabled={disabled || loading} autoFocus>
        Add {blocks} to Google
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
