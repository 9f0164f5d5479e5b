import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson, sealAuditEntry, verifyAuditChain, type AuditEntry, type AuditSigner } from '../../../shared/audit';

function signer(name: string): AuditSigner {
  const secretKey = ed25519.utils.randomSecretKey();
  return { analyst: { id: `id-${name}`, name, publicKey: bytesToHex(ed25519.getPublicKey(secretKey)) }, secretKey };
}

const FILE_HASH = 'a'.repeat(64);
const RESULT_HASH = 'b'.repeat(64);

function chainOf(by: AuditSigner, count = 5): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const actions = ['case.create', 'import.commit', 'detection.run', 'triage.change', 'export.chart'] as const;
  for (let index = 0; index < count; index++) {
    const action = actions[index % actions.length]!;
    entries.push(sealAuditEntry(entries.at(-1) ?? null, { action, caseId: 'case-1', params: { step: index, mapping: { amount: 'Monto' } }, inputs: [FILE_HASH], outputs: [RESULT_HASH] }, by, 1_700_000_000_000 + index));
  }
  return entries;
}

const clone = (entries: AuditEntry[]): AuditEntry[] => JSON.parse(JSON.stringify(entries)) as AuditEntry[];

describe('audit chain', () => {
  const ana = signer('Ana Gómez');
  const known = new Map([[ana.analyst.id, ana.analyst.publicKey]]);

  it('accepts an untouched chain and reports its head', () => {
    const entries = chainOf(ana);
    const result = verifyAuditChain(entries, { knownAnalysts: known, anchor: { seq: 5, hash: entries[4]!.hash } });
    expect(result).toEqual({ ok: true, count: 5, head: entries[4]!.hash, problem: null });
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
  });

  // Every stored field of every entry: change it and the chain must fail at that entry.
  const tamperings: [string, (entry: AuditEntry) => void][] = [
    ['time', (e) => void (e.at += 1)],
    ['analyst name', (e) => void (e.analyst.name = 'Someone Else')],
    ['action', (e) => void (e.action = 'case.update')],
    ['case', (e) => void (e.caseId = 'case-2')],
    ['a parameter', (e) => void ((e.params as { step: number }).step = 99)],
    ['a nested parameter', (e) => void ((e.params as { mapping: { amount: string } }).mapping.amount = 'Valor')],
    ['an input hash', (e) => void (e.inputs[0] = 'c'.repeat(64))],
    ['an output hash', (e) => void (e.outputs = [])],
  ];
  for (const [what, tamper] of tamperings) {
    it(`detects a change to ${what} in the middle of the log`, () => {
      const entries = clone(chainOf(ana));
      tamper(entries[2]!);
      const result = verifyAuditChain(entries, { knownAnalysts: known });
      expect(result.ok).toBe(false);
      expect(result.problem).toMatchObject({ seq: 3, reason: 'altered' });
      expect(result.count).toBe(2);
    });
  }

  it('detects an entry re-hashed after editing (the signature no longer matches)', () => {
    const entries = clone(chainOf(ana));
    const edited = entries[4]!;
    edited.params = { step: 'rewritten' };
    const { hash: _oldHash, signature: _oldSignature, ...body } = edited;
    // The forger recomputes the hash but cannot sign without the analyst's key.
    const forged = sealAuditEntry(entries[3]!, { action: body.action, caseId: body.caseId, params: body.params, inputs: body.inputs, outputs: body.outputs }, signer('forger'), body.at);
    entries[4] = { ...forged, analyst: edited.analyst, signature: edited.signature };
    const result = verifyAuditChain(entries, { knownAnalysts: known });
    expect(result.problem).toMatchObject({ seq: 5 });
    expect(['altered', 'bad-signature']).toContain(result.problem?.reason);
  });

  it('refuses a chain rebuilt with a key that is not enrolled', () => {
    const mallory = signer('Ana Gómez');
    const forged = chainOf({ ...mallory, analyst: { ...mallory.analyst, id: ana.analyst.id } });
    expect(verifyAuditChain(forged).ok).toBe(true);
    expect(verifyAuditChain(forged, { knownAnalysts: known }).problem).toMatchObject({ seq: 1, reason: 'unknown-analyst' });
  });

  it('detects a deleted entry, a swapped pair and a relinked entry', () => {
    const deleted = clone(chainOf(ana));
    deleted.splice(1, 1);
    expect(verifyAuditChain(deleted).problem).toMatchObject({ seq: 2, reason: 'gap' });

    const swapped = clone(chainOf(ana));
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    expect(verifyAuditChain(swapped).problem?.seq).toBe(2);

    // Renumber after deleting: the hashes no longer match the sequence numbers.
    const renumbered = clone(chainOf(ana));
    renumbered.splice(1, 1);
    for (const [index, entry] of renumbered.entries()) entry.seq = index + 1;
    expect(verifyAuditChain(renumbered).problem).toMatchObject({ seq: 2, reason: 'altered' });
  });

  it('detects a cut-off tail and a replaced head against the anchor kept elsewhere', () => {
    const entries = chainOf(ana);
    const anchor = { seq: 5, hash: entries[4]!.hash };
    expect(verifyAuditChain(entries.slice(0, 3), { anchor }).problem).toMatchObject({ seq: 4, reason: 'truncated' });
    const otherHistory = chainOf(signer('Ana Gómez'));
    expect(verifyAuditChain(otherHistory, { anchor }).problem).toMatchObject({ seq: 5, reason: 'head-mismatch' });
  });

  it('refuses malformed and unknown entries instead of crashing', () => {
    const entries = clone(chainOf(ana));
    (entries[1] as unknown as { action: string }).action = 'drop.tables';
    expect(verifyAuditChain(entries).problem).toMatchObject({ seq: 2, reason: 'unknown-action' });
    expect(verifyAuditChain([null as unknown as AuditEntry]).problem).toMatchObject({ seq: 1, reason: 'malformed' });
  });

  it('refuses to record something that is not a SHA-256 digest as an input', () => {
    expect(() => sealAuditEntry(null, { action: 'import.commit', inputs: ['not-a-hash'] }, ana, 1)).toThrow(/not a lower-case SHA-256/);
  });
});

describe('canonical JSON', () => {
  it('sorts keys, drops undefined members and refuses non-finite numbers', () => {
    expect(canonicalJson({ b: 1, a: [1, 'x', { d: undefined, c: null }] })).toBe('{"a":[1,"x",{"c":null}],"b":1}');
    expect(() => canonicalJson({ amount: Number.NaN })).toThrow(/\$\.amount/);
  });
});
