import { Inflate } from 'fflate';
import { monotonicNow, textDecoder } from '../runtime';

/**
 * Limits on opening a package, checked BEFORE any expensive work: a crafted
 * 98-byte ZIP64 file once kept the worker busy for minutes and a 1.5 MB part
 * inflated to 1.5 GiB before its declared size was looked at. The zip's own
 * directory is read by hand first (fflate trusts it), then every part is
 * inflated in small slices that stop the moment the declared size is passed.
 */

/** A .caudal file larger than this is refused unread. */
export const MAX_PACKAGE_BYTES = 1_073_741_824;
/** manifest.json, manifest.sig and at most one file per part kind (with room for growth). */
export const MAX_ZIP_ENTRIES = 20;
/** Sum of every part's declared inflated size. */
export const MAX_TOTAL_INFLATED_BYTES = 1_073_741_824;
/** Wall-clock budget for opening one package (verification, decryption, inflation, validation). */
export const DEFAULT_OPEN_BUDGET_MS = 300_000;
/** Compressed bytes fed to the inflater per step: deflate expands at most ~1032×, so one step writes ≤ ~8.5 MB. */
const INFLATE_SLICE = 8192;

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_EOCD_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_BYTES = 22;

/**
 * A bound the file broke, worded for the analyst in both languages: the
 * refusal that carries it quotes `message` in English and `messageEs` in Spanish.
 */
export class BoundsError extends Error {
  constructor(
    message: string,
    readonly messageEs: string,
  ) {
    super(message);
  }
}

/** The zip's own directory breaks a bound (checkZipBounds). */
export class ZipBoundsError extends BoundsError {}

/** A part inflates past its declared size or its time budget (boundedInflate). */
export class InflateBoundsError extends BoundsError {}

const u16 = (bytes: Uint8Array, at: number) => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
const u32 = (bytes: Uint8Array, at: number) => (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0;

/**
 * Reads the zip's end record and central directory without trusting them:
 * no comment, no ZIP64 record or field (refused at once, not supported), at
 * most MAX_ZIP_ENTRIES stored entries whose declared sizes and offsets all lie
 * inside the file. Throws ZipBoundsError naming the offending entry.
 */
export function checkZipBounds(bytes: Uint8Array): void {
  if (bytes.length > MAX_PACKAGE_BYTES) throw new ZipBoundsError(`the file is ${bytes.length} bytes, above the ${MAX_PACKAGE_BYTES}-byte limit`, `el archivo pesa ${bytes.length} bytes, por encima del límite de ${MAX_PACKAGE_BYTES} bytes`);
  if (bytes.length < EOCD_BYTES) throw new ZipBoundsError('too short to be a zip', 'es demasiado corto para ser un zip');
  const eocd = bytes.length - EOCD_BYTES;
  if (u32(bytes, eocd) !== EOCD_SIGNATURE) throw new ZipBoundsError('no end-of-central-directory record at the end of the file (zip comments are not allowed)', 'no hay registro de fin del directorio central al final del archivo (no se admiten comentarios en el zip)');
  if (eocd >= 20 && u32(bytes, eocd - 20) === ZIP64_EOCD_LOCATOR_SIGNATURE) throw new ZipBoundsError('ZIP64 is not supported', 'no se admite ZIP64');
  const disk = u16(bytes, eocd + 4);
  const cdDisk = u16(bytes, eocd + 6);
  const entriesHere = u16(bytes, eocd + 8);
  const entries = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (entries === 0xffff || entriesHere === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipBoundsError('ZIP64 is not supported', 'no se admite ZIP64');
  if (disk !== 0 || cdDisk !== 0 || entriesHere !== entries) throw new ZipBoundsError('multi-disk zips are not supported', 'no se admiten zips de varios discos');
  if (entries > MAX_ZIP_ENTRIES) throw new ZipBoundsError(`${entries} entries, above the limit of ${MAX_ZIP_ENTRIES}`, `${entries} entradas, por encima del límite de ${MAX_ZIP_ENTRIES}`);
  if (cdOffset + cdSize !== eocd) throw new ZipBoundsError('the central directory does not end where the end record begins', 'el directorio central no termina donde empieza el registro final');
  let at = cdOffset;
  for (let index = 0; index < entries; index++) {
    if (at + 46 > eocd || u32(bytes, at) !== CENTRAL_SIGNATURE) throw new ZipBoundsError(`central directory entry ${index + 1} is malformed`, `la entrada ${index + 1} del directorio central está mal formada`);
    const method = u16(bytes, at + 10);
    const compressed = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const localOffset = u32(bytes, at + 42);
    const name = textDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (compressed === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw new ZipBoundsError(`entry ${name}: ZIP64 is not supported`, `entrada ${name}: no se admite ZIP64`);
    if (method !== 0) throw new ZipBoundsError(`entry ${name} is compressed`, `la entrada ${name} está comprimida`);
    if (compressed !== size) throw new ZipBoundsError(`entry ${name}: stored size ${compressed} differs from its declared size ${size}`, `entrada ${name}: el tamaño almacenado ${compressed} difiere del declarado ${size}`);
    for (let extra = at + 46 + nameLength; extra + 4 <= at + 46 + nameLength + extraLength; extra += 4 + u16(bytes, extra + 2)) {
      if (u16(bytes, extra) === 0x0001) throw new ZipBoundsError(`entry ${name}: ZIP64 is not supported`, `entrada ${name}: no se admite ZIP64`);
    }
    if (localOffset + 30 > cdOffset || u32(bytes, localOffset) !== LOCAL_SIGNATURE) throw new ZipBoundsError(`entry ${name}: its local header is outside the file`, `entrada ${name}: su encabezado local queda fuera del archivo`);
    const dataStart = localOffset + 30 + u16(bytes, localOffset + 26) + u16(bytes, localOffset + 28);
    if (dataStart + size > cdOffset) throw new ZipBoundsError(`entry ${name} declares ${size} bytes, more than the file holds`, `la entrada ${name} declara ${size} bytes, más de los que contiene el archivo`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (at !== eocd) throw new ZipBoundsError('the central directory holds more than its entries', 'el directorio central contiene más que sus entradas');
}

/**
 * Raw-deflate inflation that never produces more than `expected` bytes and
 * gives up at `deadline` (monotonicNow() milliseconds): fed in small
 * slices, it stops as soon as the output passes the declared size, so a bomb
 * costs at most one slice's expansion.
 */
export function boundedInflate(compressed: Uint8Array, expected: number, deadline: number): Uint8Array {
  const out = new Uint8Array(expected);
  let written = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > expected) {
      overflow = true;
      return;
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  for (let offset = 0; offset < compressed.length; offset += INFLATE_SLICE) {
    const end = Math.min(offset + INFLATE_SLICE, compressed.length);
    inflater.push(compressed.subarray(offset, end), end === compressed.length);
    if (overflow) throw new InflateBoundsError(`inflates to more than the ${expected} bytes the manifest declares`, `se descomprime en más de los ${expected} bytes que declara el manifiesto`);
    if (monotonicNow() > deadline) throw new InflateBoundsError('took longer than the time allowed for opening a package', 'tardó más del tiempo permitido para abrir un paquete');
  }
  if (written !== expected) throw new InflateBoundsError(`expected ${expected} bytes, got ${written}`, `se esperaban ${expected} bytes y se obtuvieron ${written}`);
  return out;
}
