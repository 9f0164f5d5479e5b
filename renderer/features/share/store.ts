import { z } from 'zod';
import {
  ManifestSchema,
  ReidentificationEntrySchema,
  SavedPolicySchema,
  deserialiseKeyPair,
  deserialisePublicKeys,
  generateUnitKeyPair,
  importPublicCard,
  isProtectedKeyMaterial,
  protectKeyPair,
  publicKeysOf,
  serialisePublicKeys,
  unprotectKeyPair,
  type KeyBookEntry,
  type Manifest,
  type PackageStore,
  type PublicKeys,
  type ReidentificationEntry,
  type SavedPolicy,
  type UnitKeyPair,
} from '../../../shared/package';
import { CHUNK_ROWS, type CaseRow, type CaudalDatabase, type ChartRow, type ImportRow, type KeyBookRow, type KeyVerificationRow } from '../../db/schema';
import { newId } from '../../db/ids';

/**
 * Storage of the share feature over the declared tables (keyBook,
 * sharingPolicies, packages) and, for a received package, a read-only case
 * written the way the import pipeline writes one (a committed import with
 * chunks) so every other feature reads it like a local case.
 */

const OWN_KEY_ID = 'own';
/** Profile id recorded on partner cases and their alert runs: they follow no local unit profile. */
export const PARTNER_PROFILE_ID = 'partner-package';

/** What the packages table's `manifest` column holds for Caudal packages, in both directions. */
export const StoredPackageSchema = z.discriminatedUnion('direction', [
  z.object({
    direction: z.literal('received'),
    manifest: ManifestSchema,
    fileName: z.string(),
    packageSha256: z.string(),
    signer: z.object({
      unit: z.string(),
      fingerprint: z.string(),
      known: z.boolean(),
      /** Absent on packages stored before issue 11: read as 'unverified' (or 'unknown' when not known). */
      trust: z.enum(['verified', 'unverified', 'unknown', 'mismatch']).optional(),
      claimedUnit: z.string().optional(),
    }),
    acknowledgedAt: z.number().int(),
  }),
  z.object({
    direction: z.literal('sent'),
    manifest: ManifestSchema,
    fileName: z.string(),
    packageSha256: z.string(),
    /** The originator's re-identification table: pseudonym → raw value. Never leaves this computer. */
    reidentification: z.array(ReidentificationEntrySchema),
    /** When built from a partner case: the originating unit's consent reference for this onward dissemination. */
    consentReference: z.string().optional(),
  }),
]);

/** The trust a stored received package's signer had when it was opened. */
export const storedSignerTrust = (signer: { known: boolean; trust?: 'verified' | 'unverified' | 'unknown' | 'mismatch' | undefined }) => signer.trust ?? (signer.known ? 'unverified' : 'unknown');
export type StoredPackage = z.infer<typeof StoredPackageSchema>;

/** Unlocked own key pairs of this session, by fingerprint; never written anywhere. */
const unlockedThisSession = new Map<string, UnitKeyPair>();

export interface OwnKeyState {
  publicKeys: PublicKeys;
  /** The private keys, once unlocked with the key passphrase in this session (or stored unsealed by an older version). */
  pair: UnitKeyPair | null;
}

export async function loadOwnKeyState(db: CaudalDatabase): Promise<OwnKeyState | null> {
  const row = await db.keyBook.get(OWN_KEY_ID);
  if (!row) return null;
  if (!isProtectedKeyMaterial(row.material)) {
    const pair = deserialiseKeyPair(row.unit, row.material);
    return { publicKeys: publicKeysOf(pair), pair };
  }
  const publicKeys = deserialisePublicKeys(row.unit, row.material);
  return { publicKeys, pair: unlockedThisSession.get(publicKeys.fingerprint) ?? null };
}

export async function unlockOwnKeys(db: CaudalDatabase, passphrase: string): Promise<UnitKeyPair> {
  const row = await db.keyBook.get(OWN_KEY_ID);
  if (!row) throw new Error('no unit key pair');
  const pair = isProtectedKeyMaterial(row.material) ? await unprotectKeyPair(row.unit, row.material, passphrase) : deserialiseKeyPair(row.unit, row.material);
  unlockedThisSession.set(publicKeysOf(pair).fingerprint, pair);
  return pair;
}

/** A new key pair for the unit, sealed at rest under the key passphrase and unlocked for this session. */
export async function createOwnKeys(db: CaudalDatabase, unit: string, passphrase: string, now = Date.now()): Promise<UnitKeyPair> {
  const trimmed = unit.trim();
  if (!trimmed) throw new Error('unit name required');
  const pair = generateUnitKeyPair(trimmed, now);
  const material = await protectKeyPair(pair, passphrase);
  const fingerprint = publicKeysOf(pair).fingerprint;
  await db.keyBook.put({ id: OWN_KEY_ID, kind: 'own', unit: trimmed, material, fingerprint, addedAt: now });
  unlockedThisSession.set(fingerprint, pair);
  return pair;
}

export type PartnerKeyRow = KeyBookRow & { keys: PublicKeys; verification: KeyVerificationRow | null };

export async function listPartnerKeys(db: CaudalDatabase): Promise<PartnerKeyRow[]> {
  const rows = await db.keyBook.where('kind').equals('partner').toArray();
  const verifications = new Map((await db.keyVerifications.toArray()).map((row) => [row.fingerprint, row]));
  return rows
    .map((row) => ({ ...row, keys: deserialisePublicKeys(row.unit, row.material), verification: verifications.get(row.fingerprint) ?? null }))
    .sort((a, b) => a.unit.localeCompare(b.unit));
}

/**
 * Every key the unit holds, labelled by the key book (never by a package):
 * partners' cards, verified only once their fingerprint was confirmed, and
 * its own key (verified by definition).
 */
export async function trustedKeys(db: CaudalDatabase): Promise<KeyBookEntry[]> {
  const partners = (await listPartnerKeys(db)).map((row): KeyBookEntry => ({ ...row.keys, verified: row.verification !== null }));
  const own = await loadOwnKeyState(db);
  return own ? [...partners, { ...own.publicKeys, verified: true }] : partners;
}

const sameUnitName = (a: string, b: string) => a.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ') === b.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/** A card for a unit the key book already holds under another key: replacing needs the analyst's explicit word. */
export class KeyReplacementRequired extends Error {
  constructor(
    readonly unit: string,
    readonly oldFingerprint: string,
    readonly newFingerprint: string,
  ) {
    super(`the key book already holds a key for “${unit}” (${oldFingerprint}); replace it explicitly`);
    this.name = 'KeyReplacementRequired';
  }
}

/**
 * Adds a partner's card, unverified. A second key for a unit already in the
 * book is refused with KeyReplacementRequired unless `replaceFingerprint`
 * names the old key, which is then removed with its verification.
 */
export async function addPartnerCard(db: CaudalDatabase, json: unknown, options: { now?: number; replaceFingerprint?: string } = {}): Promise<PublicKeys> {
  const keys = importPublicCard(json);
  const now = options.now ?? Date.now();
  const existing = (await db.keyBook.where('kind').equals('partner').toArray()).filter((row) => sameUnitName(row.unit, keys.unit) && row.fingerprint !== keys.fingerprint);
  const previous = existing[0];
  if (previous && options.replaceFingerprint !== previous.fingerprint) throw new KeyReplacementRequired(previous.unit, previous.fingerprint, keys.fingerprint);
  await db.transaction('rw', [db.keyBook, db.keyVerifications], async () => {
    for (const row of existing) {
      await db.keyBook.delete(row.id);
      await db.keyVerifications.delete(row.fingerprint);
    }
    const same = await db.keyBook.get(`partner:${keys.fingerprint}`);
    await db.keyBook.put({ id: `partner:${keys.fingerprint}`, kind: 'partner', unit: keys.unit, material: serialisePublicKeys(keys), fingerprint: keys.fingerprint, addedAt: same?.addedAt ?? now });
  });
  return keys;
}

/** Records that the fingerprint words were read back over a separate channel, with whom and when. */
export async function confirmPartnerKey(db: CaudalDatabase, fingerprint: string, confirmedWith: string, now = Date.now()): Promise<void> {
  const who = confirmedWith.trim();
  if (!who) throw new Error('say with whom the fingerprint was confirmed');
  const row = await db.keyBook.get(`partner:${fingerprint}`);
  if (!row) throw new Error('no such partner key');
  await db.keyVerifications.put({ fingerprint, confirmedWith: who, confirmedAt: now });
}

export async function removePartnerKey(db: CaudalDatabase, id: string): Promise<void> {
  const row = await db.keyBook.get(id);
  if (row?.kind !== 'partner') return;
  await db.transaction('rw', [db.keyBook, db.keyVerifications], async () => {
    await db.keyBook.delete(id);
    await db.keyVerifications.delete(row.fingerprint);
  });
}

export async function listSavedPolicies(db: CaudalDatabase): Promise<(SavedPolicy & { id: string })[]> {
  const rows = await db.sharingPolicies.toArray();
  const valid: (SavedPolicy & { id: string })[] = [];
  for (const row of rows) {
    const parsed = SavedPolicySchema.safeParse({ name: row.name, partner: row.partner, policy: row.policy });
    if (parsed.success) valid.push({ ...parsed.data, id: row.id });
  }
  return valid.sort((a, b) => a.partner.localeCompare(b.partner) || a.name.localeCompare(b.name));
}

export async function savePolicy(db: CaudalDatabase, saved: SavedPolicy, now = Date.now()): Promise<string> {
  const clean = SavedPolicySchema.parse(saved);
  const id = `${clean.partner}\u0000${clean.name}`;
  await db.sharingPolicies.put({ id, name: clean.name, partner: clean.partner, policy: clean.policy, updatedAt: now });
  return id;
}

export async function recordSentPackage(db: CaudalDatabase, caseId: string, manifest: Manifest, fileName: string, packageSha256: string, reidentification: ReidentificationEntry[], consentReference?: string): Promise<void> {
  const stored: StoredPackage = { direction: 'sent', manifest, fileName, packageSha256, reidentification, ...(consentReference ? { consentReference } : {}) };
  await db.packages.put({ id: `sent:${manifest.header.packageId}`, caseId, importedAt: manifest.header.createdAt, manifest: stored });
}

export async function listStoredPackages(db: CaudalDatabase): Promise<{ id: string; caseId: string; stored: StoredPackage }[]> {
  const rows = await db.packages.toArray();
  return rows
    .map((row) => ({ id: row.id, caseId: row.caseId, parsed: StoredPackageSchema.safeParse(row.manifest) }))
    .filter((row) => row.parsed.success)
    .map((row) => ({ id: row.id, caseId: row.caseId, stored: row.parsed.data as StoredPackage }))
    .sort((a, b) => b.stored.manifest.header.createdAt - a.stored.manifest.header.createdAt);
}

export async function storedPackageForCase(db: CaudalDatabase, caseRow: CaseRow): Promise<StoredPackage | null> {
  if (!caseRow.partnerPackageId) return null;
  const row = await db.packages.get(caseRow.partnerPackageId);
  const parsed = StoredPackageSchema.safeParse(row?.manifest);
  return parsed.success ? parsed.data : null;
}

/**
 * Writes an opened, acknowledged package as a read-only partner case in ONE
 * transaction: the case row (with partnerPackageId), a committed import whose
 * file is the package itself, the record chunks, the alerts and charts, and
 * the packages row. Either all of it exists afterwards or none of it.
 */
export function packageStore(db: CaudalDatabase, acknowledgedAt: number): PackageStore {
  return {
    async saveReceived(opened, fileName) {
      const { manifest } = opened;
      const packageRowId = `received:${manifest.header.packageId}`;
      const existing = await db.packages.get(packageRowId);
      if (existing && (await db.cases.get(existing.caseId))) return existing.caseId;
      const caseId = newId();
      const now = acknowledgedAt;
      const caseRow: CaseRow = {
        id: caseId,
        number: manifest.header.reference,
        name: `${manifest.header.originatingUnit} → ${manifest.header.recipientUnit}`,
        profileId: PARTNER_PROFILE_ID,
        analyst: manifest.header.contact,
        classification: manifest.header.classification,
        createdAt: now,
        updatedAt: now,
        notes: `${manifest.header.caveat.es}\n${manifest.header.caveat.en}\n${manifest.header.purpose}`,
        partnerPackageId: packageRowId,
      };
      const importId = `${caseId}:${opened.packageSha256}`;
      const total = opened.content.parties.length + opened.content.accounts.length + opened.content.transactions.length + opened.content.shipments.length;
      const importRow: ImportRow = {
        id: importId,
        caseId,
        status: 'committed',
        quarantine: [],
        file: {
          sha256: opened.packageSha256,
          name: fileName,
          size: 0,
          kind: 'transaction',
          importedAt: now,
          mappingName: PARTNER_PROFILE_ID,
          mapping: { packageId: manifest.header.packageId, signer: opened.signer },
          encoding: 'utf-8',
          delimiter: '',
          counts: { read: total, imported: total, quarantined: 0, duplicates: 0 },
        },
      };
      const stored: StoredPackage = { direction: 'received', manifest, fileName, packageSha256: opened.packageSha256, signer: opened.signer, acknowledgedAt };
      const charts: ChartRow[] = opened.content.charts.map((chart) => ({
        id: `${caseId}:${chart.id}`,
        caseId,
        name: chart.name,
        view: chart.view,
        nodes: chart.nodes,
        createdAt: now,
        updatedAt: now,
        state: { partnerPackageId: packageRowId, readOnly: true },
      }));
      await db.transaction('rw', [db.cases, db.imports, db.chunks, db.packages, db.alertRuns, db.charts], async () => {
        await db.cases.add(caseRow);
        await db.imports.add(importRow);
        const kinds = [
          ['party', opened.content.parties],
          ['account', opened.content.accounts],
          ['transaction', opened.content.transactions],
          ['shipment', opened.content.shipments],
        ] as const;
        for (const [kind, rows] of kinds) {
          for (let index = 0; index * CHUNK_ROWS < rows.length; index++) {
            await db.chunks.add({ caseId, importId, kind, index, rows: rows.slice(index * CHUNK_ROWS, (index + 1) * CHUNK_ROWS) });
          }
        }
        if (opened.content.alerts.length > 0) await db.alertRuns.put({ caseId, profileId: PARTNER_PROFILE_ID, ranAt: now, alerts: opened.content.alerts });
        if (charts.length > 0) await db.charts.bulkAdd(charts);
        await db.packages.put({ id: packageRowId, caseId, importedAt: now, manifest: stored });
      });
      return caseId;
    },
  };
}
