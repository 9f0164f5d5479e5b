import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GoamlFileError, looksLikeGoaml, parseGoamlAmount, parseGoamlDate, type GoamlSourceDetails } from '../../../../shared/interop/goaml';
import { ACCOUNT_A, ACCOUNT_B, report, runGoaml, SHA, twoParty } from './helpers';

const FIXTURE = readFileSync(resolve(import.meta.dirname, '../../../fixtures/goaml/str-two-reports.xml'));

describe('goAML import: the hand-written STR with two reports', () => {
  it('yields the transactions of the two-party form with amounts, channels, parties, banks and countries', async () => {
    const outcome = await runGoaml(FIXTURE);
    expect(outcome.counts).toEqual({ read: 5, imported: 5, quarantined: 0, duplicates: 0 });
    const [cash, wire] = outcome.records.transactions;
    expect(cash).toMatchObject({
      id: 'TX-1001',
      timestamp: Date.UTC(2025, 9, 1, 10, 15),
      fromAccount: 'PARTY:OTHER:00112345678',
      toAccount: '9600112233',
      amount: 480000,
      currency: 'DOP',
      channel: 'cash',
      description: 'Depósito en efectivo',
      fromPartyName: 'Ramón Peña Castillo',
      fromPartyId: '00112345678',
      toPartyName: 'Importadora Quisqueya SRL',
      toPartyId: '131555551',
      toBank: 'Banco Caribe Demo',
      fromCountry: 'DO',
      toCountry: 'DO',
      source: { file: SHA, line: 14, path: '/reportdata[1]/report[1]/transaction[1]' },
    });
    // from_foreign_currency: the amount the customer moved, in its currency.
    expect(wire).toMatchObject({ id: 'TX-1002', amount: 19500, currency: 'USD', channel: 'wire', fromAccount: '9600112233', toAccount: 'PA-7788-01', toPartyName: 'Blue Lagoon Holdings Inc', toBank: 'Pacific Offshore Bank', toCountry: 'PA' });
  });

  it('reads t_account, t_person and t_entity fields into accounts and parties', async () => {
    const { records } = await runGoaml(FIXTURE);
    const account = records.accounts.find((a) => a.id === '9600112233');
    expect(account).toMatchObject({ institution: 'Banco Caribe Demo', iban: 'DO28BCDE00000000009600112233', currency: 'DOP', opened: Date.UTC(2024, 1, 1), holderName: 'Importadora Quisqueya SRL', holderId: '131555551' });
    expect(account?.source.path).toBe('/reportdata[1]/report[1]/transaction[1]/t_to_my_client[1]/to_account[1]');
    // institution_code stands in when there is no institution_name.
    const ramon = records.parties.find((p) => p.name === 'Ramón Peña Castillo');
    expect(ramon).toMatchObject({ kind: 'person', idNumber: '00112345678', nationality: 'DO', birthDate: Date.UTC(1979, 3, 12) });
    const company = records.parties.find((p) => p.name === 'Importadora Quisqueya SRL');
    expect(company).toMatchObject({ kind: 'company', idNumber: '131555551', nationality: 'DO' });
    // goAML 5 identifications/identification with a type from the code table.
    expect(records.parties.find((p) => p.name === 'Luis Almonte')).toMatchObject({ idType: 'PASSPORT', idNumber: 'RD445566' });
  });

  it('turns t_entity, signatory and director_id into holder, signatory and director links with their roles', async () => {
    const { records } = await runGoaml(FIXTURE);
    const links = records.relationships.map((r) => [r.kind, r.partyName, r.targetId, r.role ?? null]);
    expect(links).toEqual(
      expect.arrayContaining([
        ['holder', 'Importadora Quisqueya SRL', '9600112233', null],
        ['signatory', 'Luis Almonte', '9600112233', 'Apoderado'],
        ['director', 'Ana Méndez', 'OTHER:131555551', 'Gerente general'],
        ['holder', 'Blue Lagoon Holdings Inc', 'PA-7788-01', null],
        ['signatory', 'Marisol Reyes', '9600445566', 'Titular'],
      ]),
    );
    const signatory = records.relationships.find((r) => r.kind === 'signatory' && r.partyName === 'Luis Almonte');
    expect(signatory?.source.path).toBe('/reportdata[1]/report[1]/transaction[1]/t_to_my_client[1]/to_account[1]/signatory[1]');
  });

  it('brings the subjects of an activity report (no transactions) into the case, once each', async () => {
    const { records } = await runGoaml(FIXTURE);
    const marisol = records.parties.filter((p) => p.name === 'Marisol Reyes');
    // The same passport written "PX 99 88 77" and "PX998877" is one party.
    expect(marisol).toHaveLength(1);
    expect(marisol[0]?.source.path).toBe('/reportdata[1]/report[2]/activity[1]/report_parties[1]/report_party[1]/person[1]');
    expect(records.accounts.find((a) => a.id === '9600445566')).toMatchObject({ holderName: 'Marisol Reyes', holderId: 'PX998877' });
  });

  it('keeps each report header as the provenance the records point to', async () => {
    const outcome = await runGoaml(FIXTURE);
    expect(outcome.reports).toEqual([
      expect.objectContaining({ ordinal: 1, path: '/reportdata[1]/report[1]', rentityId: '1042', rentityBranch: 'Sucursal Centro', submissionCode: 'E', reportCode: 'STR', entityReference: 'ROS-2025-0017', submissionDate: '2025-11-20T09:00:00', currencyCodeLocal: 'DOP', action: 'Cuenta bajo monitoreo reforzado', indicators: ['CASH-STRUCT', 'HIGH-RISK-DEST'], transactions: 3, reportParties: 0 }),
      expect.objectContaining({ ordinal: 2, path: '/reportdata[1]/report[2]', reportCode: 'SAR', entityReference: 'ROS-2025-0018', indicators: ['LINKED-STR'], transactions: 0, reportParties: 2 }),
    ]);
    const details = outcome.file.mapping as GoamlSourceDetails;
    expect(details.format).toBe('goaml');
    expect(details.reports[0]?.reason).toContain('fraccionados');
    for (const record of [...outcome.records.transactions, ...outcome.records.parties, ...outcome.records.accounts]) {
      expect(record.source.file).toBe(SHA);
      const report = details.reports.find((r) => record.source.path?.startsWith(`${r.path}/`));
      expect(report, record.source.path).toBeDefined();
    }
  });

  it('gives the same records whether the bytes arrive in one piece or one byte at a time', async () => {
    const whole = await runGoaml(FIXTURE);
    const bytewise = await runGoaml(FIXTURE, { chunkSize: 1 });
    expect(bytewise.records).toEqual(whole.records);
  });
});

describe('goAML import: the multi-party form', () => {
  const multi = (roles: [string, string], extra = '') =>
    report(`<transaction>
<transactionnumber>M-1</transactionnumber>
<date_transaction>2025-06-02</date_transaction>
<transmode_code>A</transmode_code>
<amount_local>900</amount_local>
<involved_parties>
<party><role>${roles[0]}</role><person_my_client><first_name>Carla</first_name><last_name>Soto</last_name><id_number>79555444</id_number></person_my_client><funds_code>K</funds_code><country>co</country></party>
<party><role>${roles[1]}</role><account><institution_name>Banco Tres</institution_name><account>333</account><t_entity><name>Gamma Ltda</name><tax_number>800555666</tax_number></t_entity></account><country>PA</country></party>
${extra}
</involved_parties>
</transaction>`);

  it('takes the sides from the role code table', async () => {
    const outcome = await runGoaml(multi(['ORDENANTE', 'BENEFICIARIO']));
    expect(outcome.counts.imported).toBe(1);
    expect(outcome.records.transactions[0]).toMatchObject({ fromAccount: 'PARTY:OTHER:79555444', fromPartyName: 'Carla Soto', toAccount: '333', toPartyName: 'Gamma Ltda', toBank: 'Banco Tres', fromCountry: 'CO', toCountry: 'PA', channel: 'cash', amount: 900, currency: 'COP', timestamp: Date.UTC(2025, 5, 2) });
  });

  it("uses the unit profile's role codes over the defaults", async () => {
    const outcome = await runGoaml(multi(['01', '02']), { codes: { role: { '01': 'from', '02': 'to' } } });
    expect(outcome.counts.imported).toBe(1);
  });

  it('quarantines a transaction whose roles name no sender, and reports the unknown role codes verbatim', async () => {
    const outcome = await runGoaml(multi(['X9', 'BENEFICIARIO']));
    expect(outcome.counts).toEqual({ read: 1, imported: 0, quarantined: 1, duplicates: 0 });
    expect(outcome.quarantine[0]).toMatchObject({ line: 11, column: '/report[1]/transaction[1]/involved_parties[1]' });
    expect(outcome.quarantine[0]?.reason).toContain('no involved party has a sending role');
    expect(outcome.unknownCodes).toEqual([expect.objectContaining({ list: 'role', code: 'X9', count: 1, firstPath: '/report[1]/transaction[1]/involved_parties[1]/party[1]/role[1]' })]);
  });

  it('keeps a third party with another role as a subject of the case', async () => {
    const outcome = await runGoaml(multi(['ORDENANTE', 'BENEFICIARIO'], '<party><role>INTERMEDIARIO</role><entity><name>Delta Corp</name></entity></party>'));
    expect(outcome.records.parties.map((p) => p.name)).toContain('Delta Corp');
  });
});

describe('goAML import: codes, currencies and the goAML 4 identification form', () => {
  it('reports unknown transmode, funds and identification codes, counted, and still imports with channel other', async () => {
    const xml = report(
      twoParty('U-1', { transmode: 'ZZ' }) +
        twoParty('U-2', { transmode: 'ZZ', from: `<t_from><from_funds_code>QQ</from_funds_code><from_person><first_name>Eva</first_name><identification><type>CARNET</type><number>E-77</number><issue_country>CO</issue_country></identification></from_person></t_from>` }),
    );
    const outcome = await runGoaml(xml);
    expect(outcome.counts.imported).toBe(2);
    expect(outcome.records.transactions.map((t) => t.channel)).toEqual(['transfer', 'other']);
    const byList = Object.fromEntries(outcome.unknownCodes.map((code) => [`${code.list}:${code.code}`, code.count]));
    expect(byList).toEqual({ 'transmode:ZZ': 2, 'funds:QQ': 1, 'identification:CARNET': 1 });
    // goAML 4 puts <identification> straight under the person.
    expect(outcome.records.parties.find((p) => p.name === 'Eva')).toMatchObject({ idNumber: 'E77', id: 'OTHER:E77' });
  });

  it('takes the currency from currency_code_local, else from the unit profile', async () => {
    const withHeader = await runGoaml(report(twoParty('C-1'), '<currency_code_local>PAB</currency_code_local>'));
    expect(withHeader.records.transactions[0]?.currency).toBe('PAB');
    const without = await runGoaml(report(twoParty('C-1'), ''), { defaultCurrency: 'HNL' });
    expect(without.records.transactions[0]?.currency).toBe('HNL');
  });

  it('parses goAML dates and decimals strictly', () => {
    expect(parseGoamlDate('2025-02-28T23:59:59')).toBe(Date.UTC(2025, 1, 28, 23, 59, 59));
    expect(parseGoamlDate('2025-02-28T10:00:00-05:00')).toBe(Date.UTC(2025, 1, 28, 15));
    expect(parseGoamlDate('2025-02-30')).toBeUndefined();
    expect(parseGoamlDate('28/02/2025')).toBeUndefined();
    expect(parseGoamlAmount('1234.50')).toBe(1234.5);
    expect(parseGoamlAmount('1.234,50')).toBeUndefined();
    expect(parseGoamlAmount('-5')).toBeUndefined();
  });
});

describe('goAML import: schema violations go to the quarantine with the element path', () => {
  it('a transaction without amount_local', async () => {
    const outcome = await runGoaml(report(twoParty('V-1') + twoParty('V-2', { amount: '' })));
    expect(outcome.counts).toEqual({ read: 2, imported: 1, quarantined: 1, duplicates: 0 });
    expect(outcome.quarantine[0]).toMatchObject({ file: 'report.xml', column: '/report[1]/transaction[2]/amount_local', field: 'amount_local' });
    expect(outcome.quarantine[0]?.reason).toBe('/report[1]/transaction[2]/amount_local: <amount_local> is missing');
  });

  it('a transaction with both t_from and t_from_my_client', async () => {
    const both = `<t_from_my_client>${ACCOUNT_A}</t_from_my_client><t_from><from_person><first_name>X</first_name></from_person></t_from>`;
    const outcome = await runGoaml(report(twoParty('V-3', { from: both })));
    expect(outcome.counts.quarantined).toBe(1);
    expect(outcome.quarantine[0]?.column).toBe('/report[1]/transaction[1]/t_from[1]');
    expect(outcome.quarantine[0]?.reason).toContain('both t_from_my_client and t_from');
  });

  it('a side holding both an account and a person', async () => {
    const outcome = await runGoaml(report(twoParty('V-4', { to: `<t_to>${ACCOUNT_B}<to_person><first_name>Y</first_name></to_person></t_to>` })));
    expect(outcome.quarantine[0]?.column).toBe('/report[1]/transaction[1]/t_to[1]/to_person[1]');
    expect(outcome.quarantine[0]?.reason).toContain('both to_account and to_person');
  });

  it('a missing receiving side, a bad date, a bad amount, a bad currency, an account without number, a repeated amount', async () => {
    const cases = [
      twoParty('V-5', { to: '' }),
      twoParty('V-6', { date: '31/12/2025' }),
      twoParty('V-7', { amount: '<amount_local>1.500,00</amount_local>' }),
      twoParty('V-8', { from: `<t_from><from_foreign_currency><foreign_currency_code>PESOS</foreign_currency_code><foreign_amount>10</foreign_amount></from_foreign_currency>${ACCOUNT_A}</t_from>` }),
      twoParty('V-9', { to: '<t_to><to_account><institution_name>Sin número</institution_name></to_account></t_to>' }),
      twoParty('V-10', { amount: '<amount_local>1</amount_local><amount_local>2</amount_local>' }),
    ];
    const outcome = await runGoaml(report(cases.join('\n')));
    expect(outcome.counts).toEqual({ read: 6, imported: 0, quarantined: 6, duplicates: 0 });
    expect(outcome.quarantine.map((entry) => entry.column)).toEqual([
      '/report[1]/transaction[1]',
      '/report[1]/transaction[2]/date_transaction[1]',
      '/report[1]/transaction[3]/amount_local[1]',
      '/report[1]/transaction[4]/t_from[1]/from_foreign_currency[1]/foreign_currency_code[1]',
      '/report[1]/transaction[5]/t_to[1]/to_account[1]',
      '/report[1]/transaction[6]/amount_local[1]',
    ]);
    expect(outcome.quarantine[0]?.reason).toContain('neither t_to_my_client nor t_to');
    expect(outcome.quarantine[1]).toMatchObject({ field: 'date_transaction', value: '31/12/2025' });
    expect(outcome.quarantine[3]?.reason).toContain("'PESOS' is not a three-letter ISO 4217 currency code");
    // Every entry's line is the line of the element it names.
    const lines = report(cases.join('\n')).split('\n');
    for (const entry of outcome.quarantine) {
      const element = /\/([a-z_]+)\[\d+\]$/.exec(entry.column)?.[1] as string;
      expect(lines[entry.line - 1], entry.column).toContain(`<${element}>`);
    }
  });

  it('counts a transaction number seen before (in the file or in the case) as a duplicate', async () => {
    const outcome = await runGoaml(report(twoParty('D-1') + twoParty('D-1') + twoParty('D-2')), { existing: { transactions: new Set(['D-2']) } });
    expect(outcome.counts).toEqual({ read: 3, imported: 1, quarantined: 0, duplicates: 2 });
  });
});

describe('goAML import: files that are not goAML or not XML', () => {
  it('names line and column of malformed XML and yields nothing', async () => {
    const xml = report(twoParty('B-1')).replace('</transactionnumber>', '</transactionnumbr>');
    const error = await runGoaml(xml).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoamlFileError);
    expect((error as GoamlFileError).code).toBe('xml');
    expect((error as Error).message).toMatch(/^report\.xml, line 7, column \d+: unexpected close tag/);
  });

  it('an unclosed root and an empty file', async () => {
    await expect(runGoaml('<report><transaction>')).rejects.toThrow(/report\.xml, line 1, column \d+: .*unclosed/i);
    await expect(runGoaml('')).rejects.toThrow(/empty/);
  });

  it('refuses another root element', async () => {
    await expect(runGoaml('<invoice><total>1</total></invoice>')).rejects.toThrow("the root element is <invoice>, not a goAML <report> or <reportdata>");
  });

  it('detects goAML by the root element, past declaration, BOM and comments', () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(looksLikeGoaml(encode('\uFEFF<?xml version="1.0"?>\n<!-- x -->\n<reportdata>'))).toBe(true);
    expect(looksLikeGoaml(encode('<report xmlns="http://example.org">'))).toBe(true);
    expect(looksLikeGoaml(encode('Fecha;Monto\n01/01/2025;5'))).toBe(false);
    expect(looksLikeGoaml(encode('<reports>'))).toBe(false);
  });

  it('reads Windows-1252 and UTF-16 files by their declaration or BOM', async () => {
    const latin = report(twoParty('E-1', { from: '<t_from><from_person><first_name>Peña</first_name><id_number>123</id_number></from_person></t_from>' })).replace('encoding="UTF-8"', 'encoding="windows-1252"');
    const bytes = Uint8Array.from(latin, (ch) => ch.charCodeAt(0));
    expect((await runGoaml(bytes)).records.transactions[0]?.fromPartyName).toBe('Peña');
    const utf16 = new Uint8Array(2 + latin.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < latin.length; i += 1) utf16[2 + i * 2] = latin.charCodeAt(i);
    expect((await runGoaml(utf16, { chunkSize: 7 })).records.transactions[0]?.fromPartyName).toBe('Peña');
  });

  it('refuses invalid UTF-8 with the byte position', async () => {
    const bytes = new TextEncoder().encode(report(twoParty('E-2')));
    bytes[60] = 0xff;
    await expect(runGoaml(bytes)).rejects.toThrow(/not valid UTF-8/);
  });
});

describe('goAML import: hostile files', () => {
  it('refuses a DOCTYPE (entity expansion, external entities) before reading any entity', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE report [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><report><reason>&b;</reason></report>`;
    await expect(runGoaml(bomb)).rejects.toThrow(/DOCTYPE declaration is not allowed/);
    const external = `<?xml version="1.0"?><!DOCTYPE report SYSTEM "file:///etc/passwd"><report/>`;
    await expect(runGoaml(external)).rejects.toThrow(/DOCTYPE/);
  });

  it('treats element names like __proto__ as data and does not pollute prototypes', async () => {
    const xml = report(twoParty('P-1', { from: `<t_from_my_client><__proto__><polluted>yes</polluted></__proto__>${ACCOUNT_A}</t_from_my_client>` }));
    const outcome = await runGoaml(xml);
    expect(outcome.counts.imported).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('bounds the text of one element and the elements of one transaction', async () => {
    const long = report(twoParty('L-1').replace('<transmode_code>', `<comments>${'x'.repeat(70_000)}</comments><transmode_code>`));
    await expect(runGoaml(long)).rejects.toThrow(/longer than 65536 characters/);
    const many = report(twoParty('L-2').replace('<transmode_code>', `${'<goods_services><item/></goods_services>'.repeat(10_001)}<transmode_code>`));
    await expect(runGoaml(many)).rejects.toThrow(/more than 20000 elements inside one <transaction>/);
  });

  it('bounds nesting depth', async () => {
    const deep = `<report>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</report>`;
    await expect(runGoaml(deep)).rejects.toThrow(/nested deeper than 64/);
  });
});

describe('goAML import: bulk reportdata', () => {
  it('reads transactions directly under reportdata, in batches, with bounded memory per unit', async () => {
    const body = Array.from({ length: 250 }, (_, i) => twoParty(`B-${String(i).padStart(4, '0')}`)).join('\n');
    const xml = `<reportdata><rentity_id>9</rentity_id><currency_code_local>USD</currency_code_local>${body}</reportdata>`;
    const outcome = await runGoaml(xml, { batchSize: 100, chunkSize: 4096 });
    expect(outcome.counts.imported).toBe(250);
    expect(outcome.batches).toBeGreaterThan(1);
    expect(outcome.records.transactions[249]?.source.path).toBe('/reportdata[1]/transaction[250]');
    expect(outcome.records.transactions[0]?.currency).toBe('USD');
    // Parties and accounts repeat on every transaction but are written once.
    expect(outcome.records.accounts.map((a) => a.id)).toEqual(['111', '222']);
    expect(outcome.reports).toEqual([expect.objectContaining({ ordinal: 1, rentityId: '9', transactions: 250 })]);
  });

  it('stops with an AbortError when cancelled', async () => {
    const body = Array.from({ length: 50 }, (_, i) => twoParty(`A-${i}`)).join('\n');
    const signal = { aborted: false };
    const run = runGoaml(`<reportdata>${body}</reportdata>`, { chunkSize: 512, signal, onProgress: () => (signal.aborted = true) } as never);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('goAML import: to_entity without an account', () => {
  it('gives the company a PARTY: endpoint and keeps its country', async () => {
    const { records } = await runGoaml(FIXTURE);
    expect(records.transactions.find((t) => t.id === 'TX-1003')).toMatchObject({ toAccount: 'PARTY:OTHER:MM44170099', toPartyName: 'Golden Jade Trading Co', toCountry: 'MM', amount: 8000, currency: 'USD', channel: 'wire' });
  });
});

describe('goAML import: large pieces of text', () => {
  it('keeps characters outside the BMP whole where the text is cut into pieces for the parser', async () => {
    const emoji = '😀'.repeat(30_000);
    // Padding of both parities puts the 64 K cut inside the run of surrogate pairs, once between and once inside a pair.
    for (const padding of [20_000, 20_001]) {
      const xml = report(twoParty('S-1').replace('<transmode_code>', `<comments>${'x'.repeat(padding)}</comments><transaction_description>${emoji}</transaction_description><transmode_code>`));
      const whole = await runGoaml(xml, { chunkSize: 4 * 1024 * 1024 });
      expect(whole.records.transactions[0]?.description).toBe(emoji);
    }
  });
});
