import { textDecoder, type TextDecoderLike } from '../../runtime';
/**
 * Bytes → text for XML. goAML files are UTF-8; a BOM or the XML declaration
 * may say UTF-16 or a single-byte Latin encoding (older bank exports).
 * TextDecoder is reached through shared/runtime.ts (shared/ compiles without the DOM library).
 */

const SINGLE_BYTE = new Set(['iso-8859-1', 'latin1', 'windows-1252', 'cp1252', 'iso-8859-15']);

/** The encoding the file's first bytes declare: BOM first, then the XML declaration; UTF-8 when silent. */
export function sniffXmlEncoding(head: Uint8Array): { encoding: string; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (head[0] === 0x3c && head[1] === 0x00) return { encoding: 'utf-16le', bomLength: 0 };
  if (head[0] === 0x00 && head[1] === 0x3c) return { encoding: 'utf-16be', bomLength: 0 };
  let declaration = '';
  for (let index = 0; index < Math.min(head.length, 200); index += 1) declaration += String.fromCharCode(head[index] as number);
  const declared = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(declaration)?.[1]?.toLowerCase();
  if (declared && SINGLE_BYTE.has(declared)) return { encoding: 'windows-1252', bomLength: 0 };
  return { encoding: 'utf-8', bomLength: 0 };
}

export function streamingDecoder(encoding: string): TextDecoderLike {
  return textDecoder(encoding, { fatal: true });
}
