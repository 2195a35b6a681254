// Partial responses (the `fields` parameter): "items(id,status),nextPageToken",
// "items/start/dateTime", "*". Clients trim pages with it, so the fake honours it.
import { GoogleApiError } from './errors';

type Selection = Map<string, Selection | true>;

function parseList(src: string, pos: { i: number }, depth: number): Selection {
  const sel: Selection = new Map();
  while (pos.i < src.length) {
    let name = '';
    while (pos.i < src.length && !',()/'.includes(src[pos.i] as string)) name += src[pos.i++];
    name = name.trim();
    if (!name) throw new GoogleApiError('invalid', { message: `Invalid field selection ${src}`, location: 'fields' });
    let sub: Selection | true = true;
    if (src[pos.i] === '/') {
      pos.i++;
      sub = parsePath(src, pos);
    } else if (src[pos.i] === '(') {
      pos.i++;
      sub = parseList(src, pos, depth + 1);
      if (src[pos.i] !== ')')
        throw new GoogleApiError('invalid', { message: `Invalid field selection ${src}`, location: 'fields' });
      pos.i++;
    }
    const prev = sel.get(name);
    sel.set(name, prev === undefined ? sub : prev === true || sub === true ? true : merge(prev, sub));
    if (src[pos.i] === ',') {
      pos.i++;
      continue;
    }
    if (src[pos.i] === ')' && depth > 0) return sel;
    if (pos.i < src.length)
      throw new GoogleApiError('invalid', { message: `Invalid field selection ${src}`, location: 'fields' });
  }
  return sel;
}

/** "a/b/c" after the first "/": a single-key chain, possibly ending in "(…)". */
function parsePath(src: string, pos: { i: number }): Selection {
  let name = '';
  while (pos.i < src.length && !',()/'.includes(src[pos.i] as string)) name += src[pos.i++];
  const sel: Selection = new Map();
  if (src[pos.i] === '/') {
    pos.i++;
    sel.set(name.trim(), parsePath(src, pos));
  } else if (src[pos.i] === '(') {
    pos.i++;
    sel.set(name.trim(), parseList(src, pos, 1));
    pos.i++;
  } else sel.set(name.trim(), true);
  return sel;
}

function merge(a: Selection, b: Selection): Selection {
  const out: Selection = new Map(a);
  for (const [k, v] of b) {
    const prev = out.get(k);
    out.set(k, prev === undefined ? v : prev === true || v === true ? true : merge(prev, v));
  }
  return out;
}

function apply(value: unknown, sel: Selection): unknown {
  if (Array.isArray(value)) return value.map((v) => apply(v, sel));
  if (typeof value !== 'object' || value === null) return value;
  if (sel.has('*')) return value;
  const out: Record<string, unknown> = {};
  for (const [k, sub] of sel) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    out[k] = sub === true ? v : apply(v, sub);
  }
  return out;
}

/** The response trimmed to `fields`, or unchanged when there is none. */
export function selectFields(value: unknown, fields: string | null): unknown {
  if (!fields) return value;
  return apply(value, parseList(fields, { i: 0 }, 0));
}
