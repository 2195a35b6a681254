// A delete that asks twice: the first press offers "<Verb> “title”" and "Keep"; only the second acts.
import { useState } from 'react';

export function ConfirmDelete({
  verb,
  title,
  busy,
  onConfirm,
}: {
  verb: string;
  title: string;
  busy: boolean;
  onConfirm: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  return confirming ? (
    <>
      <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
        {verb} “{title}”
      </button>
      <button type="button" className="secondary" onClick={() => setConfirming(false)}>
        Keep
      </button>
    </>
  ) : (
    <button type="button" className="secondary" onClick={() => setConfirming(true)} aria-label={`${verb} ${title}`}>
      {verb}
    </button>
  );
}
