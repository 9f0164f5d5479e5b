import {
  BUILTIN_PROFILES,
  describeIssue,
  parseProfileJson,
  ProfileError,
  typologyParamsFor,
  UnitProfileSchema,
  type UnitProfile,
} from '../../../shared/profiles';
import { TYPOLOGIES } from '../../../shared/detect';
import type { CaudalDatabase } from '../../db/schema';
import { auditProfileChange } from '../../db/auditEvents';

export interface ProfileEntry {
  profile: UnitProfile;
  builtIn: boolean;
}

/** Why the repository refused a change, with what the UI needs to say it in the analyst's language. */
export class ProfileRepositoryError extends Error {
  constructor(
    readonly code: 'builtin_readonly' | 'id_taken' | 'not_found' | 'in_use',
    readonly params: Record<string, string> = {},
  ) {
    super(`${code}: ${JSON.stringify(params)}`);
    this.name = 'ProfileRepositoryError';
  }
}

const BUILTIN_IDS = new Set(BUILTIN_PROFILES.map((profile) => profile.id));

export function isBuiltinId(id: string): boolean {
  return BUILTIN_IDS.has(id);
}

/** Built-in profiles first, in their shipped order, then the unit's own by name. */
export async function listProfiles(db: CaudalDatabase): Promise<ProfileEntry[]> {
  const custom = (await db.profiles.toArray()).map((row) => row.profile).filter((profile) => !BUILTIN_IDS.has(profile.id));
  custom.sort((a, b) => a.name.localeCompare(b.name));
  return [...BUILTIN_PROFILES.map((profile) => ({ profile, builtIn: true })), ...custom.map((profile) => ({ profile, builtIn: false }))];
}

export async function getProfile(db: CaudalDatabase, id: string): Promise<UnitProfile | undefined> {
  const builtin = BUILTIN_PROFILES.find((profile) => profile.id === id);
  if (builtin) return builtin;
  return (await db.profiles.get(id))?.profile;
}

/**
 * Checks a profile as the detectors will read it: the schema (every field
 * named) and each typology's parameter overrides against that typology's own
 * zod schema, so a bad figure is refused when saved, not when detection runs.
 */
export function validateProfile(input: unknown): UnitProfile {
  const result = UnitProfileSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => describeIssue(issue, input));
    throw new ProfileError(`Invalid profile: ${issues.join('; ')}`, issues);
  }
  const profile = result.data;
  const issues: string[] = [];
  for (const typology of TYPOLOGIES) {
    try {
      typologyParamsFor(profile, typology);
    } catch (error) {
      if (error instanceof ProfileError) issues.push(...(error.issues.length > 0 ? error.issues : [error.message]));
      else throw error;
    }
  }
  const known = new Set(TYPOLOGIES.map((typology) => typology.id));
  for (const id of Object.keys(profile.typologyParams)) {
    if (!known.has(id)) issues.push(`typologyParams.${id}: unknown typology`);
  }
  if (issues.length > 0) throw new ProfileError(`Invalid profile: ${issues.join('; ')}`, issues);
  return profile;
}

/** A new custom profile that starts as a copy of another (usually a built-in one). */
export function copyOfProfile(base: UnitProfile, id: string, name: string): UnitProfile {
  return structuredClone({ ...base, id, name, builtIn: false });
}

/** A free id derived from `base` ("co-uiaf" → "co-uiaf-2"), since ids must be unique and short. */
export async function freeProfileId(db: CaudalDatabase, base: string): Promise<string> {
  const stem = base.replace(/-\d+$/, '').slice(0, 36);
  for (let n = 2; ; n += 1) {
    const candidate = `${stem}-${n}`;
    if (!BUILTIN_IDS.has(candidate) && !(await db.profiles.get(candidate))) return candidate;
  }
}

/**
 * Stores a custom profile. Built-in ids are reserved (a unit copies a
 * built-in profile instead of changing what ships with Caudal); `create`
 * refuses an id already in use so a new profile never overwrites another.
 */
export async function saveCustomProfile(db: CaudalDatabase, input: unknown, mode: 'create' | 'update'): Promise<UnitProfile> {
  const profile = { ...validateProfile(input), builtIn: false };
  if (BUILTIN_IDS.has(profile.id)) throw new ProfileRepositoryError('builtin_readonly', { id: profile.id });
  await db.transaction('rw', db.profiles, async () => {
    const existing = await db.profiles.get(profile.id);
    if (mode === 'create' && existing) throw new ProfileRepositoryError('id_taken', { id: profile.id });
    if (mode === 'update' && !existing) throw new ProfileRepositoryError('not_found', { id: profile.id });
    await db.profiles.put({ id: profile.id, profile });
  });
  await auditProfileChange(db, mode, { profile });
  return profile;
}

/** Imports a profile file; an existing custom profile with the same id is replaced (the file is the unit's newer copy). */
export async function importProfileJson(db: CaudalDatabase, text: string): Promise<{ profile: UnitProfile; replaced: boolean }> {
  const parsed = parseProfileJson(text);
  const existing = await db.profiles.get(parsed.id);
  const profile = await saveCustomProfile(db, { ...parsed, builtIn: false }, existing ? 'update' : 'create');
  return { profile, replaced: Boolean(existing) };
}

/** Deleting a profile a case still uses would leave that case without its law: refused, naming the cases. */
export async function deleteCustomProfile(db: CaudalDatabase, id: string): Promise<void> {
  if (BUILTIN_IDS.has(id)) throw new ProfileRepositoryError('builtin_readonly', { id });
  await db.transaction('rw', db.profiles, db.cases, async () => {
    const users = await db.cases.filter((row) => row.profileId === id).toArray();
    if (users.length > 0) throw new ProfileRepositoryError('in_use', { id, cases: users.map((row) => row.number).join(', ') });
    await db.profiles.delete(id);
  });
  await auditProfileChange(db, 'delete', { profileId: id });
}

/** Puts a case under another unit profile; detection then re-runs because the run's inputs changed. */
export async function assignProfileToCase(db: CaudalDatabase, caseId: string, profileId: string, now = Date.now()): Promise<void> {
  if (!(await getProfile(db, profileId))) throw new ProfileRepositoryError('not_found', { id: profileId });
  const updated = await db.cases.update(caseId, { profileId, updatedAt: now });
  if (updated === 0) throw new ProfileRepositoryError('not_found', { id: caseId });
  await auditProfileChange(db, 'assign', { profileId, caseId });
}

/** Figures shipped as defaults that the unit has not confirmed yet; each is shown with a banner. */
export function unconfirmedFigures(profile: UnitProfile): ('cashThreshold' | 'aggregateThreshold' | 'fxPerUsd')[] {
  const figures: ('cashThreshold' | 'aggregateThreshold' | 'fxPerUsd')[] = [];
  if (!profile.cashThreshold.confirmed) figures.push('cashThreshold');
  if (profile.aggregateThreshold && !profile.aggregateThreshold.confirmed) figures.push('aggregateThreshold');
  if (!profile.fxConfirmed) figures.push('fxPerUsd');
  return figures;
}
