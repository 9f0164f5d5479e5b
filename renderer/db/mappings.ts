import { parseMappingSpec, serializeMappingSpec, type MappingSpec } from '../../shared/import';
import type { RecordKind } from '../../shared/model';
import type { CaudalDatabase, MappingRow } from './schema';

/**
 * Saved mappings: one bank's layout, saved by name and reused for every
 * monthly export of that bank. Stored and exported as the spec's own JSON and
 * validated whenever read back, so a hand-edited file cannot slip in.
 */
export async function saveMapping(db: CaudalDatabase, spec: MappingSpec, now = Date.now()): Promise<MappingSpec> {
  const valid = parseMappingSpec(spec);
  await db.mappings.put({ name: valid.name, kind: valid.kind, spec: valid, updatedAt: now });
  return valid;
}

/** Saved mappings by name, optionally only those for one record kind. */
export async function listMappings(db: CaudalDatabase, kind?: RecordKind): Promise<MappingRow[]> {
  const rows = kind ? await db.mappings.where('kind').equals(kind).toArray() : await db.mappings.toArray();
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

export async function loadMapping(db: CaudalDatabase, name: string): Promise<MappingSpec | undefined> {
  const row = await db.mappings.get(name);
  return row ? parseMappingSpec(row.spec) : undefined;
}

export async function deleteMapping(db: CaudalDatabase, name: string): Promise<void> {
  await db.mappings.delete(name);
}

/** The JSON file an analyst hands to a colleague (or to `caudal analyze --mapping`). */
export function exportMappingJson(spec: MappingSpec): string {
  return `${serializeMappingSpec(spec)}\n`;
}

/** Reads an exported mapping file; throws MappingSpecError naming the bad field for malformed JSON. */
export function importMappingJson(text: string): MappingSpec {
  return parseMappingSpec(text.replace(/^\uFEFF/, ''));
}

export function mappingFileName(spec: MappingSpec): string {
  const safe = spec.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `mapping-${safe || 'caudal'}.json`;
}
