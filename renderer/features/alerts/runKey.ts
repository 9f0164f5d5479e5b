import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { TYPOLOGIES } from '../../../shared/detect';
import { profileToJson, type UnitProfile } from '../../../shared/profiles';
import type { CaudalDatabase } from '../../db/schema';

/**
 * Fingerprints what a detection run depends on: the case's committed imports
 * (each import id names its file's SHA-256), the profile's full content (so
 * editing a threshold counts, not only switching profiles) and the set of
 * detectors. Equal keys mean re-running would give the same alerts.
 */
export async function detectionInputKey(db: CaudalDatabase, caseId: string, profile: UnitProfile): Promise<string> {
  const imports = await db.imports.where('[caseId+status]').equals([caseId, 'committed']).primaryKeys();
  const parts = [
    'imports', ...imports.map(String).sort(),
    'profile', profileToJson(profile),
    'typologies', ...TYPOLOGIES.map((typology) => typology.id),
  ];
  return bytesToHex(sha256(utf8ToBytes(parts.join('\n'))));
}

export async function hasCommittedData(db: CaudalDatabase, caseId: string): Promise<boolean> {
  return (await db.imports.where('[caseId+status]').equals([caseId, 'committed']).count()) > 0;
}
