// A zone's offset read from Intl as an oracle that shares no code with the
// app's zone math: the wall clock field by field, as if it were UTC, minus the
// instant (whole seconds, so Africa/Monrovia's -00:44:30 keeps its seconds;
// BC years through the era field).
export function intlOffsetMs(zone: string, t: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
  }).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const era = parts.find((p) => p.type === 'era')!.value;
  const year = era.startsWith('B') ? 1 - get('year') : get('year');
  const wall = Date.UTC(2000, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const d = new Date(wall);
  d.setUTCFullYear(year);
  return d.getTime() - Math.floor(t / 1000) * 1000;
}
