import type { RecordKind } from '../model/records';
import { FIELD_DEFINITIONS } from './fields';

/**
 * Builds a record from converted values indexed like FIELD_DEFINITIONS[kind].
 * Written out per kind on purpose: an object literal plus named stores keeps
 * every record on one hidden class, where assigning computed keys in a loop
 * costs V8 a megamorphic lookup per field (~0.5 µs a row, 0.5 s per million).
 * Undefined values are left out, as zod would for an absent optional field.
 */
export type RecordBuilder = (values: readonly unknown[]) => Record<string, unknown>;

const transaction: RecordBuilder = (v) => {
  const r: Record<string, unknown> = { id: v[0], timestamp: v[1], fromAccount: v[2], toAccount: v[3], amount: v[4], currency: v[5] };
  if (v[6] !== undefined) r.channel = v[6];
  if (v[7] !== undefined) r.description = v[7];
  if (v[8] !== undefined) r.fromPartyName = v[8];
  if (v[9] !== undefined) r.fromPartyId = v[9];
  if (v[10] !== undefined) r.toPartyName = v[10];
  if (v[11] !== undefined) r.toPartyId = v[11];
  if (v[12] !== undefined) r.fromBank = v[12];
  if (v[13] !== undefined) r.toBank = v[13];
  if (v[14] !== undefined) r.fromCountry = v[14];
  if (v[15] !== undefined) r.toCountry = v[15];
  return r;
};

const party: RecordBuilder = (v) => {
  const r: Record<string, unknown> = { id: v[0], name: v[1], kind: v[2] };
  if (v[3] !== undefined) r.idType = v[3];
  if (v[4] !== undefined) r.idNumber = v[4];
  if (v[5] !== undefined) r.nationality = v[5];
  if (v[6] !== undefined) r.birthDate = v[6];
  if (v[7] !== undefined) r.pep = v[7];
  return r;
};

const account: RecordBuilder = (v) => {
  const r: Record<string, unknown> = { id: v[0] };
  if (v[1] !== undefined) r.institution = v[1];
  if (v[2] !== undefined) r.iban = v[2];
  if (v[3] !== undefined) r.currency = v[3];
  if (v[4] !== undefined) r.holderId = v[4];
  if (v[5] !== undefined) r.holderName = v[5];
  if (v[6] !== undefined) r.country = v[6];
  if (v[7] !== undefined) r.opened = v[7];
  if (v[8] !== undefined) r.closed = v[8];
  return r;
};

const shipment: RecordBuilder = (v) => {
  const r: Record<string, unknown> = { id: v[0], date: v[1], exporter: v[2] };
  if (v[3] !== undefined) r.exporterId = v[3];
  r.importer = v[4];
  if (v[5] !== undefined) r.importerId = v[5];
  r.originCountry = v[6];
  if (v[7] !== undefined) r.originPort = v[7];
  r.destinationCountry = v[8];
  if (v[9] !== undefined) r.destinationPort = v[9];
  r.hsCode = v[10];
  if (v[11] !== undefined) r.goods = v[11];
  r.quantity = v[12];
  r.unit = v[13];
  r.declaredValue = v[14];
  r.currency = v[15];
  return r;
};

const BUILDERS: Record<RecordKind, RecordBuilder> = { transaction, party, account, shipment };

/** The slot layout each builder reads, checked against FIELD_DEFINITIONS so the two cannot drift apart. */
const LAYOUT: Record<RecordKind, readonly string[]> = {
  transaction: ['id', 'timestamp', 'fromAccount', 'toAccount', 'amount', 'currency', 'channel', 'description', 'fromPartyName', 'fromPartyId', 'toPartyName', 'toPartyId', 'fromBank', 'toBank', 'fromCountry', 'toCountry'],
  party: ['id', 'name', 'kind', 'idType', 'idNumber', 'nationality', 'birthDate', 'pep'],
  account: ['id', 'institution', 'iban', 'currency', 'holderId', 'holderName', 'country', 'opened', 'closed'],
  shipment: ['id', 'date', 'exporter', 'exporterId', 'importer', 'importerId', 'originCountry', 'originPort', 'destinationCountry', 'destinationPort', 'hsCode', 'goods', 'quantity', 'unit', 'declaredValue', 'currency'],
};

export function recordBuilder(kind: RecordKind): RecordBuilder {
  const names = FIELD_DEFINITIONS[kind].map((definition) => definition.name);
  if (names.join() !== LAYOUT[kind].join()) throw new Error(`Record builder for ${kind} is out of date with FIELD_DEFINITIONS.`);
  return BUILDERS[kind];
}

/**
 * Ids seen so far in a file. Bank exports are usually sorted by operation
 * number, and while ids keep increasing none can repeat, so they are only
 * compared with the last one; the first id out of order moves them into a
 * Set. Hashing a million ids costs more than half a second; this costs none
 * on a sorted file.
 */
export class SeenIds {
  private last: string | undefined;
  private sorted: string[] | undefined = [];
  private set: Set<string> | undefined;

  /** Records the id; false when it was seen before. */
  add(id: string): boolean {
    if (this.sorted) {
      if (this.last === undefined || id > this.last) {
        this.sorted.push(id);
        this.last = id;
        return true;
      }
      this.set = new Set(this.sorted);
      this.sorted = undefined;
    }
    const set = this.set as Set<string>;
    if (set.has(id)) return false;
    set.add(id);
    return true;
  }
}
