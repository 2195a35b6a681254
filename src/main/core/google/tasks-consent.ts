// The words for a missing Google Tasks consent, apart from the Tasks client so
// that reporting it (status, the run log) does not load googleapis.
export function tasksConsentMessage(email: string): string {
  return `calsync needs your permission to read the Google Tasks of ${email} to import them. Run \`calsync login --tasks\` (or use "Allow" in Settings); calendar sync is not affected.`;
}
