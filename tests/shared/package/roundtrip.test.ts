import { describe, expect, it } from 'vitest';
import {
  PackageRefusal,
  SanitisationPolicySchema,
  buildPackage,
  defaultPolicy,
  generateUnitKeyPair,
  importPackage,
  openPackage,
  publicKeysOf,
  randomBytes,
  reidentify,
  sanitise,
  type OpenedPackage,
  type PackageStore,
} from '../../../shared/package';
import { FULL_SELECTION, HEADER, NOW, demoAlerts, demoCharts, demoDataset } from './fixtures';

const PASSPHRASE = 'correct horse battery staple 2026';

describe('package round trip', () => {
  const sender = generateUnitKeyPair('UIAF Colombia', NOW);
  const recipient = generateUnitKeyPair('UAF Panamá', NOW);

  it('gives the partner exactly the chosen, sanitised content, by passphrase and by recipient key', async () => {
    const policy = defaultPolicy();
    policy.fields.transaction.amount = 'generalise';
    const { content, reidentification } = sanitise({ dataset: demoDataset(), alerts: demoAlerts(), charts: demoCharts(), selection: FULL_SELECTION, policy, pseudonymKey: randomBytes(32) });
    const built = await buildPackage({ header: HEADER, content, policy, sender, passphrase: PASSPHRASE, recipients: [publicKeysOf(recipient)] });
    expect(built.fileName).toMatch(/^package-[0-9a-f]{12}\.caudal$/);
    expect(built.fileName).not.toContain('0042');

    const byPassphrase = await openPackage(built.bytes, { keyBook: [publicKeysOf(sender)], passphrase: PASSPHRASE, now: NOW });
    expect(byPassphrase.content).toEqual(content);
    expect(byPassphrase.signer).toEqual({ unit: 'UIAF Colombia', claimedUnit: 'UIAF Colombia', fingerprint: publicKeysOf(sender).fingerprint, known: true, trust: 'unverified' });
    expect(byPassphrase.manifest.header).toMatchObject(HEADER);

    const byKey = await openPackage(built.bytes, { keyBook: [publicKeysOf(sender)], ownKeys: [recipient], now: NOW });
    expect(byKey.content).toEqual(content);

    // Only the selected records travel: T-4 was not chosen; the chart node of its account is dropped.
    expect(content.transactions).toHaveLength(3);
    expect(content.charts[0]?.nodes).toHaveLength(3);
    // Amount bands: 9,400,000 → 5,000,000; 2,250 → 2,000.
    expect(content.transactions.map((transaction) => transaction.amount).sort((a, b) => a - b)).toEqual([2_000, 5_000_000, 5_000_000]);
    // Every pseudonym can be re-identified by the originator only.
    const first = content.parties[0];
    expect(reidentify(reidentification, first!.name)?.value).toBe('José Ramírez Peñaloza');
  });

  it('pseudonymises consistently across records so the partner graph stays connected', () => {
    const { content } = sanitise({ dataset: demoDataset(), alerts: demoAlerts(), charts: demoCharts(), selection: FULL_SELECTION, policy: defaultPolicy(), pseudonymKey: randomBytes(32) });
    const accountIds = new Set(content.accounts.map((account) => account.id));
    for (const transaction of content.transactions) {
      expect(accountIds.has(transaction.fromAccount)).toBe(true);
      expect(accountIds.has(transaction.toAccount)).toBe(true);
    }
    const panama = content.accounts.find((account) => account.currency === 'USD');
    // The IBAN written with spaces normalises to the account number: same pseudonym.
    expect(panama?.iban).toBe(panama?.id);
    const partyIds = new Set(content.parties.map((party) => party.id));
    for (const account of content.accounts) expect(partyIds.has(account.holderId ?? '')).toBe(true);
    // Names agree across parties, accounts and transactions.
    const nameOfHolder = new Map(content.parties.map((party) => [party.id, party.name]));
    for (const account of content.accounts) expect(account.holderName).toBe(nameOfHolder.get(account.holderId ?? ''));
    const alert = content.alerts[0]!;
    expect(alert.accounts.every((id) => accountIds.has(id))).toBe(true);
    expect(alert.transactions).toHaveLength(3);
    expect(accountIds.has(alert.focus ?? '')).toBe(true);
    expect(alert.explanation.en).toBe('[redacted]');
    expect(content.charts[0]?.nodes.every((node) => accountIds.has(node.id))).toBe(true);
  });

  it('uses a different pseudonym key per package, so two packages cannot be linked by pseudonym', () => {
    const run = () => sanitise({ dataset: demoDataset(), alerts: [], charts: [], selection: FULL_SELECTION, policy: defaultPolicy(), pseudonymKey: randomBytes(32) }).content.accounts[0]!.id;
    expect(run()).not.toBe(run());
  });

  it('generalises dates to months and ports away, and redacts optional fields by omitting them', () => {
    const policy = defaultPolicy();
    policy.fields.transaction.timestamp = 'generalise';
    policy.fields.transaction.fromBank = 'redact';
    policy.fields.party.name = 'redact';
    const { content } = sanitise({ dataset: demoDataset(), alerts: [], charts: [], selection: FULL_SELECTION, policy, pseudonymKey: randomBytes(32) });
    expect(new Set(content.transactions.map((transaction) => new Date(transaction.timestamp).toISOString()))).toEqual(new Set(['2026-03-01T00:00:00.000Z']));
    expect(content.transactions.every((transaction) => transaction.fromBank === undefined)).toBe(true);
    expect(content.parties.every((party) => party.name === '[redacted]')).toBe(true);
    expect(content.parties.find((party) => party.birthDate !== undefined)?.birthDate).toBe(Date.UTC(1979, 2, 1));
    expect(content.parties.every((party) => party.source.file === '0'.repeat(64))).toBe(true);
  });

  it('validates saved policies: unknown fields, forbidden actions and mixed keep/pseudonymise are refused', () => {
    const saved = JSON.parse(JSON.stringify(defaultPolicy())) as unknown;
    expect(SanitisationPolicySchema.parse(saved)).toEqual(defaultPolicy());
    expect(SanitisationPolicySchema.safeParse({ version: 1, fields: { party: { shoeSize: 'keep' } } }).success).toBe(false);
    expect(SanitisationPolicySchema.safeParse({ version: 1, fields: { transaction: { fromAccount: 'redact' } } }).success).toBe(false);
    const mixed = SanitisationPolicySchema.safeParse({ version: 1, fields: { account: { id: 'keep' } } });
    expect(mixed.success).toBe(false);
    expect(mixed.error?.issues[0]?.message).toMatch(/kept in one field and pseudonymised in another/);
    expect(SanitisationPolicySchema.safeParse({ version: 1, fields: { account: { id: 'keep', iban: 'keep' }, transaction: { fromAccount: 'keep', toAccount: 'keep' } } }).success).toBe(true);
  });

  it('stores an accepted package once, and nothing when it is refused', async () => {
    const { content } = sanitise({ dataset: demoDataset(), alerts: [], charts: [], selection: FULL_SELECTION, policy: defaultPolicy(), pseudonymKey: randomBytes(32) });
    const built = await buildPackage({ header: HEADER, content, policy: defaultPolicy(), sender, passphrase: PASSPHRASE });
    const saved: OpenedPackage[] = [];
    const store: PackageStore = { saveReceived: async (opened) => { saved.push(opened); return 'case-1'; } };
    await expect(importPackage(built.bytes, built.fileName, { keyBook: [publicKeysOf(sender)], passphrase: 'not the passphrase!!', now: NOW }, store)).rejects.toBeInstanceOf(PackageRefusal);
    expect(saved).toHaveLength(0);
    const result = await importPackage(built.bytes, built.fileName, { keyBook: [publicKeysOf(sender)], passphrase: PASSPHRASE, now: NOW }, store);
    expect(result.caseId).toBe('case-1');
    expect(saved).toHaveLength(1);
  });
});
