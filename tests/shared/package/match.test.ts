import { describe, expect, it } from 'vitest';
import type { Account, Party } from '../../../shared/model';
import {
  MatchFilterSetSchema,
  buildMatchFilters,
  buildPackage,
  defaultPolicy,
  deriveMatchKeyFromKeys,
  deriveMatchKeyFromSecret,
  generateUnitKeyPair,
  matchAgainst,
  openPackage,
  publicKeysOf,
  randomBytes,
  replySelectionFromHits,
  resolveReplyHits,
  sanitise,
  sharedHits,
} from '../../../shared/package';
import { HEADER, NOW } from './fixtures';

const source = { file: 'cd'.repeat(32), line: 1 };
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const party = (id: string, name: string, idNumber?: string, birth?: string): Party => ({
  id, name, kind: 'person', pep: false, source, ...(idNumber ? { idNumber, idType: 'CC' as const } : {}), ...(birth ? { birthDate: day(birth) } : {}),
});
const account = (id: string, iban?: string): Account => ({ id, source, ...(iban ? { iban } : {}) });

// Colombia's unit (A) and Panama's (B). Overlaps are written differently on each side on purpose.
const unitA = {
  parties: [
    party('A1', 'José Ramírez Peñaloza', '1.023.456.789'), // B1: same ID written 1023456789
    party('A2', 'MARÍA-FERNANDA OCAMPO', undefined, '1985-11-02'), // B2: "Ocampo, María Fernanda" same DOB
    party('A3', 'Pedro Gómez', '77.111.222'),
    party('A4', 'Lucía Torres', undefined, '1990-01-01'), // B4 has the same name but another DOB: no hit
  ],
  accounts: [account('PA39 BANP 0000 0012 3456 7899'), account('0012345678901'), account('5550001112')],
  shipments: [], transactions: [],
};
const unitB = {
  parties: [
    party('B1', 'Jose Ramirez', '1023456789'),
    party('B2', 'Ocampo, María Fernanda', 'X99', '1985-11-02'),
    party('B3', 'Ana Quintero', '30.303.303'),
    party('B4', 'Lucia TORRES', undefined, '1990-01-02'),
  ],
  accounts: [account('PA39BANP0000001234567899'), account('9990001112'), account('ACC-7', '00-1234-5678-901')],
  shipments: [], transactions: [],
};

const a = generateUnitKeyPair('UIAF Colombia', NOW);
const b = generateUnitKeyPair('UAF Panamá', NOW);
const all = (dataset: typeof unitA) => ({ parties: dataset.parties.map((p) => p.id), accounts: dataset.accounts.map((x) => x.id) });

describe('hashed cross-matching', () => {
  it('derives the same match key on both sides from the key book, and a different one for a third unit', () => {
    const keyAB = deriveMatchKeyFromKeys(a, publicKeysOf(b), publicKeysOf(a).fingerprint);
    const keyBA = deriveMatchKeyFromKeys(b, publicKeysOf(a), publicKeysOf(b).fingerprint);
    expect(Buffer.from(keyAB).toString('hex')).toBe(Buffer.from(keyBA).toString('hex'));
    const c = generateUnitKeyPair('UIF Honduras', NOW);
    expect(Buffer.from(deriveMatchKeyFromKeys(c, publicKeysOf(b), publicKeysOf(c).fingerprint)).toString('hex')).not.toBe(Buffer.from(keyAB).toString('hex'));
  });

  it('two units with overlapping parties and accounts find exactly the overlap and nothing else', () => {
    const matchKey = deriveMatchKeyFromKeys(a, publicKeysOf(b), publicKeysOf(a).fingerprint);
    const { filterSet, sources } = buildMatchFilters(unitA, all(unitA), matchKey, { unit: 'UIAF Colombia', now: NOW });
    // What travels is only hashes: the JSON holds no identifier of A.
    const sent = JSON.stringify(MatchFilterSetSchema.parse(JSON.parse(JSON.stringify(filterSet))));
    for (const secret of ['1023456789', 'Ramírez', 'RAMIREZ', 'OCAMPO', '0012345678901', 'PA39']) expect(sent.toUpperCase()).not.toContain(secret.toUpperCase());

    const keyOnB = deriveMatchKeyFromKeys(b, publicKeysOf(a), publicKeysOf(b).fingerprint);
    const hits = matchAgainst(filterSet, unitB, keyOnB);
    expect(hits.map((hit) => `${hit.kind}:${hit.record.id}:${hit.filter.type}`).sort()).toEqual([
      'account:ACC-7:account', // IBAN field "00-1234-5678-901" = A's 0012345678901
      'account:PA39BANP0000001234567899:account',
      'party:B1:id',
      'party:B2:name-dob',
    ]);

    // Back at A, each hit of B's reply maps to A's own subject.
    const resolved = resolveReplyHits(sources, sharedHits(hits));
    expect(resolved.map((entry) => entry.source?.recordId).sort()).toEqual(['0012345678901', 'A1', 'A2', 'PA39 BANP 0000 0012 3456 7899']);
  });

  it('refuses filters made with another key instead of reporting no hits', () => {
    const { filterSet } = buildMatchFilters(unitA, all(unitA), randomBytes(32), { unit: 'A', now: NOW });
    expect(() => matchAgainst(filterSet, unitB, randomBytes(32))).toThrow(/different match key/);
  });

  it('derives a match key from a shared secret, and refuses a short one', async () => {
    const one = await deriveMatchKeyFromSecret('a secret agreed on the phone 2026');
    const two = await deriveMatchKeyFromSecret('a secret agreed on the phone 2026');
    expect(Buffer.from(one).equals(Buffer.from(two))).toBe(true);
    await expect(deriveMatchKeyFromSecret('short')).rejects.toThrow(/16 characters/);
  });

  it('builds a reply package from the hits that carries only the matching records, pseudonymised', async () => {
    const matchKey = randomBytes(32);
    const { filterSet, sources } = buildMatchFilters(unitA, all(unitA), matchKey, { unit: 'A', now: NOW });
    const hits = matchAgainst(filterSet, unitB, matchKey);
    const { content } = sanitise({
      dataset: unitB, alerts: [], charts: [], selection: replySelectionFromHits(hits), policy: defaultPolicy(), pseudonymKey: randomBytes(32), hits: sharedHits(hits),
    });
    expect(content.parties).toHaveLength(2);
    expect(content.accounts).toHaveLength(2);
    expect(content.hits).toHaveLength(4);
    // The hit's record id is the pseudonym used in the reply's own records.
    const ids = new Set([...content.parties.map((p) => p.id), ...content.accounts.map((x) => x.id)]);
    expect(content.hits.every((hit) => ids.has(hit.recordId))).toBe(true);
    const built = await buildPackage({ header: { ...HEADER, inReplyTo: 'UIAF-2026-0042' }, content, policy: defaultPolicy(), sender: b, recipients: [publicKeysOf(a)] });
    const opened = await openPackage(built.bytes, { keyBook: [publicKeysOf(b)], ownKeys: [a], now: NOW });
    expect(resolveReplyHits(sources, opened.content.hits).every((entry) => entry.source !== undefined)).toBe(true);
    expect(JSON.stringify(opened.content)).not.toContain('Ana Quintero');
  });
});
