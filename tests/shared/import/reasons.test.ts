import { describe, expect, it } from 'vitest';
import { describeQuarantineReason, isQuarantineCode, QUARANTINE_CODES, QUARANTINE_MESSAGES, type QuarantineCode } from '../../../shared/import';
import { QuarantineEntrySchema, type QuarantineEntry } from '../../../shared/model';
import { encodeUtf8, importBytes, importFixture } from './helpers';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** Bad rows of every kind the converters and the record schemas can refuse, across record kinds. */
async function quarantineOfEveryKind(): Promise<QuarantineEntry[]> {
  const transactions = await importFixture('transaction', 'bad-rows.csv');
  const currencies = await importBytes('transaction', 'monedas.csv', encodeUtf8('id;fecha;monto;moneda;cuenta origen;cuenta destino\nM-1;21/02/2025;10,00;$;X;Y\nM-2;21/02/2025;10,00;COP;X;Y\n'));
  const parties = await importBytes('party', 'personas.csv', encodeUtf8('nombre;pep\nAna Gómez;quizás\nLuis Pérez;sí\n'));
  const shipments = await importBytes(
    'shipment',
    'dex.csv',
    encodeUtf8(
      'Número declaración;Fecha declaración;Exportador;Importador;País origen;País destino;Partida arancelaria;Cantidad;Unidad;Valor FOB;Moneda\n' +
        'D-1;20/01/2025;Café S.A.S.;Coffee LLC;CO;US;café;10;kg;100,00;USD\n' +
        'D-2;20/01/2025;Café S.A.S.;Coffee LLC;CO;US;0901.11.00;10;kg;100,00;USD\n',
    ),
  );
  return [transactions, currencies, parties, shipments].flatMap((run) => run.outcome.quarantine);
}

describe('quarantine reasons in the analyst’s language', () => {
  it('gives every entry the engine emits a known code whose parameters fill both languages', async () => {
    const entries = await quarantineOfEveryKind();
    const emitted = new Set<QuarantineCode>();
    for (const entry of entries) {
      expect(QuarantineEntrySchema.parse(entry)).toEqual(entry);
      expect(isQuarantineCode(entry.code), `line ${entry.line} of ${entry.file}: ${entry.reason}`).toBe(true);
      emitted.add(entry.code as QuarantineCode);
      for (const language of ['es', 'en'] as const) {
        const text = describeQuarantineReason(entry, language);
        expect(text, `${entry.code} in ${language}`).not.toMatch(/\{\w+\}/);
        expect(text.length).toBeGreaterThan(10);
      }
      expect(describeQuarantineReason(entry, 'es')).not.toBe(describeQuarantineReason(entry, 'en'));
    }
    // Every code a converter or the row check can produce was driven here.
    expect([...emitted].sort()).toEqual(
      ['row-width', 'missing-value', 'invalid-number', 'not-positive', 'invalid-date', 'ambiguous-currency', 'invalid-currency', 'invalid-country', 'invalid-boolean', 'invalid-hs-code'].sort(),
    );
  });

  it('has both translations, with the same placeholders, for every code', () => {
    for (const code of QUARANTINE_CODES) {
      const en = QUARANTINE_MESSAGES.en[code];
      const es = QUARANTINE_MESSAGES.es[code];
      expect(en.length, code).toBeGreaterThan(10);
      expect(es.length, code).toBeGreaterThan(10);
      expect(es).not.toBe(en);
      expect(placeholders(es), code).toEqual(placeholders(en));
    }
  });

  it('names the expected date format with Spanish letters', async () => {
    const { outcome } = await importFixture('transaction', 'bad-rows.csv');
    const entry = outcome.quarantine.find((candidate) => candidate.line === 3);
    expect(entry).toMatchObject({ code: 'invalid-date', params: { value: '31/02/2025', format: 'DD/MM/YYYY' } });
    expect(describeQuarantineReason(entry as QuarantineEntry, 'es')).toBe("'31/02/2025' no es una fecha válida (DD/MM/AAAA)");
    expect(describeQuarantineReason(entry as QuarantineEntry, 'en')).toBe("'31/02/2025' is not a valid date (DD/MM/YYYY)");
  });

  it('says which number format was expected and names the field with the screen’s label', async () => {
    const { outcome } = await importFixture('transaction', 'bad-rows.csv');
    const byLine = new Map(outcome.quarantine.map((entry) => [entry.line, entry]));
    expect(describeQuarantineReason(byLine.get(4) as QuarantineEntry, 'es')).toBe("'cien' no es un número válido (separador decimal ',', p. ej. 1.234.567,89)");
    const labels: Record<string, string> = { amount: 'Monto', fromAccount: 'Cuenta origen' };
    expect(describeQuarantineReason(byLine.get(8) as QuarantineEntry, 'es', (field) => labels[field] ?? field)).toBe("Monto debe ser positivo, se leyó '-5,00'");
    expect(describeQuarantineReason(byLine.get(6) as QuarantineEntry, 'es', (field) => labels[field] ?? field)).toBe('falta un valor: Cuenta origen es obligatorio');
    expect(describeQuarantineReason(byLine.get(7) as QuarantineEntry, 'es')).toBe(
      'la fila tiene 5 campos pero el encabezado tiene 7 (fila cortada, comilla suelta o separador equivocado)',
    );
  });

  it('falls back to the stored English text for rows quarantined before reasons had codes', () => {
    const old: QuarantineEntry = { file: 'a.csv', line: 4, column: 'monto', field: 'amount', value: 'x', reason: "'x' is not a valid number" };
    expect(describeQuarantineReason(old, 'es')).toBe("'x' is not a valid number");
    expect(describeQuarantineReason({ ...old, code: 'some-future-code', params: {} }, 'es')).toBe("'x' is not a valid number");
  });
});
