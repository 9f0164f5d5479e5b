import { describe, expect, it } from 'vitest';
import { PackageRefusal, buildPackage, defaultPolicy, generateUnitKeyPair, importPackage, openPackage, publicKeysOf, randomBytes, sanitise, type KeyBookEntry, type PackageStore } from '../../../shared/package';
import { HEADER, NOW, demoDataset } from './fixtures';
import { expectSpanishDetail } from './spanishDetail';

/**
 * A partner in the key book, signing correctly, who sends content that is
 * valid record by record but not as a whole: the same id twice in a part,
 * and records carrying prototype keys. Refused before the store is touched.
 */

const PASSPHRASE = 'hostile content passphrase 2026';
const colombia = generateUnitKeyPair('UIAF Colombia', NOW);
const panama = generateUnitKeyPair('UAF Panamá', NOW);
const keyBook: KeyBookEntry[] = [{ ...publicKeysOf(colombia), verified: true }];
const options = { keyBook, passphrase: PASSPHRASE, ownKeys: [panama], now: NOW };

function contentWith(edit: (content: ReturnType<typeof sanitise>['content']) => void) {
  const selection = { parties: [], accounts: [], transactions: ['T-1', 'T-2'], shipments: [], alerts: [], charts: [] };
  const { content } = sanitise({ dataset: demoDataset(), alerts: [], charts: [], selection, policy: defaultPolicy(), pseudonymKey: randomBytes(32) });
  edit(content);
  return content;
}

const build = async (content: ReturnType<typeof contentWith>) => (await buildPackage({ header: HEADER, content, policy: defaultPolicy(), sender: colombia, passphrase: PASSPHRASE, recipients: [publicKeysOf(panama)] })).bytes;

describe('partner packages whose content plays the attacker', () => {
  it('refuses two transactions with one id, naming the part and both records, and never calls the store', async () => {
    const content = contentWith((c) => {
      const first = c.transactions[0];
      if (!first) throw new Error('fixture has no transaction');
      c.transactions = [first, { ...first, amount: first.amount * 1000 }];
    });
    const bytes = await build(content);
    const calls: string[] = [];
    const store: PackageStore = {
      async saveReceived(_opened, fileName) {
        calls.push(fileName);
        return 'case';
      },
    };
    const error = await importPackage(bytes, 'socio.caudal', options, store).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PackageRefusal);
    expect((error as PackageRefusal).reason).toBe('content');
    expect((error as PackageRefusal).detail).toMatch(/transactions.*: record 2 repeats the id '.+' of record 1; a package holds each record once/);
    expect(expectSpanishDetail(error).detailEs).toMatch(/^parts\/1\.bin \(transacciones\): el registro 2 repite el id '.+' del registro 1; un paquete contiene cada registro una sola vez$/);
    expect(calls).toEqual([]);
  });

  it('strips prototype keys a record carries instead of letting them reach the stored objects', async () => {
    const content = contentWith((c) => {
      const first = c.transactions[0] as unknown as Record<string, unknown>;
      Object.defineProperty(first, '__proto__', { value: { polluted: 'yes' }, enumerable: true, configurable: true, writable: true });
      Object.defineProperty(first, 'constructor', { value: 'x', enumerable: true, configurable: true, writable: true });
    });
    const opened = await openPackage(await build(content), options);
    const received = opened.content.transactions[0] as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(received)).toBe(Object.prototype);
    expect(Object.hasOwn(received, '__proto__')).toBe(false);
    expect(Object.hasOwn(received, 'constructor')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
