/**
 * The few runtime globals shared/ needs that are not part of ECMAScript:
 * TextDecoder and a monotonic clock exist in Node 20, browsers and workers
 * alike, but shared/ compiles without DOM or Node types so nothing from a
 * particular runtime can slip in. They are reached here, through narrow
 * local types, and nowhere else.
 */
export interface TextDecoderLike {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

type TextDecoderConstructor = new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => TextDecoderLike;

export function textDecoder(label = 'utf-8', options: { fatal?: boolean; ignoreBOM?: boolean } = {}): TextDecoderLike {
  const Decoder = (globalThis as unknown as { TextDecoder?: TextDecoderConstructor }).TextDecoder;
  if (!Decoder) throw new Error('TextDecoder is not available in this environment.');
  return new Decoder(label, options);
}

/** Milliseconds from a monotonic clock where there is one (deadlines, benchmarks), else wall time. */
export function monotonicNow(): number {
  const clock = (globalThis as unknown as { performance?: { now(): number } }).performance;
  return clock ? clock.now() : Date.now();
}

interface TextEncoderLike {
  encode(text: string): Uint8Array;
}

const encoder = new (globalThis as unknown as { TextEncoder: new () => TextEncoderLike }).TextEncoder();
const strictUtf8 = textDecoder('utf-8', { fatal: true });

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Strict: invalid UTF-8 throws instead of being replaced, so damaged bytes are refused, not misread. */
export function utf8DecodeStrict(bytes: Uint8Array): string {
  return strictUtf8.decode(bytes);
}
