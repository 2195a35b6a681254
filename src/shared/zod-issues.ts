// A zod error as one line, "path: message; path: message", for the bad-input
// errors every transport returns (one line reads well in a terminal, a JSON
// body and a toast; z.prettifyError's multi-line form is kept for config files).
import type { z } from 'zod';

export function issuesText(error: z.ZodError, root = 'input'): string {
  return error.issues.map((i) => `${i.path.join('.') || root}: ${i.message}`).join('; ');
}
