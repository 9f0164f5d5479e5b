import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCase } from '../../../shared/generator';
import { caudalEntityId, caudalKeyOf, ftmEntities, ftmJsonLines, FtmEntitySchema, importFtmLines, type FtmExportInput } from '../../../shared/interop/ftm';
import { runGoaml } from './goaml/helpers';

const strip = <T extends { source: unknown }>(records: readonly T[]) => records.map(({ source: _source, ...rest }) => rest);
const byId = <T extends { id: string }>(records: readonly T[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

function roundTrip(input: FtmExportInput) {
  const text = [...ftmJsonLines(input)].join('');
  return { text, back: importFtmLines(text, { sha256: 'e'.repeat(64), fileName: 'case.ftm.json' }) };
}

describe('FollowTheMoney export', () => {
  it('writes valid FtM entities of the documented schemata, with lower-case countries and entity references that resolve', async () => {
    const goaml = await runGoaml(readFileSync(resolve(import.meta.dirname, '../../fixtures/goaml/str-two-reports.xml')));
    const entities = [...ftmEntities({ ...goaml.records, shipments: [] })];
    const ids = new Set(entities.map((e) => e.id));
    for (const entity of entities) {
      expect(FtmEntitySchema.safeParse(entity).success, entity.id).toBe(true);
      for (const property of ['payer', 'payerAccount', 'beneficiary', 'beneficiaryAccount', 'owner', 'asset', 'director', 'organization', 'agent', 'holder']) {
        for (const ref of entity.properties[property] ?? []) expect(ids.has(ref), `${entity.schema}.${property} → ${ref}`).toBe(true);
      }
    }
    const schemata = new Set(entities.map((e) => e.schema));
    for (const schema of ['Person', 'Company', 'BankAccount', 'Payment', 'Ownership', 'Directorship', 'Representation', 'Identification']) expect(schemata).toContain(schema);
    const payment = entities.find((e) => e.schema === 'Payment' && e.properties.transactionNumber?.[0] === 'TX-1003');
    expect(payment?.properties).toMatchObject({ amount: ['8000'], currency: ['USD'], date: ['2025-10-06T11:05:00'], purpose: ['Pago a proveedor en el exterior'] });
    const person = entities.find((e) => e.schema === 'Person' && e.properties.name?.[0] === 'Ramón Peña Castillo');
    expect(person?.properties).toMatchObject({ nationality: ['do'], birthDate: ['1979-04-12'], idNumber: ['00112345678'] });
  });

  it('encodes Caudal keys reversibly in ids FtM accepts', () => {
    const id = caudalEntityId('party', 'NAME:peña & hijos');
    expect(id).toMatch(/^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$/);
    expect(caudalKeyOf(id, 'party')).toBe('NAME:peña & hijos');
    expect(caudalKeyOf(id, 'account')).toBeUndefined();
    expect(caudalKeyOf('caudal-party-zz', 'party')).toBeUndefined();
  });
});

describe('FollowTheMoney round trip: export, then import into a fresh case', () => {
  it('gives back the same parties, accounts, links and transactions of a goAML case', async () => {
    const goaml = await runGoaml(readFileSync(resolve(import.meta.dirname, '../../fixtures/goaml/str-two-reports.xml')));
    const original = { ...goaml.records, shipments: [] };
    const { back } = roundTrip(original);
    expect(back.quarantine).toEqual([]);
    expect(byId(strip(back.parties))).toEqual(byId(strip(original.parties)));
    expect(byId(strip(back.accounts))).toEqual(byId(strip(original.accounts)));
    expect(byId(strip(back.relationships))).toEqual(byId(strip(original.relationships)));
    expect(strip(back.transactions)).toEqual(strip(original.transactions));
    // Provenance points at the FtM file's lines.
    expect(back.transactions[0]?.source.line).toBeGreaterThan(1);
  });

  it('gives back a generated case of 3,000 transactions exactly', () => {
    const { dataset } = generateCase({ seed: 7, transactions: 3000 });
    const { back } = roundTrip(dataset);
    expect(back.quarantine).toEqual([]);
    expect(byId(strip(back.parties))).toEqual(byId(strip(dataset.parties)));
    expect(byId(strip(back.accounts))).toEqual(byId(strip(dataset.accounts)));
    expect(strip(back.transactions)).toEqual(strip(dataset.transactions));
  });
});

describe('FollowTheMoney import of files other tools wrote', () => {
  const line = (entity: object) => JSON.stringify(entity);
  it('reads Aleph-style entities with their own ids, and quarantines what it cannot use with the line', () => {
    const text = [
      line({ id: 'p1', schema: 'Person', properties: { name: ['Juana Pérez'], idNumber: ['1.032.456.789'], nationality: ['co'], topics: ['role.pep'] } }),
      line({ id: 'id1', schema: 'Identification', properties: { holder: ['p1'], type: ['CC'], number: ['1032456789'] } }),
      line({ id: 'c1', schema: 'Company', properties: { name: ['Andes Trading SAS'], registrationNumber: ['900123456'], jurisdiction: ['co'] } }),
      line({ id: 'a1', schema: 'BankAccount', properties: { accountNumber: ['CO-001'], bankName: ['Banco Uno'], country: ['co'] } }),
      line({ id: 'a2', schema: 'BankAccount', properties: { iban: ['PA00 1111'], bankName: ['Banco Panamá'] } }),
      line({ id: 'o1', schema: 'Ownership', properties: { owner: ['c1'], asset: ['a1'], role: ['shareholder'] } }),
      line({ id: 'd1', schema: 'Directorship', properties: { director: ['p1'], organization: ['c1'], role: ['CEO'] } }),
      line({ id: 'pay1', schema: 'Payment', properties: { payer: ['c1'], payerAccount: ['a1'], beneficiaryAccount: ['a2'], amount: ['2500.5'], currency: ['usd'], date: ['2025-03-04'] } }),
      line({ id: 'pay2', schema: 'Payment', properties: { payer: ['c1'], payerAccount: ['a1'], beneficiaryAccount: ['a2'], currency: ['USD'], date: ['2025-03-04'] } }),
      'not json',
      line({ id: 'bad id!', schema: 'Person', properties: {} }),
      line({ id: 'v1', schema: 'Vessel', properties: { name: ['Mar Azul'] } }),
      '',
    ].join('\n');
    const out = importFtmLines(text, { sha256: 'd'.repeat(64), fileName: 'aleph.ftm.json' });
    expect(out.parties).toEqual([
      expect.objectContaining({ id: 'CC:1032456789', name: 'Juana Pérez', kind: 'person', idType: 'CC', idNumber: '1032456789', nationality: 'CO', pep: true }),
      expect.objectContaining({ id: 'OTHER:900123456', name: 'Andes Trading SAS', kind: 'company', nationality: 'CO' }),
    ]);
    expect(out.accounts).toEqual([expect.objectContaining({ id: 'CO-001', institution: 'Banco Uno', country: 'CO', holderName: 'Andes Trading SAS', holderId: '900123456' }), expect.objectContaining({ id: 'PA001111', iban: 'PA001111' })]);
    expect(out.relationships.map((r) => `${r.kind}:${r.partyId}>${r.targetId}:${r.role}`)).toEqual(['holder:OTHER:900123456>CO-001:shareholder', 'director:CC:1032456789>OTHER:900123456:CEO']);
    expect(out.transactions).toEqual([expect.objectContaining({ id: 'pay1', fromAccount: 'CO-001', toAccount: 'PA001111', amount: 2500.5, currency: 'USD', channel: 'other', fromPartyName: 'Andes Trading SAS', fromBank: 'Banco Uno', fromCountry: 'CO', toBank: 'Banco Panamá' })]);
    expect(out.quarantine.map((q) => [q.line, q.field])).toEqual([
      [10, 'json'],
      [11, 'id'],
      [9, 'amount'],
    ]);
    expect(out.counts).toMatchObject({ read: 12, quarantined: 3, ignored: 2 });
  });
});
