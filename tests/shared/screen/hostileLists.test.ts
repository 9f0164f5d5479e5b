import { describe, expect, it } from 'vitest';
import { MAX_LISTED_NAME_CHARS, parseListFiles } from '../../../shared/screen/lists';
import { listRefusal } from './listRefusal';

/**
 * Sanctions-list files that play the attacker, beyond what lists.test.ts
 * covers (DOCTYPE, entities, text, depth and element bounds of the UN XML):
 * a token saxes would hold whole, FtM schemas named after Object's own
 * properties, a megabyte "name", and a stray quote in OFAC's CSV.
 */

const refusal = listRefusal;

describe('sanctions lists: hostile files', () => {
  it('refuses a UN list whose 8 MB attribute or comment saxes would hold whole, saying refused rather than malformed', () => {
    const start = '<CONSOLIDATED_LIST dateGenerated="2024-05-02"><INDIVIDUALS>';
    expect(refusal('un.xml', `${start}<INDIVIDUAL note="${'a'.repeat(8 * 1024 * 1024)}"/></INDIVIDUALS></CONSOLIDATED_LIST>`)).toMatch(/^un\.xml, line 1, column \d+: more than 1,048,576 characters without the end of a tag.* — refused; nothing was imported$/);
    expect(refusal('un.xml', `${start}<!--${'c'.repeat(8 * 1024 * 1024)}--></INDIVIDUALS></CONSOLIDATED_LIST>`)).toMatch(/more than 1,048,576 characters without the end/);
  });

  it('reads only the FtM schemas it knows as its own keys: "constructor", "toString" and "__proto__" are not entry kinds', () => {
    const lines = [
      { id: 'a', schema: 'Person', properties: { name: ['Ana Ruiz'] } },
      { id: 'b', schema: 'constructor', properties: { name: ['Malo Uno'] } },
      { id: 'c', schema: 'toString', properties: { name: ['Malo Dos'] } },
      { id: 'd', schema: '__proto__', properties: { name: ['Malo Tres'] } },
    ];
    const [parsed] = parseListFiles([{ name: 'os.ftm.json', text: lines.map((line) => JSON.stringify(line)).join('\n') }]);
    expect(parsed?.list.entries.map((entry) => [entry.id, entry.kind])).toEqual([['a', 'person']]);
  });

  it('leaves out an entry whose name is longer than any listed name, with a warning naming file and line', () => {
    const text = `nombre;rfc\n${'x'.repeat(2 * 1024 * 1024)};AAA010101AAA\nAna Ruiz;BBB010101BBB\n`;
    const [parsed] = parseListFiles([{ name: 'lista.csv', text }]);
    expect(parsed?.list.entries.map((entry) => entry.names[0]?.name)).toEqual(['Ana Ruiz']);
    expect(parsed?.list.warnings).toEqual([`lista.csv, line 2: a name of 2,097,152 characters (the limit is ${MAX_LISTED_NAME_CHARS.toLocaleString('en')}); entry left out`]);
  });

  it('refuses an OFAC sdn.csv whose stray quote would swallow the following records, naming the line', () => {
    const rows = Array.from({ length: 50 }, (_, index) => `${index + 10},"PEREZ, Juan ${index}","individual","SDGT",-0-,-0-,-0-,-0-,-0-,-0-,-0-,"DOB 1960."`);
    rows.splice(1, 0, '5,"LOPEZ, "El Dorado,"individual","SDGT",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-');
    expect(refusal('sdn.csv', `${rows.join('\r\n')}\r\n`)).toMatch(/^sdn\.csv, line 2: expected 12 fields/);
  });
});

describe('sanctions lists: refusals in Spanish too', () => {
  it('gives every refusal the file, where in it and why in Spanish, for the screening view in a Spanish session', () => {
    const spanish = (name: string, text: string) => {
      try {
        parseListFiles([{ name, text }]);
      } catch (error) {
        return (error as { messageEs?: string }).messageEs;
      }
      throw new Error('the file was accepted');
    };
    expect(spanish('movimientos.csv', 'fecha,monto\n2024-01-01,100\n')).toMatch(/^movimientos\.csv: no es una lista que Caudal lea/);
    expect(spanish('un.xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><CONSOLIDATED_LIST/>')).toBe('un.xml, DOCTYPE: el archivo declara un DOCTYPE o entidades XML, algo que la lista de la ONU nunca hace; se rechaza');
    expect(spanish('un.xml', '<CONSOLIDATED_LIST dateGenerated="2024-05-02"><INDIVIDUALS></INDIVIDUALS></CONSOLIDATED_LIST>')).toBe('un.xml, INDIVIDUALS/ENTITIES: no hay entradas con nombre y número de referencia');
    expect(spanish('un.xml', `<CONSOLIDATED_LIST dateGenerated="2024-05-02"><INDIVIDUALS><INDIVIDUAL note="${'a'.repeat(2 * 1024 * 1024)}"/></INDIVIDUALS></CONSOLIDATED_LIST>`)).toMatch(/^un\.xml, línea 1, columna \d+: .* — se rechaza; no se importó nada$/);
  });
});
