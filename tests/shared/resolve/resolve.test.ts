import { describe, expect, it } from 'vitest';
import {
  curpCheckDigit,
  dominicanCedulaValid,
  dominicanRncValid,
  ecuadorCedulaValid,
  ecuadorRucValid,
  foldName,
  isCompanyName,
  mergeParties,
  nameSimilarity,
  nitCheckDigit,
  normaliseId,
  normaliseIdNumber,
  proposeDuplicates,
  resolveParties,
  rfcCheckDigit,
} from '../../../shared/resolve';
import { PartySchema, emptyDataset, type Account, type Party, type Transaction } from '../../../shared/model';

const FILE_A = 'a'.repeat(64);
const FILE_B = 'b'.repeat(64);

function party(fields: Partial<Party> & Pick<Party, 'id' | 'name'>, file = FILE_A, line = 2): Party {
  return PartySchema.parse({ kind: 'person', ...fields, source: { file, line } });
}

describe('ID numbers', () => {
  it('strips dots, dashes and spaces and upper-cases', () => {
    expect(normaliseIdNumber(' 900.123.456-8 ')).toBe('9001234568');
    expect(normaliseIdNumber('boxw 310820-hnerxn09')).toBe('BOXW310820HNERXN09');
  });

  it('computes the Colombian NIT check digit with DIAN weights', () => {
    // DIAN 800.197.268-4, Bancolombia 890.903.938-8, Davivienda 860.034.313-7, python-stdnum's 213.123.432-1.
    expect(nitCheckDigit('800197268')).toBe(4);
    expect(nitCheckDigit('890903938')).toBe(8);
    expect(nitCheckDigit('860034313')).toBe(7);
    expect(nitCheckDigit('213123432')).toBe(1);
  });

  it('verifies a NIT written with or without its check digit, keyed without it', () => {
    expect(normaliseId('890.903.938-8', 'NIT')).toMatchObject({ type: 'NIT', number: '8909039388', key: '890903938', checkDigit: 'valid' });
    expect(normaliseId('8909039388', 'NIT')).toMatchObject({ key: '890903938', checkDigit: 'valid' });
    expect(normaliseId('890903938', 'NIT')).toMatchObject({ key: '890903938', checkDigit: 'unchecked' });
    const wrong = normaliseId('890.903.938-5', 'NIT');
    expect(wrong).toMatchObject({ key: '890903938', checkDigit: 'invalid' });
    expect(wrong.note).toContain('should be 8');
  });

  it('verifies Ecuadorian cédulas (modulo 10) and RUCs (modulo 10/11 by entity type)', () => {
    expect(ecuadorCedulaValid('1714307103')).toBe(true);
    expect(ecuadorCedulaValid('1714307104')).toBe(false);
    expect(ecuadorRucValid('1792060346001')).toBe(true); // private company (third digit 9)
    expect(ecuadorRucValid('1790010937001')).toBe(true); // Banco Pichincha
    expect(ecuadorRucValid('1760013210001')).toBe(true); // SRI, public entity (third digit 6)
    expect(ecuadorRucValid('1763154690001')).toBe(false);
    expect(ecuadorRucValid('1714307103001')).toBe(true); // natural person: cédula + 001
    expect(normaliseId('171430710-3', 'CEDULA')).toMatchObject({ checkDigit: 'valid', key: '1714307103' });
    // The person's RUC and cédula are one identity.
    expect(normaliseId('1714307103001', 'RUC').key).toBe(normaliseId('1714307103', 'CEDULA').key);
  });

  it('verifies Dominican RNCs and cédulas', () => {
    expect(dominicanRncValid('101850043')).toBe(true);
    expect(dominicanRncValid('101850042')).toBe(false);
    expect(dominicanRncValid('101010632')).toBe(true); // remainder 0 gives check digit 2
    expect(dominicanCedulaValid('00111616876')).toBe(true);
    expect(dominicanCedulaValid('00111616875')).toBe(false);
    expect(normaliseId('1-01-85004-3', 'RNC')).toMatchObject({ number: '101850043', checkDigit: 'valid' });
    expect(normaliseId('001-1161687-6', 'CEDULA')).toMatchObject({ checkDigit: 'valid' });
  });

  it('recognises Mexican CURP and RFC by shape and verifies their check digits', () => {
    expect(curpCheckDigit('BOXW310820HNERXN0')).toBe(9);
    expect(normaliseId('BOXW310820HNERXN09')).toMatchObject({ type: 'CURP', checkDigit: 'valid' });
    expect(normaliseId('BOXW310820HNERXN08')).toMatchObject({ type: 'CURP', checkDigit: 'invalid' });
    expect(rfcCheckDigit('GODE561231GR')).toBe('8');
    expect(normaliseId('GODE 561231 GR8')).toMatchObject({ type: 'RFC', number: 'GODE561231GR8', checkDigit: 'valid' });
    expect(normaliseId('MAB-930714-8T4', 'RFC')).toMatchObject({ checkDigit: 'valid' });
    expect(normaliseId('VACE-460910-SX6', 'RFC')).toMatchObject({ checkDigit: 'invalid' });
    expect(normaliseId('12345', 'CURP')).toMatchObject({ checkDigit: 'invalid' });
  });

  it('says a number of a type without a check digit has nothing to verify, rather than failing or calling it missing', () => {
    expect(normaliseId('52.345.678', 'CC')).toMatchObject({ number: '52345678', key: '52345678', checkDigit: 'no-scheme' });
    expect(normaliseId('AB123456', 'PASSPORT')).toMatchObject({ checkDigit: 'no-scheme' });
    // A NIT carries a check digit: given without it, it is missing, not absent by design.
    expect(normaliseId('890903938', 'NIT')).toMatchObject({ checkDigit: 'unchecked' });
  });
});

describe('names', () => {
  it('folds accents, case, punctuation and legal-form suffixes', () => {
    expect(foldName('Núñez & Cía. S.A.S.')).toBe('nunez');
    expect(foldName('NUNEZ Y CIA SAS')).toBe('nunez');
    expect(foldName('Comercial del Norte S.A. de C.V.')).toBe('comercial del norte');
    expect(foldName('Inversiones El Dorado Ltda.')).toBe('inversiones el dorado');
    expect(foldName('José Muñoz')).toBe('jose munoz');
    expect(isCompanyName('Núñez & Cía. S.A.S.')).toBe(true);
    expect(isCompanyName('María Peña')).toBe(false);
  });

  it('scores name similarity by tokens, in any order, forgiving small typos', () => {
    expect(nameSimilarity('José Muñoz', 'MUÑOZ, JOSE')).toBe(1);
    expect(nameSimilarity('Jose Munos', 'José Muñoz')).toBe(1);
    expect(nameSimilarity('María Peña Gómez', 'Maria Pena')).toBeCloseTo(0.8);
    expect(nameSimilarity('Ana Gómez', 'Ana Pérez')).toBe(0.5);
    expect(nameSimilarity('', 'Ana')).toBe(0);
  });
});

describe('resolveParties', () => {
  const bankA = party({ id: 'NIT:8909039388', name: 'Bancolombia S.A.', kind: 'company', idType: 'NIT', idNumber: '8909039388' }, FILE_A, 5);
  const bankB = party({ id: 'OTHER:890903938', name: 'BANCOLOMBIA SA', kind: 'company', idType: 'OTHER', idNumber: '890903938', pep: true, nationality: 'CO' }, FILE_B, 2);
  const person = party({ id: 'CC:52345678', name: 'María Peña', idType: 'CC', idNumber: '52345678' }, FILE_A, 3);
  const noId = party({ id: 'NAME:maria pena', name: 'Maria Pena' }, FILE_B, 9);

  it('merges the same registration across files, whatever its formatting, and keeps the verified record', () => {
    const { parties, aliases } = resolveParties([bankB, person, noId, bankA]);
    expect(parties.map((p) => p.id)).toEqual(['NIT:8909039388', 'CC:52345678', 'NAME:maria pena']);
    expect(aliases).toEqual({ 'OTHER:890903938': 'NIT:8909039388' });
    expect(parties[0]).toMatchObject({ name: 'Bancolombia S.A.', pep: true, nationality: 'CO', idType: 'NIT' });
  });

  it('gives the same result whatever the input order', () => {
    const orders = [
      [bankA, bankB, person, noId],
      [noId, person, bankB, bankA],
      [person, bankB, noId, bankA],
    ];
    const results = orders.map((order) => resolveParties(order));
    for (const result of results) expect(result).toEqual(results[0]);
  });
});

describe('proposeDuplicates and mergeParties', () => {
  const jose = party({ id: 'CC:79111222', name: 'José Muñoz', idType: 'CC', idNumber: '79111222' }, FILE_A, 2);
  const joseNoId = party({ id: 'NAME:jose munoz', name: 'MUÑOZ, JOSE' }, FILE_B, 4);
  const joseOtherFormat = party({ id: 'OTHER:79111222', name: 'J. Muñoz', idType: 'OTHER', idNumber: '79111222' }, FILE_B, 7);
  const ana = party({ id: 'CC:1000', name: 'Ana Gómez', idType: 'CC', idNumber: '1000' }, FILE_A, 3);
  const anaTwin = party({ id: 'CC:2000', name: 'Ana Gomes', idType: 'CC', idNumber: '2000' }, FILE_A, 4);
  const luis = party({ id: 'NAME:luis rojas', name: 'Luis Rojas' }, FILE_A, 5);
  const luisAlias = party({ id: 'NAME:l rojas', name: 'L. Rojas' }, FILE_B, 5);
  const account: Account = { id: '0012-3456', holderName: 'Luis Rojas', source: { file: FILE_A, line: 2 } };
  const transaction: Transaction = {
    id: 'T1',
    timestamp: 0,
    fromAccount: '0012-3456',
    toAccount: '999',
    amount: 5,
    currency: 'COP',
    channel: 'cash',
    fromPartyName: 'L. Rojas',
    toPartyId: '79111222',
    source: { file: FILE_B, line: 2 },
  };

  it('proposes same-ID, similar-name and shared-account duplicates with reasons, never two different verified IDs', () => {
    const proposals = proposeDuplicates([jose, joseNoId, joseOtherFormat, ana, anaTwin, luis, luisAlias], [account], [transaction]);
    const find = (a: string, b: string) => proposals.find((p) => [p.keepId, ...p.mergeIds].sort().join('|') === [a, b].sort().join('|'));
    expect(find(jose.id, joseOtherFormat.id)).toMatchObject({ reason: 'same-id-number', keepId: jose.id, score: 1 });
    expect(find(jose.id, joseNoId.id)).toMatchObject({ reason: 'similar-name', keepId: jose.id });
    expect(find(jose.id, joseNoId.id)?.detail).toContain("'MUÑOZ, JOSE'");
    expect(find(luis.id, luisAlias.id)).toMatchObject({ reason: 'shared-account', detail: expect.stringContaining('0012-3456') });
    // Ana Gómez and Ana Gomes have different registrations: not proposed.
    expect(find(ana.id, anaTwin.id)).toBeUndefined();
    const scores = proposals.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it('merges on confirmation: keeps one party and repoints transactions, accounts and shipments', () => {
    const dataset = {
      ...emptyDataset(),
      parties: [jose, joseOtherFormat, ana],
      accounts: [{ id: 'X', holderId: '79111222', source: { file: FILE_A, line: 3 } }],
      transactions: [transaction, { ...transaction, id: 'T2', toPartyId: '1000' }],
    };
    const withNewNumber = mergeParties(
      { ...dataset, parties: [jose, party({ id: 'CC:555', name: 'José Muñoz', idType: 'CC', idNumber: '555', pep: true }, FILE_B, 3), ana], transactions: [{ ...transaction, toPartyId: '555' }] },
      jose.id,
      ['CC:555'],
    );
    expect(withNewNumber.parties.map((p) => p.id)).toEqual([jose.id, ana.id]);
    expect(withNewNumber.parties[0]?.pep).toBe(true);
    expect(withNewNumber.transactions[0]?.toPartyId).toBe('79111222');
    const unchanged = mergeParties(dataset, jose.id, []);
    expect(unchanged).toBe(dataset);
    expect(dataset.parties).toHaveLength(3); // input not modified
    expect(() => mergeParties(dataset, 'nobody', [ana.id])).toThrow(/nobody/);
  });
});
