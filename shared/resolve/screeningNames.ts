import type { Party } from '../model/records';
import { buildIndex, explain, screen } from '../screen';
import type { ListEntry } from '../screen/types';

/** Proposals from the screening matcher need more than the list threshold: merging is stronger than reviewing. */
const MERGE_THRESHOLD = 0.88;

/**
 * Likely duplicates among parties without ID numbers, found by the
 * screening name matcher (two surnames, nicknames, sound-alikes, legal forms,
 * birth date and nationality as evidence), each with its explanation.
 * Returns pairs for proposeDuplicates to turn into proposals; nothing is
 * merged here.
 */
export function screeningNameMatches(parties: readonly Party[]): [Party, Party, number, string][] {
  const withoutId = parties.filter((party) => !party.idNumber);
  if (withoutId.length === 0) return [];
  const entries: ListEntry[] = withoutId.map((party) => ({
    id: party.id,
    kind: party.kind,
    names: [{ name: party.name, quality: 'primary' }],
    birthDates: party.birthDate !== undefined ? [{ year: new Date(party.birthDate).getUTCFullYear(), month: new Date(party.birthDate).getUTCMonth() + 1, day: new Date(party.birthDate).getUTCDate() }] : [],
    nationalities: party.nationality ? [party.nationality] : [],
    ids: [],
    tags: [],
    placesOfBirth: [],
    addresses: [],
    location: `${party.source.file.slice(0, 12)}:${party.source.line}`,
  }));
  const byId = new Map(parties.map((party) => [party.id, party]));
  const subjects = parties.map((party) => ({
    id: party.id,
    name: party.name,
    kind: party.kind,
    ...(party.nationality ? { nationality: party.nationality } : {}),
    ...(party.birthDate !== undefined ? { birthDate: party.birthDate } : {}),
  }));
  const pairs: [Party, Party, number, string][] = [];
  const seen = new Set<string>();
  for (const hit of screen(subjects, buildIndex(entries), { threshold: MERGE_THRESHOLD })) {
    if (hit.subjectId === hit.entryId) continue;
    const key = hit.subjectId < hit.entryId ? `${hit.subjectId}\u0000${hit.entryId}` : `${hit.entryId}\u0000${hit.subjectId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const a = byId.get(hit.subjectId) as Party;
    const b = byId.get(hit.entryId) as Party;
    pairs.push([a, b, hit.score * 0.9, `names '${a.name}' and '${b.name}': ${explain(hit.parts).en}`]);
  }
  return pairs;
}
