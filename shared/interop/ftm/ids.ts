import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { utf8DecodeStrict } from '../../runtime';

/**
 * FtM entity ids must match ^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$.
 * Caudal's keys ("CC:1032456789", "PARTY:NAME:…") do not, so they travel
 * hex-encoded behind a prefix that says what they are: reversible, so a
 * case exported and imported again keeps every key and every link.
 */
const PREFIX = 'caudal';

export type CaudalEntityKind = 'party' | 'account' | 'tx' | 'link' | 'ident' | 'derived';

export function caudalEntityId(kind: CaudalEntityKind, key: string): string {
  return `${PREFIX}-${kind}-${bytesToHex(utf8ToBytes(key))}`;
}


/** The Caudal key inside an id this module made, or undefined for anyone else's id. */
export function caudalKeyOf(entityId: string, kind: CaudalEntityKind): string | undefined {
  const prefix = `${PREFIX}-${kind}-`;
  if (!entityId.startsWith(prefix)) return undefined;
  const hex = entityId.slice(prefix.length);
  if (!/^(?:[0-9a-f]{2})+$/.test(hex)) return undefined;
  try {
    return utf8DecodeStrict(hexToBytes(hex));
  } catch {
    return undefined;
  }
}
