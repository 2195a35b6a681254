// Sets of instants as sorted, disjoint, non-touching [start, end) spans in
// epoch ms. Pure; the insights add and take them away from each other.
export type Span = readonly [number, number];

/** Sorted and merged: overlapping or touching spans become one; empty ones go. */
export function union(spans: readonly Span[]): Span[] {
  const sorted = spans.filter(([a, b]) => a < b).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** a ∩ b, both merged. */
export function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]![0], b[j]![0]);
    const hi = Math.min(a[i]![1], b[j]![1]);
    if (lo < hi) out.push([lo, hi]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

/** a − b, both merged. */
export function subtract(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const [s, e] of a) {
    let cur = s;
    while (j < b.length && b[j]![1] <= cur) j++;
    let k = j;
    while (k < b.length && b[k]![0] < e) {
      if (b[k]![0] > cur) out.push([cur, b[k]![0]]);
      cur = Math.max(cur, b[k]![1]);
      k++;
    }
    if (cur < e) out.push([cur, e]);
  }
  return out;
}

/** Total length in ms of the part of `spans` inside [from, to). */
export function measure(spans: readonly Span[], from = -Infinity, to = Infinity): number {
  let total = 0;
  for (const [a, b] of spans) {
    const lo = Math.max(a, from);
    const hi = Math.min(b, to);
    if (lo < hi) total += hi - lo;
  }
  return total;
}
