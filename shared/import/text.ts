import type { EncodingChoice, ResolvedEncoding } from './spec';
import { textDecoder, type TextDecoderLike } from '../runtime';

/** Byte → text decoding with automatic detection (TextDecoder reached through shared/runtime.ts). */
function createDecoder(label: string, fatal: boolean): TextDecoderLike {
  return textDecoder(label, { fatal });
}

export interface BomInfo {
  encoding: ResolvedEncoding;
  length: number;
}

export function detectBom(bytes: Uint8Array): BomInfo | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 without a BOM shows as zero bytes in every other position of ASCII-heavy text. */
function detectBomlessUtf16(bytes: Uint8Array): ResolvedEncoding | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Streams bytes into text. With 'auto': a BOM decides; otherwise bytes are
 * read as strict UTF-8 until they prove otherwise. While everything seen is
 * ASCII, switching to Windows-1252 at the first invalid byte gives exactly
 * what decoding the whole file as Windows-1252 would (ASCII is common to
 * both), so the switch needs no second pass. Invalid UTF-8 after real UTF-8
 * text means a mixed file: decoding goes on with U+FFFD for the bad bytes and
 * `mixed` is set, so the importer can name the lines affected and the analyst
 * can pick the encoding (see encodingIssues in the engine).
 */
export class StreamingDecoder {
  encoding: ResolvedEncoding;
  bomLength = 0;
  private decoder: TextDecoderLike;
  private tentativeUtf8: boolean;
  private sawNonAscii = false;
  private previousTail: Uint8Array = new Uint8Array(0);
  private bytesSeen = 0;
  /** Set when bytes stopped decoding as UTF-8 after real UTF-8 text (the rest is decoded with replacement characters). */
  mixed = false;

  constructor(
    choice: EncodingChoice,
    firstBytes: Uint8Array,
    private readonly fileName: string,
  ) {
    const bom = detectBom(firstBytes);
    if (choice === 'auto') {
      this.encoding = bom?.encoding ?? detectBomlessUtf16(firstBytes) ?? 'utf-8';
      this.tentativeUtf8 = !bom && this.encoding === 'utf-8';
    } else {
      this.encoding = choice;
      this.tentativeUtf8 = false;
    }
    if (bom && bom.encoding === this.encoding) this.bomLength = bom.length;
    this.decoder = createDecoder(this.encoding, this.tentativeUtf8);
  }

  decode(chunk: Uint8Array): string {
    const offset = this.bytesSeen;
    this.bytesSeen += chunk.length;
    if (!this.tentativeUtf8) return this.decoder.decode(chunk, { stream: true });
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      if (!this.sawNonAscii && NON_ASCII.test(text)) this.sawNonAscii = true;
      this.rememberTail(chunk);
      return text;
    } catch {
      return this.fallBack(chunk, offset);
    }
  }

  flush(): string {
    if (!this.tentativeUtf8) return this.decoder.decode();
    try {
      return this.decoder.decode();
    } catch {
      return this.fallBack(new Uint8Array(0), this.bytesSeen);
    }
  }

  private rememberTail(chunk: Uint8Array): void {
    // A multi-byte sequence cut by the chunk boundary is held inside the decoder: at most 3 bytes.
    this.previousTail = chunk.length >= 3 ? chunk.slice(chunk.length - 3) : concatBytes(this.previousTail, chunk).slice(-3);
  }

  private fallBack(chunk: Uint8Array, offset: number): string {
    void offset;
    let held = 0;
    for (let i = this.previousTail.length - 1; i >= 0 && (this.previousTail[i] ?? 0) >= 0x80; i--) held++;
    this.tentativeUtf8 = false;
    if (this.sawNonAscii) {
      // UTF-8 text, then bytes that are not: keep UTF-8 (what most of the file is) and mark the damage.
      this.mixed = true;
      this.decoder = createDecoder('utf-8', false);
    } else {
      this.encoding = 'windows-1252';
      this.decoder = createDecoder('windows-1252', false);
    }
    const bytes = held > 0 ? concatBytes(this.previousTail.subarray(this.previousTail.length - held), chunk) : chunk;
    return this.decoder.decode(bytes, { stream: true });
  }
}

export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Decodes a whole head buffer (the sniffer's view) with the same rules as the stream. */
export function decodeHead(bytes: Uint8Array, choice: EncodingChoice, fileName = '(head)'): { text: string; encoding: ResolvedEncoding; bomLength: number } {
  const decoder = new StreamingDecoder(choice, bytes, fileName);
  // The head is usually cut mid-file: a trailing partial character stays held and is dropped.
  const text = decoder.decode(bytes);
  return { text, encoding: decoder.encoding, bomLength: decoder.bomLength };
}

/**
 * Text that did not decode cleanly: a replacement character (bytes invalid in
 * the encoding), or UTF-8 read as Windows-1252/Latin-1 ("JosÃ©": a lead byte
 * Â–ß followed by a continuation byte's character).
 */
const BADLY_DECODED = /\uFFFD|[\u00C2-\u00DF][\u0080-\u00BF\u20AC\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u017D\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u017E\u0178]/;

export function looksBadlyDecoded(text: string): boolean {
  return BADLY_DECODED.test(text);
}
