import type { FieldSource } from './spec';
import type { RecordKind } from '../model/records';

/**
 * How each mappable record field is read from text. The converters in
 * `values.ts` are compiled from these per file, and the UI lists them in the
 * mapping form.
 */
export type FieldType =
  | 'text'
  | 'recordId'
  | 'account'
  | 'partyIdNumber'
  | 'amount'
  | 'date'
  | 'currency'
  | 'country'
  | 'channel'
  | 'boolean'
  | 'idType'
  | 'partyKind'
  | 'hsCode';

export interface FieldDefinition {
  name: string;
  type: FieldType;
  required: boolean;
}

const f = (name: string, type: FieldType, required = false): FieldDefinition => ({ name, type, required });

export const FIELD_DEFINITIONS: Record<RecordKind, readonly FieldDefinition[]> = {
  transaction: [
    f('id', 'recordId', true),
    f('timestamp', 'date', true),
    f('fromAccount', 'account', true),
    f('toAccount', 'account', true),
    f('amount', 'amount', true),
    f('currency', 'currency', true),
    f('channel', 'channel'),
    f('description', 'text'),
    f('fromPartyName', 'text'),
    f('fromPartyId', 'partyIdNumber'),
    f('toPartyName', 'text'),
    f('toPartyId', 'partyIdNumber'),
    f('fromBank', 'text'),
    f('toBank', 'text'),
    f('fromCountry', 'country'),
    f('toCountry', 'country'),
  ],
  party: [
    // `id` is derived (`${idType}:${idNumber}` or a name key) unless mapped explicitly.
    f('id', 'recordId'),
    f('name', 'text', true),
    f('kind', 'partyKind'),
    f('idType', 'idType'),
    f('idNumber', 'partyIdNumber'),
    f('nationality', 'country'),
    f('birthDate', 'date'),
    f('pep', 'boolean'),
  ],
  account: [
    f('id', 'account', true),
    f('institution', 'text'),
    f('iban', 'account'),
    f('currency', 'currency'),
    f('holderId', 'partyIdNumber'),
    f('holderName', 'text'),
    f('country', 'country'),
    f('opened', 'date'),
    f('closed', 'date'),
  ],
  shipment: [
    f('id', 'recordId', true),
    f('date', 'date', true),
    f('exporter', 'text', true),
    f('exporterId', 'partyIdNumber'),
    f('importer', 'text', true),
    f('importerId', 'partyIdNumber'),
    f('originCountry', 'country', true),
    f('originPort', 'text'),
    f('destinationCountry', 'country', true),
    f('destinationPort', 'text'),
    f('hsCode', 'hsCode', true),
    f('goods', 'text'),
    f('quantity', 'amount', true),
    f('unit', 'text', true),
    f('declaredValue', 'amount', true),
    f('currency', 'currency', true),
  ],
};

export function fieldDefinition(kind: RecordKind, name: string): FieldDefinition | undefined {
  return FIELD_DEFINITIONS[kind].find((definition) => definition.name === name);
}

export function requiredFields(kind: RecordKind): string[] {
  return FIELD_DEFINITIONS[kind].filter((definition) => definition.required).map((definition) => definition.name);
}

/** A source that reads nothing yet: an empty column name, an empty list, a blank constant. */
export function isBlankSource(source: FieldSource): boolean {
  if ('column' in source) return source.column.trim() === '';
  if ('columns' in source) return source.columns.length === 0 || source.columns.some((column) => column.trim() === '');
  return source.constant.trim() === '';
}

/**
 * The one missing-columns rule (issue 10): required fields of the kind with
 * no usable source. The suggestion, the mapping editor and the engine all ask
 * this, so none is stricter than another.
 */
export function unmappedRequiredFields(kind: RecordKind, fields: Readonly<Record<string, FieldSource | undefined>>): string[] {
  return requiredFields(kind).filter((field) => {
    const source = fields[field];
    return !source || isBlankSource(source);
  });
}
