import type { Language } from '../model/alert';
import type { QuarantineEntry } from '../model/source';
import { defineMessages, interpolate, type MessageParams } from '../i18n';
import { isImportErrorCode, type ImportErrorCode } from './types';

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
  'unclosed-quote',
  'line-too-long',
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
    'row-width': 'the row has {fields} {fields|field|fields} but the header has {expected} (truncated row, stray quote or wrong delimiter)',
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
    'unclosed-quote': 'a quote opened on this line is never closed where the row should end (stray quote); the following lines were read as rows of their own',
    'line-too-long': 'the line is {length} characters long, more than the {maximum} a row may have; it was skipped',
  },
  es: {
    'row-width': 'la fila tiene {fields} {fields|campo|campos} pero el encabezado tiene {expected} (fila cortada, comilla suelta o separador equivocado)',
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
    'unclosed-quote': 'una comilla abierta en esta línea nunca se cierra donde debería terminar la fila (comilla suelta); las líneas siguientes se leyeron como filas propias',
    'line-too-long': 'la línea tiene {length} caracteres, más de los {maximum} que admite una fila; se omitió',
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

/** File-level errors (ImportError.code) in both languages; {file}, {line}, {column}, {field} and the error's params fill them. */
export const IMPORT_ERROR_MESSAGES = defineMessages<ImportErrorCode>({
  en: {
    spec: '{file}: the mapping is not valid ({detail})',
    encoding: '{file}: the file is not valid UTF-8 near byte {offset} although earlier text was UTF-8; choose its encoding (e.g. windows-1252)',
    'empty-file': '{file}: no header row found (the file is empty or holds only preamble lines)',
    'missing-column': "{file}, line {line}: the column '{column}' mapped to {field} is not in the header",
    'ambiguous-date-order': "{file}: the dates in column '{column}' fit both DD/MM/YYYY and MM/DD/YYYY; choose the date order in the mapping",
    'line-too-long': '{file}, line {line}: the line is longer than {maximum} characters before any header; this is not a CSV export',
  },
  es: {
    spec: '{file}: el mapeo no es válido ({detail})',
    encoding: '{file}: el archivo deja de ser UTF-8 válido cerca del byte {offset} aunque el texto anterior lo era; elija su codificación (p. ej. windows-1252)',
    'empty-file': '{file}: no se encontró la fila de encabezado (el archivo está vacío o solo tiene líneas de preámbulo)',
    'missing-column': "{file}, línea {line}: la columna '{column}' asignada a {field} no está en el encabezado",
    'ambiguous-date-order': "{file}: las fechas de la columna '{column}' sirven como DD/MM/AAAA y como MM/DD/AAAA; elija el orden de la fecha en el mapeo",
    'line-too-long': '{file}, línea {line}: la línea supera los {maximum} caracteres antes de cualquier encabezado; esto no es una exportación CSV',
  },
});

/** An ImportError (or its serialised form from a worker) in the analyst's language; unknown codes keep the English message. */
export function describeImportError(
  error: { code?: string | undefined; message: string; file?: string | undefined; line?: number | undefined; column?: string | undefined; field?: string | undefined; params?: MessageParams | undefined },
  language: Language,
  fieldLabel: (field: string) => string = (field) => field,
): string {
  if (!isImportErrorCode(error.code)) return error.message;
  const params: MessageParams = {
    detail: error.message,
    ...error.params,
    file: error.file ?? '',
    line: error.line ?? '',
    column: error.column ?? '',
    field: error.field ? fieldLabel(error.field) : '',
  };
  return interpolate(IMPORT_ERROR_MESSAGES[language][error.code], params);
}
