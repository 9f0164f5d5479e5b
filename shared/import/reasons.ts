import type { Language } from '../model/alert';
import type { QuarantineEntry } from '../model/source';
import { defineMessages, interpolate, type MessageParams } from '../i18n';

/**
 * Why a row went to quarantine, as a stable code with parameters, so the
 * screen can say it in the analyst's language while `reason` keeps the
 * English text the CLI prints and old stored rows carry.
 */
export const QUARANTINE_CODES = [
  'row-width',
  'missing-value',
  'invalid-number',
  'not-positive',
  'invalid-date',
  'ambiguous-currency',
  'invalid-currency',
  'invalid-country',
  'invalid-boolean',
  'invalid-hs-code',
  'too-long',
  'invalid-value',
] as const;
export type QuarantineCode = (typeof QUARANTINE_CODES)[number];

export interface QuarantineReason {
  code: QuarantineCode;
  params: MessageParams;
  /** English text, as the CLI prints it. */
  reason: string;
}

export const QUARANTINE_MESSAGES = defineMessages<QuarantineCode>({
  en: {
    'row-width': 'the row has {fields} field(s) but the header has {expected} (truncated row, stray quote or wrong delimiter)',
    'missing-value': 'missing value: {field} is required',
    'invalid-number': "'{value}' is not a valid number (decimal separator '{decimal}', e.g. {example})",
    'not-positive': "{field} must be positive, got '{value}'",
    'invalid-date': "'{value}' is not a valid date ({format})",
    'ambiguous-currency': "'{value}' is ambiguous (pesos or dollars); add a value map such as $ → COP",
    'invalid-currency': "'{value}' is not an ISO 4217 currency code (e.g. COP, USD)",
    'invalid-country': "'{value}' is not a recognised country (expected an ISO 3166 code such as CO or a country name)",
    'invalid-boolean': "'{value}' is not yes/no (expected sí/no, yes/no, true/false, 1/0)",
    'invalid-hs-code': "'{value}' is not an HS code (2 to 10 digits, e.g. 0901.11.00)",
    'too-long': '{field} is longer than {maximum} characters',
    'invalid-value': "'{value}' is not an accepted value for {field}",
  },
  es: {
    'row-width': 'la fila tiene {fields} campo(s) pero el encabezado tiene {expected} (fila cortada, comilla suelta o separador equivocado)',
    'missing-value': 'falta un valor: {field} es obligatorio',
    'invalid-number': "'{value}' no es un número válido (separador decimal '{decimal}', p. ej. {example})",
    'not-positive': "{field} debe ser positivo, se leyó '{value}'",
    'invalid-date': "'{value}' no es una fecha válida ({format})",
    'ambiguous-currency': "'{value}' es ambiguo (pesos o dólares); agregue una equivalencia como $ → COP",
    'invalid-currency': "'{value}' no es un código de moneda ISO 4217 (p. ej. COP, USD)",
    'invalid-country': "'{value}' no es un país reconocido (se espera un código ISO 3166 como CO o el nombre de un país)",
    'invalid-boolean': "'{value}' no es sí/no (se espera sí/no, yes/no, true/false, 1/0)",
    'invalid-hs-code': "'{value}' no es un código arancelario SA (2 a 10 dígitos, p. ej. 0901.11.00)",
    'too-long': '{field} tiene más de {maximum} caracteres',
    'invalid-value': "'{value}' no es un valor aceptado para {field}",
  },
});

export function isQuarantineCode(code: unknown): code is QuarantineCode {
  return typeof code === 'string' && (QUARANTINE_CODES as readonly string[]).includes(code);
}

/** Date patterns are written with the language's letters: DD/MM/AAAA (año) in Spanish. */
function localisedFormat(format: string, language: Language): string {
  return language === 'es' ? format.replace(/Y/g, 'A').replace(/y/g, 'a') : format;
}

/**
 * The quarantine reason in the analyst's language. `fieldLabel` turns a field
 * name (amount) into the screen's label for it (Monto); rows stored before
 * reasons had codes fall back to their English text.
 */
export function describeQuarantineReason(
  entry: Pick<QuarantineEntry, 'reason'> & { code?: string | undefined; params?: MessageParams | undefined },
  language: Language,
  fieldLabel: (field: string) => string = (field) => field,
): string {
  if (!isQuarantineCode(entry.code)) return entry.reason;
  const params: MessageParams = { ...entry.params };
  if (typeof params.field === 'string' && params.field !== '') params.field = fieldLabel(params.field);
  if (typeof params.format === 'string') params.format = localisedFormat(params.format, language);
  return interpolate(QUARANTINE_MESSAGES[language][entry.code], params);
}
