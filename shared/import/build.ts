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
 *
 * While the ids keep increasing their characters are kept end to end in
 * typed arrays, outside the JS heap, rather than as a million strings: those
 * strings were most of the import worker's live heap, which every full
 * collection marked (and moved) again, in Chromium for 20–185 ms a pause.
 */
export class SeenIds {
  private last: string | undefined;
  /** Characters of the ids so far, end to end (one byte each until an id needs more). */
  private chars: Uint8Array | Uint16Array | undefined = new Uint8Array(1 << 16);
  private used = 0;
  /** Where each id ends in `chars`. */
  private ends = new Int32Array(1 << 12);
  private count = 0;
  private set: Set<string> | undefined;

  /** Records the id; false when it was seen before. */
  add(id: string): boolean {
    if (this.chars) {
      if (this.last === undefined || id > this.last) {
        this.keep(id);
        this.last = id;
        return true;
      }
      this.set = new Set(this.kept());
      this.chars = undefined;
      this.ends = new Int32Array(0);
    }
    const set = this.set as Set<string>;
    if (set.has(id)) return false;
    set.add(id);
    return true;
  }

  private keep(id: string): void {
    let chars = this.chars as Uint8Array | Uint16Array;
    const length = id.length;
    if (this.used + length > chars.length) chars = this.grow(chars, this.used + length, chars instanceof Uint16Array);
    let used = this.used;
    if (chars instanceof Uint8Array) {
      for (let index = 0; index < length; index++) {
        const code = id.charCodeAt(index);
        if (code > 0xff) {
          // A character beyond one byte: every id from now on is kept in two bytes a character.
          this.used = used;
          const wide = this.grow(chars, chars.length, true);
          for (let rest = index; rest < length; rest++) wide[used++] = id.charCodeAt(rest);
          break;
        }
        chars[used++] = code;
      }
    } else {
      for (let index = 0; index < length; index++) chars[used++] = id.charCodeAt(index);
    }
    this.used = used;
    if (this.count === this.ends.length) {
      const ends = new Int32Array(this.ends.length * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    this.ends[this.count++] = used;
  }

  private grow(chars: Uint8Array | Uint16Array, needed: number, wide: boolean): Uint8Array | Uint16Array {
    let capacity = chars.length;
    while (capacity < needed) capacity *= 2;
    const grown = wide ? new Uint16Array(capacity) : new Uint8Array(capacity);
    grown.set(chars.subarray(0, this.used));
    this.chars = grown;
    return grown;
  }

  /** The ids kept so far, as strings again (once, when the file turns out not to be sorted). */
  private *kept(): Generator<string> {
    const chars = this.chars as Uint8Array | Uint16Array;
    // All the characters as one string first (in pieces: one argument list that long would
    // overflow the stack), then each id cut from it: a million ids in about 0.1 s, not 0.7.
    const pieces: string[] = [];
    for (let from = 0; from < this.used; from += 8192) pieces.push(String.fromCharCode(...chars.subarray(from, Math.min(this.used, from + 8192))));
    const all = pieces.join('');
    let start = 0;
    for (let index = 0; index < this.count; index++) {
      const end = this.ends[index] as number;
      yield all.slice(start, end);
      start = end;
    }
  }
}

