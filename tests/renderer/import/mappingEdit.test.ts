import { describe, expect, it } from 'vitest';
import { describeQuarantineReason, type MappingSpec } from '../../../shared/import';
import {
  columnsNotInFile,
  dateOrderOfPattern,
  datePatternFor,
  dateReadings,
  quarantineCsv,
  sourceModeOf,
  switchSourceMode,
  unmappedRequired,
  withField,
} from '../../../renderer/features/import/mappingEdit';

const spec: MappingSpec = {
  schema: 'caudal.mapping/1',
  name: 'Banco',
  kind: 'transaction',
  encoding: 'auto',
  delimiter: 'auto',
  skipLines: 'auto',
  decimalSeparator: 'auto',
  dateOrder: 'auto',
  fields: {
    id: { column: 'Referencia' },
    timestamp: { columns: ['Fecha', 'Hora'], separator: ' ' },
    fromAccount: { column: 'Cuenta origen' },
    amount: { column: 'Monto', decimalSeparator: ',' },
    currency: { constant: 'COP' },
  },
};

describe('mapping editor helpers', () => {
  it('lists the required fields still unmapped, treating blank choices as unmapped', () => {
    expect(unmappedRequired(spec)).toEqual(['toAccount']);
    expect(unmappedRequired(withField(spec, 'currency', { constant: '  ' }))).toEqual(['toAccount', 'currency']);
    expect(unmappedRequired(withField(spec, 'toAccount', { column: 'Cuenta destino' }))).toEqual([]);
  });

  it('names the columns a saved mapping reads that this file lacks', () => {
    expect(columnsNotInFile(spec, ['Referencia', 'Fecha', 'Cuenta origen', 'Monto'])).toEqual(['Hora']);
  });

  it('keeps per-column options when the source mode changes', () => {
    const amount = spec.fields.amount;
    expect(sourceModeOf(amount)).toBe('column');
    const joined = switchSourceMode(amount, 'columns', []);
    expect(joined).toEqual({ decimalSeparator: ',', columns: ['Monto'], separator: ' ' });
    expect(switchSourceMode(joined, 'constant', [])).toEqual({ decimalSeparator: ',', constant: '' });
    expect(switchSourceMode(amount, 'none', [])).toBeUndefined();
    expect(Object.keys(withField(spec, 'amount', undefined).fields)).not.toContain('amount');
  });

  it('derives a date pattern from a sample value and reads the order back', () => {
    expect(datePatternFor('03/04/2025 14:22', 'DMY')).toBe('DD/MM/YYYY HH:mm');
    expect(datePatternFor('03-04-25', 'MDY')).toBe('MM-DD-YY');
    expect(datePatternFor('2025.04.03 14:22:05', 'DMY')).toBe('YYYY.MM.DD HH:mm:ss');
    expect(datePatternFor(undefined, 'MDY')).toBe('MM/DD/YYYY');
    expect(dateOrderOfPattern('DD/MM/YYYY HH:mm')).toBe('DMY');
    expect(dateOrderOfPattern('MM-DD-YY')).toBe('MDY');
    expect(dateOrderOfPattern('YYYY-MM-DD')).toBe('YMD');
  });

  it('spells out both readings of an ambiguous date', () => {
    expect(dateReadings('03/04/2025', 'es-CO')).toEqual({ dmy: '3 de abril de 2025', mdy: '4 de marzo de 2025' });
    expect(dateReadings('2025-04-03', 'es-CO')).toBeNull();
  });

  it('writes the quarantine as semicolon CSV with a byte-order mark, quoting where Excel needs it', () => {
    const csv = quarantineCsv(
      [
        { file: 'a.csv', line: 7, column: 'Monto', field: 'amount', value: '1;2', reason: "'1;2' is not a number" },
        { file: 'a.csv', line: 9, column: 'Nombre', field: 'fromPartyName', value: 'Dice "hola"', reason: 'too long' },
      ],
      ['Archivo', 'Línea', 'Columna', 'Campo', 'Valor', 'Motivo', 'Código del motivo'],
    );
    expect(csv).toBe(
      '\uFEFFArchivo;Línea;Columna;Campo;Valor;Motivo;Código del motivo\r\n' +
        'a.csv;7;Monto;amount;"1;2";"\'1;2\' is not a number";\r\n' +
        'a.csv;9;Nombre;fromPartyName;"Dice ""hola""";too long;\r\n',
    );
  });

  it('writes each reason in the screen’s language followed by its stable code', () => {
    const entry = {
      file: 'a.csv',
      line: 3,
      column: 'fecha',
      field: 'timestamp',
      value: '31/02/2025',
      reason: "'31/02/2025' is not a valid date (DD/MM/YYYY)",
      code: 'invalid-date',
      params: { value: '31/02/2025', format: 'DD/MM/YYYY' },
    };
    const csv = quarantineCsv([entry], ['Archivo', 'Línea', 'Columna', 'Campo', 'Valor', 'Motivo', 'Código del motivo'], (row) => describeQuarantineReason(row, 'es'));
    expect(csv.split('\r\n')[1]).toBe("a.csv;3;fecha;timestamp;31/02/2025;'31/02/2025' no es una fecha válida (DD/MM/AAAA);invalid-date");
  });
});
