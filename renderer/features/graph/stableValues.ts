import { useRef } from 'react';
import type { NodeFlags } from './canvasModel';

/**
 * Chart inputs that are rebuilt as new objects whenever something upstream changes (the alert list, the screening
 * results, the profile's rates) often come back with the same content. Each new object would make the canvas
 * draw the whole chart again (790 nodes of the demo case: five full draws in its first two seconds, three of them
 * for content that had not changed), so these keep the previous object while the content is the same.
 */
export function useContentStable<T>(value: T, same: (a: T, b: T) => boolean): T {
  const kept = useRef(value);
  if (kept.current !== value && !same(kept.current, value)) kept.current = value;
  return kept.current;
}

export function sameMembers(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const member of a) if (!b.has(member)) return false;
  return true;
}

export function sameFlags(a: NodeFlags, b: NodeFlags): boolean {
  if (a.size !== b.size) return false;
  for (const [id, flags] of a) {
    const other = b.get(id);
    if (!other || other.pep !== flags.pep || other.watchList !== flags.watchList) return false;
  }
  return true;
}

export function sameRates(a: Readonly<Record<string, number>> | undefined, b: Readonly<Record<string, number>> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((currency) => Object.is(a[currency], b[currency]));
}
