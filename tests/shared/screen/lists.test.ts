import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ListImportError, decodeListBytes, detectListFile, parseListFiles, parsePartialDate, parseRemarks, type ListFile } from '../../../shared/screen';
import { listRefusal } from './listRefusal';

const fixture = (name: string): ListFile => ({ name, text: readFileSync(join(__dirname, 'fixtures', name), 'utf8') });
const only = (files: ListFile[]) => {
  const parsed = parseListFiles(files);
  expect(parsed).toHaveLength(1);
  return (parsed[0] as (typeof parsed)[number]).list;
};

describe('format detection by content', () => {
  it('tells every format apart whatever the file is called', () => {
    expect(detectListFile(fixture('un-consolidated.xml').text)).toBe('un-xml');
    expect(detectListFile(fixture('sdn.csv').text)).toBe('ofac-sdn');
    expect(detectListFile(fixture('alt.csv').text)).toBe('ofac-alt');
    expect(detectListFile(fixture('add.csv').text)).toBe('ofac-add');
    expect(detectListFile(fixture('entities.ftm.json').text)).toBe('ftm-jsonl');
    expect(detectListFile(fixture('sat-69b.csv').text)).toBe('national-csv');
    expect(detectListFile(fixture('national-pep.csv').text)).toBe('national-csv');
    expect(detectListFile('fecha,monto\n2024-01-01,100\n')).toBeUndefined();
  });

  it('refuses a file it cannot read, naming it', () => {
    expect(() => parseListFiles([{ name: 'movimientos.csv', text: 'fecha,monto\n2024-01-01,100\n' }])).toThrow(/movimientos\.csv: not a list Caudal reads/);
  });
});

describe('UN Security Council consolidated XML', () => {
  const list = only([fixture('un-consolidated.xml')]);
  const juan = list.entries.find((e) => e.id === 'QDi.901');
  const rashid = list.entries.find((e) => e.id === 'QDi.902');
  const company = list.entries.find((e) => e.id === 'QDe.950');

  it('reads individuals with name parts, aliases and their quality, documents, nationality and listing date', () => {
    expect(list.publishedOn).toBe('2024-05-02');
    expect(juan?.kind).toBe('person');
    expect(juan?.secondaryId).toBe('6908912');
    expect(juan?.names).toEqual([
      { name: 'JUAN CARLOS RAMIREZ ABADIA', quality: 'primary' },
      { name: 'Juan Carlos Ramírez', quality: 'strong' },
      { name: 'Chupeta', quality: 'weak' },
    ]);
    expect(juan?.birthDates).toEqual([{ year: 1963, month: 2, day: 16 }]);
    expect(juan?.nationalities).toEqual(['CO']);
    expect(juan?.ids).toContainEqual({ type: 'Passport', number: 'AF143327', country: 'CO' });
    expect(juan?.listedOn).toBe('2019-03-14');
    expect(juan?.placesOfBirth).toEqual(['Palmira, Colombia']);
  });

  it('keeps approximate birth years and ranges of years', () => {
    expect(rashid?.birthDates).toEqual([
      { year: 1971, approximate: true },
      { year: 1968, toYear: 1970 },
    ]);
  });

  it('reads entities with their aliases and addresses', () => {
    expect(company?.kind).toBe('company');
    expect(company?.names.map((n) => n.name)).toEqual(['INVERSIONES EL DORADO S.A.S.', 'El Dorado Inversiones']);
    expect(company?.addresses[0]).toContain('Bogotá');
  });

  it('refuses entity declarations (billion laughs) and malformed XML with the file name', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol2;</FIRST_NAME><REFERENCE_NUMBER>X</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`;
    expect(() => parseListFiles([{ name: 'un.xml', text: bomb }])).toThrow(/un\.xml, DOCTYPE: the file declares a DOCTYPE or XML entities/);
    expect(() => parseListFiles([{ name: 'broken.xml', text: '<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL></INDIVIDUALS>' }])).toThrow(ListImportError);
  });


  it('leaves out an entry without a reference, with a warning naming the element', () => {
    const text = '<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>A B</FIRST_NAME></INDIVIDUAL><INDIVIDUAL><FIRST_NAME>JUAN PEREZ</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>';
    const parsed = only([{ name: 'un.xml', text }]);
    expect(parsed.entries.map((e) => e.id)).toEqual(['QDi.1']);
    expect(parsed.warnings[0]).toMatch(/un\.xml, INDIVIDUAL #1 \(line 1\): no REFERENCE_NUMBER/);
  });
});

describe('UN XML that plays the attacker (saxes, streamed)', () => {
  const entry = (inner: string) => `<CONSOLIDATED_LIST dateGenerated="2024-05-02"><INDIVIDUALS><INDIVIDUAL>${inner}<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`;
  const refusal = (text: string, name = 'hostile.xml') => listRefusal(name, text);

  it('refuses a billion-laughs DOCTYPE before any entity is expanded, however deep the expansion', () => {
    const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]>${entry('<FIRST_NAME>&lol10;</FIRST_NAME>')}`;
    expect(refusal(laughs)).toMatch(/^hostile\.xml, DOCTYPE: .*refused/);
  });

  it('refuses an external entity (a file on the analyst\'s disk) and a bare DOCTYPE', () => {
    expect(refusal(`<?xml version="1.0"?><!DOCTYPE CONSOLIDATED_LIST SYSTEM "file:///etc/passwd">${entry('<FIRST_NAME>A B</FIRST_NAME>')}`)).toMatch(/hostile\.xml, DOCTYPE/);
    expect(refusal(`<!DOCTYPE CONSOLIDATED_LIST>${entry('<FIRST_NAME>A B</FIRST_NAME>')}`)).toMatch(/hostile\.xml, DOCTYPE/);
  });

  it('refuses a reference to an undeclared entity, naming line and column', () => {
    expect(refusal(`<CONSOLIDATED_LIST>\n<INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&xxe;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`)).toMatch(/^hostile\.xml, line 2, column \d+: .*not well-formed XML; nothing was imported/);
  });

  it('refuses a huge text node, naming the element', () => {
    const huge = entry(`<FIRST_NAME>${'A'.repeat(200_000)}</FIRST_NAME>`);
    expect(refusal(huge)).toMatch(/^hostile\.xml, line 1, column \d+: the text of <FIRST_NAME> is longer than 65536 characters/);
  });

  it('refuses deep nesting, naming the element', () => {
    const deep = entry(`${'<COMMENTS1>'.repeat(40)}x${'</COMMENTS1>'.repeat(40)}`);
    expect(refusal(deep)).toMatch(/^hostile\.xml, line 1, column \d+: <COMMENTS1> is nested deeper than 16 levels/);
  });

  it('refuses an entry stuffed with elements, naming it', () => {
    const stuffed = entry('<INDIVIDUAL_ALIAS><ALIAS_NAME>x</ALIAS_NAME></INDIVIDUAL_ALIAS>'.repeat(3_000));
    expect(refusal(stuffed)).toMatch(/more than 5000 elements inside one <INDIVIDUAL>/);
  });

  it('refuses another root, a second root, and a truncated file, each named', () => {
    expect(refusal('<CONSOLIDATED_LIST/><CONSOLIDATED_LIST/>')).toMatch(/hostile\.xml, line 1, column \d+: /);
    expect(refusal(entry('<FIRST_NAME>JUAN PEREZ</FIRST_NAME>').slice(0, -30))).toMatch(/hostile\.xml, line 1, column \d+: .*not well-formed/);
  });

  it('streams a large list in pieces: names that straddle a piece boundary, and non-Latin scripts, arrive whole', () => {
    const individual = (i: number) =>
      `<INDIVIDUAL><FIRST_NAME>JOSÉ ${i}</FIRST_NAME><SECOND_NAME>GARCÍA</SECOND_NAME><NAME_ORIGINAL_SCRIPT>خوسيه غارسيا 𝔊</NAME_ORIGINAL_SCRIPT><REFERENCE_NUMBER>QDi.${i}</REFERENCE_NUMBER></INDIVIDUAL>`;
    const text = `<CONSOLIDATED_LIST dateGenerated="2024-05-02T00:00:00Z"><INDIVIDUALS>${Array.from({ length: 3_000 }, (_, i) => individual(i)).join('\n')}</INDIVIDUALS></CONSOLIDATED_LIST>`;
    expect(text.length).toBeGreaterThan(3 * 64 * 1024);
    const list = only([{ name: 'big.xml', text }]);
    expect(list.entries).toHaveLength(3_000);
    expect(list.publishedOn).toBe('2024-05-02');
    for (const e of list.entries) {
      expect(e.names[0]?.name).toBe(`JOSÉ ${e.id.slice(4)} GARCÍA`);
      expect(e.names[1]?.name).toBe('خوسيه غارسيا 𝔊');
    }
  });
});

describe('OFAC SDN legacy CSV', () => {
  const list = only([fixture('sdn.csv'), fixture('alt.csv'), fixture('add.csv')]);
  const ramirez = list.entries.find((e) => e.id === '9760');

  it('joins alt.csv aliases (weak ones marked) and add.csv addresses to sdn.csv by ent_num; -0- is null', () => {
    expect(list.entries.map((e) => e.id)).toEqual(['36', '9760', '9761']);
    expect(ramirez?.names).toEqual([
      { name: 'RAMIREZ ABADIA, Juan Carlos', quality: 'primary' },
      { name: 'RAMIREZ, Juan Carlos', quality: 'strong' },
      { name: 'CHUPETA', quality: 'weak' },
    ]);
    expect(ramirez?.addresses).toEqual(['Calle 5 No. 12-34, Cali, Valle, Colombia']);
    expect(list.entries.find((e) => e.id === '9761')?.addresses).toEqual(['Guadalajara, Jalisco, Mexico']);
    expect(list.entries.find((e) => e.id === '36')?.kind).toBe('company');
  });

  it('parses dates of birth, place of birth, citizenship and ID numbers out of the remarks', () => {
    expect(ramirez?.birthDates).toEqual([
      { year: 1963, month: 2, day: 16 },
      { year: 1964, month: 2, day: 16 },
    ]);
    expect(ramirez?.placesOfBirth).toEqual(['Palmira, Valle, Colombia']);
    expect(ramirez?.nationalities).toEqual(['CO']);
    expect(ramirez?.ids).toEqual([
      { type: 'Cedula', number: '16258124', country: 'CO' },
      { type: 'Passport', number: 'AF143327', country: 'CO' },
    ]);
    expect(parseRemarks('DOB circa 1958; NIT # 800123456-7 (Colombia); Linked To: SOMETHING S.A.').ids).toEqual([{ type: 'NIT', number: '800123456-7', country: 'CO' }]);
    expect(parseRemarks('DOB 1958 to 1963').birthDates).toEqual([{ year: 1958, toYear: 1963 }]);
  });

  it('needs sdn.csv beside alt.csv, and names the line of a broken record', () => {
    expect(() => parseListFiles([fixture('alt.csv')])).toThrow(/alt\.csv: OFAC alt\.csv\/add\.csv need the sdn\.csv/);
    expect(() => parseListFiles([{ name: 'sdn.csv', text: '10,"A, B","individual","X","-0-","-0-","-0-","-0-","-0-","-0-","-0-","-0-"\r\nx1,"C","individual","X","-0-","-0-","-0-","-0-","-0-","-0-","-0-","-0-"\r\n' }])).toThrow(
      /sdn\.csv, line 2: ent_num should be a number/,
    );
  });
});

describe('OpenSanctions FtM JSON lines', () => {
  const list = only([fixture('entities.ftm.json')]);
  it('reads people and companies with aliases, weak aliases, identifiers and topics; skips other schemas', () => {
    expect(list.entries.map((e) => e.id)).toEqual(['NK-abc123', 'NK-def456']);
    const pep = list.entries[0];
    expect(pep?.tags).toEqual(['role.pep']);
    expect(pep?.names.map((n) => n.quality)).toEqual(['primary', 'strong', 'weak']);
    expect(pep?.ids).toEqual([{ type: 'National ID', number: '79.456.123' }]);
    expect(pep?.nationalities).toEqual(['CO']);
  });
  it('takes a listing date from the Sanction that names the entity', () => {
    expect(list.entries[1]?.listedOn).toBe('2017-09-21');
  });
  it('names the line of a line that is not JSON, and ignores values of the wrong type', () => {
    expect(() => parseListFiles([{ name: 'e.ftm.json', text: '{"id":"a","schema":"Person","properties":{"name":["A B"]}}\n{broken\n' }])).toThrow(/e\.ftm\.json, line 2: not a JSON object/);
    const odd = only([{ name: 'e.json', text: '{"id":"a","schema":"Person","properties":{"name":["Ana Ruiz", {"x":1}, null],"birthDate":[12]}}\n' }]);
    expect(odd.entries[0]?.names).toEqual([{ name: 'Ana Ruiz', quality: 'primary' }]);
  });
});

describe('national CSV lists', () => {
  it('reads SAT 69-B in its published layout: preamble, statuses and publication dates', () => {
    const list = only([fixture('sat-69b.csv')]);
    expect(list.name).toBe('SAT 69-B');
    const [definitivo, presunto, desvirtuado] = list.entries;
    expect(definitivo).toMatchObject({ id: '1', kind: 'company', status: 'definitivo', statusDate: '2019-10-18', listedOn: '2019-04-15' });
    expect(definitivo?.ids).toEqual([{ number: 'CPA980512AB3', type: 'RFC', country: 'MX' }]);
    expect(presunto).toMatchObject({ status: 'presunto', statusDate: '2021-05-20', kind: 'company' });
    expect(desvirtuado).toMatchObject({ status: 'desvirtuado', statusDate: '2018-11-20' });
  });

  it('reads a plain list with aliases, ID, birth date, nationality, listing date and list name', () => {
    const list = only([fixture('national-pep.csv')]);
    expect(list.name).toBe('Registro PEP nacional');
    expect(list.entries[0]).toMatchObject({ id: 'PEP-001', kind: 'person', listedOn: '2021-01-15', nationalities: ['MX'], birthDates: [{ year: 1970, month: 3, day: 12 }] });
    expect(list.entries[0]?.names[1]).toEqual({ name: 'Lupita Hernández', quality: 'strong' });
  });

  it('warns about a bad date with file, line and column, and keeps the row', () => {
    const list = only([{ name: 'l.csv', text: 'nombre,fecha_nacimiento\nAna Ruiz,31/02/1980\n' }]);
    expect(list.entries).toHaveLength(1);
    expect(list.warnings[0]).toMatch(/l\.csv, line 2, column 'fecha_nacimiento': '31\/02\/1980' is not a date/);
  });

  it('decodes Windows-1252 files as the SAT portal serves them', () => {
    const bytes = new Uint8Array([0x6e, 0x6f, 0x6d, 0x62, 0x72, 0x65, 0x0a, 0x4e, 0xfa, 0xf1, 0x65, 0x7a]);
    expect(decodeListBytes(bytes)).toBe('nombre\nNúñez');
  });
});

describe('partial dates', () => {
  it.each([
    ['1963-02-16', { year: 1963, month: 2, day: 16 }],
    ['16 Feb 1963', { year: 1963, month: 2, day: 16 }],
    ['16/02/1963', { year: 1963, month: 2, day: 16 }],
    ['Feb 1963', { year: 1963, month: 2 }],
    ['circa 1958', { year: 1958, approximate: true }],
    ['1958 to 1963', { year: 1958, toYear: 1963 }],
    ['30/02/1963', undefined],
    ['yesterday', undefined],
  ])('%s', (text, expected) => expect(parsePartialDate(text)).toEqual(expected));
});
