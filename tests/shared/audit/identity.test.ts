import { describe, expect, it } from 'vitest';
import { createAnalyst, sealAuditEntry, signDigest, unlockAnalyst, verifyAuditChain, verifyDigestSignature, WrongPassphraseError } from '../../../shared/audit';

const ITERATIONS = 1_000;

describe('analyst identity', () => {
  it('seals the signing key and data key under the passphrase and opens them again', async () => {
    const { record, unlocked } = await createAnalyst({ id: 'a1', name: 'Ana Gómez', passphrase: 'correct horse battery', iterations: ITERATIONS, now: 1 });
    expect(JSON.stringify(record)).not.toContain(Buffer.from(unlocked.secretKey).toString('hex'));
    const reopened = await unlockAnalyst(record, 'correct horse battery');
    expect(reopened.analyst).toEqual({ id: 'a1', name: 'Ana Gómez', publicKey: record.publicKey });
    expect(reopened.dataKey).toEqual(unlocked.dataKey);
    const entry = sealAuditEntry(null, { action: 'case.create', caseId: 'c1' }, reopened, 5);
    expect(verifyAuditChain([entry], { knownAnalysts: new Map([['a1', record.publicKey]]) }).ok).toBe(true);
  });

  it('refuses a wrong passphrase and a record whose name was edited', async () => {
    const { record } = await createAnalyst({ id: 'a1', name: 'Ana', passphrase: 'correct horse battery', iterations: ITERATIONS, now: 1 });
    await expect(unlockAnalyst(record, 'wrong horse battery')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(unlockAnalyst({ ...record, name: 'Mallory' }, 'correct horse battery')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('shares one data key between analysts of a workstation', async () => {
    const first = await createAnalyst({ id: 'a1', name: 'Ana', passphrase: 'correct horse battery', iterations: ITERATIONS, now: 1 });
    const second = await createAnalyst({ id: 'a2', name: 'Luis', passphrase: 'another long phrase', dataKey: first.unlocked.dataKey, iterations: ITERATIONS, now: 2 });
    expect((await unlockAnalyst(second.record, 'another long phrase')).dataKey).toEqual(first.unlocked.dataKey);
  });

  it('refuses short passphrases and blank names', async () => {
    await expect(createAnalyst({ id: 'a', name: 'Ana', passphrase: 'short', iterations: ITERATIONS, now: 1 })).rejects.toThrow(/at least/);
    await expect(createAnalyst({ id: 'a', name: '  ', passphrase: 'long enough phrase', iterations: ITERATIONS, now: 1 })).rejects.toThrow(/name/);
  });

  it('signs an export digest that a verifier checks, and rejects another file', async () => {
    const { unlocked } = await createAnalyst({ id: 'a1', name: 'Ana', passphrase: 'correct horse battery', iterations: ITERATIONS, now: 1 });
    const signature = signDigest(unlocked, 'chart.pdf', 'd'.repeat(64));
    expect(verifyDigestSignature(signature, 'd'.repeat(64))).toBe(true);
    expect(verifyDigestSignature(signature, 'e'.repeat(64))).toBe(false);
    expect(verifyDigestSignature({ ...signature, label: 'other.pdf' }, 'd'.repeat(64))).toBe(false);
  });
});
