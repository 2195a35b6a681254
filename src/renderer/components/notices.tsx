// The states every view has besides "here is your data".
import type { ReactNode } from 'react';
import type { AppErrorData } from '../../shared/errors';

export function Loading({ what }: { what: string }) {
  return (
    <p className="notice loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function ErrorNotice({ error, onRetry, title }: { error: AppErrorData; onRetry?: () => void; title?: string }) {
  return (
    <div className="notice error" role="alert">
      <p>
        <strong>{title ?? 'Something went wrong'}:</strong> <span className="error-message">{error.message}</span>
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="notice empty">{children}</div>;
}

export function InlineError({ error }: { error: AppErrorData | null }) {
  if (!error) return null;
  return (
    <p className="inline-error" role="alert">
      {error.message}
    </p>
  );
}
