import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  buildPackage,
  defaultPolicy,
  foldAccents,
  generateUnitKeyPair,
  normaliseAccount,
  normaliseIdNumber,
  normaliseName,
  openPackage,
  publicKeysOf,
  randomBytes,
  sanitise,
  type SanitisationPolicy,
} from '../../../shared/package';
import { FULL_SELECTION, HEADER, NOW, SECRETS, demoAlerts, demoCharts, demoDataset } from './fixtures';

/** Every spelling a raw value could hide under: as-is, digits only, upper/lower, accent-folded, normalised. */
function variants(value: string): string[] {
  const forms = new Set<string>();
  const add = (form: string) => {
    if (form.replace(/\s/g, '').length >= 4) forms.add(form);
  };
  for (const base of [value, foldAccents(value)]) {
    add(base);
    add(base.toUpperCase());
    add(base.toLowerCase());
    add(base.replace(/\D/g, ''));
    add(base.replace(/\s+/g, ''));
  }
  add(normaliseIdNumber(value));
  add(normaliseAccount(value));
  add(normaliseName(value));
  // Single words of names ("Peñaloza", "Ocampo") must not survive either.
  for (const token of value.split(/[\s.,]+/)) {
    if (token.length >= 5) {
      add(token);
      add(foldAccents(token));
      add(token.toUpperCase());
      add(foldAccents(token).toUpperCase());
    }
  }
  return [...forms];
}

const NEEDLES = [...SECRETS.names, ...SECRETS.idNumbers, ...SECRETS.accounts].flatMap(variants);

function findLeaks(haystack: Uint8Array, label: string): string[] {
  const buffer = Buffer.from(haystack);
  const lower = Buffer.from(buffer.toString('latin1').toLowerCase(), 'latin1');
  return NEEDLES.filter((needle) => buffer.includes(Buffer.from(needle, 'utf8')) || lower.includes(Buffer.from(needle.toLowerCase(), 'utf8'))).map((needle) => `${label}: ${needle}`);
}

const sender = generateUnitKeyPair('UIAF Colombia', NOW);
const PASSPHRASE = 'a long shared passphrase 42';

async function leaksUnder(policy: SanitisationPolicy): Promise<string[]> {
  const { content } = sanitise({ dataset: demoDataset(), alerts: demoAlerts(), charts: demoCharts(), selection: FULL_SELECTION, policy, pseudonymKey: randomBytes(32) });
  const built = await buildPackage({ header: HEADER, content, policy, sender, passphrase: PASSPHRASE });
  const leaks = findLeaks(built.bytes, 'package bytes');
  for (const [name, data] of Object.entries(unzipSync(built.bytes))) leaks.push(...findLeaks(data, name));
  const opened = await openPackage(built.bytes, { keyBook: [publicKeysOf(sender)], passphrase: PASSPHRASE, now: NOW });
  leaks.push(...findLeaks(Buffer.from(JSON.stringify(opened.content), 'utf8'), 'decrypted parts'));
  // The decrypted JSON must also hold nothing under JSON's \u escapes.
  leaks.push(...findLeaks(Buffer.from(JSON.stringify(opened.content).replace(/\\u([0-9a-f]{4})/gi, (_, code: string) => String.fromCharCode(parseInt(code, 16))), 'utf8'), 'decrypted parts (unescaped)'));
  return leaks;
}

describe('leak test', () => {
  it('has needles in every normalisation, and finds them when nothing is sanitised', async () => {
    expect(NEEDLES.length).toBeGreaterThan(60);
    const keepAll: SanitisationPolicy = {
      version: 1,
      fields: {
        party: { id: 'keep', name: 'keep', idNumber: 'keep' },
        account: { id: 'keep', iban: 'keep', holderId: 'keep', holderName: 'keep' },
        transaction: { id: 'keep', fromAccount: 'keep', toAccount: 'keep', fromPartyName: 'keep', toPartyName: 'keep', fromPartyId: 'keep', toPartyId: 'keep', description: 'keep' },
        shipment: { exporterId: 'keep', importerId: 'keep', exporter: 'keep', importer: 'keep' },
        alert: { explanation: 'keep' },
        chart: {},
      },
    };
    // Guard against a vacuous test: the detector does see raw values in the decrypted parts.
    const leaks = await leaksUnder(keepAll);
    expect(leaks.some((leak) => leak.startsWith('decrypted parts'))).toBe(true);
    expect(leaks.some((leak) => leak.startsWith('package bytes'))).toBe(false);
  });

  it('leaves no redacted or pseudonymised raw value in the package bytes nor in the decrypted parts (default policy)', async () => {
    expect(await leaksUnder(defaultPolicy())).toEqual([]);
  });

  it('leaves none when names are redacted instead of pseudonymised', async () => {
    const policy = defaultPolicy();
    policy.fields.party.name = 'redact';
    policy.fields.account.holderName = 'redact';
    policy.fields.transaction.fromPartyName = 'redact';
    policy.fields.transaction.toPartyName = 'redact';
    policy.fields.party.idNumber = 'redact';
    policy.fields.account.iban = 'redact';
    expect(await leaksUnder(policy)).toEqual([]);
  });
});
