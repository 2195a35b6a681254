// A link past a long run of controls to the element with `target` as id.
// The page is chosen by the URL fragment (#/plan), so a plain href="#id"
// would switch pages: the link moves focus itself and leaves the URL alone.
import type { ReactNode } from 'react';

export function SkipLink({ target, children }: { target: string; children: ReactNode }) {
  return (
    <a
      className="skip-link"
      href={`#${target}`}
      onClick={(e) => {
        e.preventDefault();
        const el = document.getElementById(target);
        if (!el) return;
        if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
        el.focus();
        el.scrollIntoView({ block: 'start' });
      }}
    >
      {children}
    </a>
  );
}
