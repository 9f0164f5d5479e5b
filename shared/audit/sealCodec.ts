import { utf8DecodeStrict, utf8Encode } from '../runtime';
/**
 * Turns a stored value (what Dexie would structured-clone: plain objects,
 * arrays, strings, numbers, booleans, null, undefined, Dates and the typed
 * arrays packedRows.ts uses) into bytes for encryption, and back, exactly.
 *
 * The bulk of a record chunk is typed arrays and arrays of strings, so the
 * value is split into a JSON skeleton (native JSON.stringify/parse, fast on
 * string arrays) and the typed arrays' raw bytes appended after it. Values
 * JSON cannot carry (undefined in an array, NaN, ±Infinity, -0, Dates, typed
 * arrays) become small tagged objects under the key "\u0000".
 */

const TAG = '\u0000';
const MAGIC = [0x43, 0x53, 0x31, 0x00]; // "CS1\0"

type TypedArray = Float64Array | Float32Array | Uint8Array | Uint16Array | Uint32Array | Int8Array | Int16Array | Int32Array;
const TYPED_KINDS: Record<string, { new (buffer: ArrayBuffer, offset: number, length: number): TypedArray; BYTES_PER_ELEMENT: number }> = {
  f64: Float64Array,
  f32: Float32Array,
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i8: Int8Array,
  i16: Int16Array,
  i32: Int32Array,
};

function typedKind(value: ArrayBufferView): string {
  if (value instanceof Float64Array) return 'f64';
  if (value instanceof Float32Array) return 'f32';
  if (value instanceof Uint8Array) return 'u8';
  if (value instanceof Uint16Array) return 'u16';
  if (value instanceof Uint32Array) return 'u32';
  if (value instanceof Int8Array) return 'i8';
  if (value instanceof Int16Array) return 'i16';
  if (value instanceof Int32Array) return 'i32';
  throw new Error(`cannot seal a ${value.constructor.name}`);
}


function needsNoEscape(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || value === null || (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0));
}

function skeleton(value: unknown, blobs: ArrayBufferView[]): unknown {
  if (needsNoEscape(value)) return value;
  if (value === undefined) return { [TAG]: 'u' };
  if (typeof value === 'number') return { [TAG]: 'n', v: String(value === 0 ? '-0' : value) };
  if (typeof value !== 'object' || value === null) throw new Error(`cannot seal a ${typeof value}`);
  if (ArrayBuffer.isView(value)) {
    blobs.push(value);
    return { [TAG]: 't', k: typedKind(value), i: blobs.length - 1, l: value.byteLength };
  }
  if (value instanceof Date) return { [TAG]: 'd', v: value.getTime() };
  if (Array.isArray(value)) {
    // Arrays of plain strings and numbers (most columns) go to JSON as they are.
    let plain = true;
    for (let index = 0; plain && index < value.length; index++) plain = needsNoEscape(value[index]);
    if (plain) return value;
    const out = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) out[index] = skeleton(value[index], blobs);
    return out;
  }
  const object: object = value;
  const prototype = Object.getPrototypeOf(object) as unknown;
  if (prototype !== Object.prototype && prototype !== null) throw new Error(`cannot seal a ${object.constructor?.name ?? 'object'}`);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    if (key === TAG) throw new Error('cannot seal an object with a "\\u0000" key');
    out[key] = skeleton((object as Record<string, unknown>)[key], blobs);
  }
  return out;
}

export function encodeSealable(value: unknown): Uint8Array {
  const blobs: ArrayBufferView[] = [];
  const json = utf8Encode(JSON.stringify(skeleton(value, blobs)));
  let size = 8 + json.byteLength;
  const offsets: number[] = [];
  for (const blob of blobs) {
    size = Math.ceil(size / 8) * 8;
    offsets.push(size);
    size += blob.byteLength;
  }
  const out = new Uint8Array(size);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, json.byteLength, true);
  out.set(json, 8);
  blobs.forEach((blob, index) => out.set(new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength), offsets[index]));
  return out;
}

interface Tagged {
  [TAG]: string;
  v?: string | number;
  k?: string;
  i?: number;
}

function restore(value: unknown, bytes: Uint8Array, offsets: number[], lengths: number[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (item !== null && typeof item === 'object') value[index] = restore(item, bytes, offsets, lengths);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  if (TAG in record) {
    const tagged = record as unknown as Tagged;
    switch (tagged[TAG]) {
      case 'u':
        return undefined;
      case 'n':
        return tagged.v === '-0' ? -0 : Number(tagged.v);
      case 'd':
        return new Date(Number(tagged.v));
      case 't': {
        const Kind = TYPED_KINDS[tagged.k ?? ''];
        const index = tagged.i ?? -1;
        const offset = offsets[index];
        const length = lengths[index];
        if (!Kind || offset === undefined || length === undefined) throw new Error('sealed value: bad typed-array reference');
        // A copy on its own buffer, so the value never aliases the decrypted block.
        const copy = bytes.slice(offset, offset + length);
        return new Kind(copy.buffer, 0, length / Kind.BYTES_PER_ELEMENT);
      }
      default:
        throw new Error(`sealed value: unknown tag ${tagged[TAG]}`);
    }
  }
  for (const key of Object.keys(record)) {
    const member = record[key];
    if (member !== null && typeof member === 'object') {
      const restored = restore(member, bytes, offsets, lengths);
      if (restored === undefined) delete record[key];
      else record[key] = restored;
    }
  }
  return record;
}

export function decodeSealable(bytes: Uint8Array): unknown {
  if (bytes.byteLength < 8 || MAGIC.some((byte, index) => bytes[index] !== byte)) throw new Error('sealed value: not a Caudal sealed value');
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  const parsed: unknown = JSON.parse(utf8DecodeStrict(bytes.subarray(8, 8 + jsonLength)));
  // Blob positions follow from the skeleton's typed-array lengths, in order of appearance.
  const lengths: number[] = [];
  collectLengths(parsed, lengths);
  const offsets: number[] = [];
  let position = 8 + jsonLength;
  for (const length of lengths) {
    position = Math.ceil(position / 8) * 8;
    offsets.push(position);
    position += length;
  }
  if (position > bytes.byteLength) throw new Error('sealed value: truncated');
  return restore(parsed, bytes, offsets, lengths);
}

function collectLengths(value: unknown, lengths: number[]): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) if (item !== null && typeof item === 'object') collectLengths(item, lengths);
    return;
  }
  const record = value as Record<string, unknown>;
  if (TAG in record) {
    if (record[TAG] === 't') lengths[Number(record.i)] = Number(record.l);
    return;
  }
  for (const member of Object.values(record)) if (member !== null && typeof member === 'object') collectLengths(member, lengths);
}
