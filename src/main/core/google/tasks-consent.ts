// The words for a missing Google Tasks consent, apart from the Tasks client so
// that reporting it (status, the run log) does not load googleapis.
export function tasksConsentMessage(email: string): string {
  return `calsync needs your permission to read the Google Tasks of ${email} to import them. Run \`calsync login --tasks\` (or use "Allow" in Settings); calendar sync is not affected.`;
}

/** Said once per account when a task is completed (or reopened) in calsync without the permission to change it at Google. */
export function tasksWriteConsentMessage(email: string): string {
  return `calsync may not change the Google Tasks of ${email}, so tasks you complete in calsync stay completed here only. To complete them at Google too, run \`calsync login --tasks-write\`.`;
}
