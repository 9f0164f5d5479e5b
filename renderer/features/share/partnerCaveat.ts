import type { Language } from '../../../shared/model';
import { database } from '../../db/database';
import type { CaseRow } from '../../db/schema';
import { StoredPackageSchema, storedPackageForCase, storedSignerTrust, type StoredPackage } from './store';

export interface PartnerCaveat {
  /** The originator's handling caveat, both languages, exactly as received. */
  caveat: { en: string; es: string };
  originatingUnit: string;
  reference: string;
  classification: string;
  expiresAt: number;
  /** One line to stamp on every page, chart and file exported from a partner case. */
  stamp(language: Language): string;
}

/**
 * For the export feature: the caveat to stamp on anything exported from a
 * case that came from a partner unit's package — or from a local case while
 * a partner layer is overlaid on its chart (pass workspace.overlay) — or null
 * when no partner intelligence is involved. Egmont's third-party rule travels
 * with the data this way.
 */
export async function partnerCaveatFor(caseRow: CaseRow | null, overlay?: { packageId: string } | null): Promise<PartnerCaveat | null> {
  if (!caseRow?.partnerPackageId && overlay) {
    const row = await database().packages.get(`received:${overlay.packageId}`);
    const parsed = StoredPackageSchema.safeParse(row?.manifest);
    return parsed.success ? caveatOf(parsed.data) : fallbackCaveat(caseRow?.number ?? '', caseRow?.classification ?? '');
  }
  if (!caseRow?.partnerPackageId) return null;
  const stored = await storedPackageForCase(database(), caseRow);
  return stored ? caveatOf(stored) : fallbackCaveat(caseRow.number, caseRow.classification);
}

/** The package row is gone but the data is partner intelligence: stamp the default caveat rather than nothing. */
function fallbackCaveat(reference: string, classification: string): PartnerCaveat {
  const caveat = {
    en: 'Partner intelligence: no onward dissemination or evidential use without the originator’s prior written consent.',
    es: 'Inteligencia de una unidad asociada: prohibida su difusión a terceros o su uso como prueba sin el consentimiento previo y por escrito de la unidad de origen.',
  };
  return { caveat, originatingUnit: '?', reference, classification, expiresAt: 0, stamp: (language) => caveat[language] };
}

/**
 * The caveat of a stored package. A package accepted from an unknown,
 * unconfirmed or mismatched signer keeps that mark in every stamp (banner,
 * exports), not only at import.
 */
export function caveatOf(stored: StoredPackage): PartnerCaveat {
  const { header } = stored.manifest;
  const trust = stored.direction === 'received' ? storedSignerTrust(stored.signer) : 'verified';
  const mark = { en: trust === 'mismatch' ? 'SIGNER MISMATCH — ' : trust === 'verified' ? '' : 'UNKNOWN SIGNER — ', es: trust === 'mismatch' ? 'FIRMANTE DISCORDANTE — ' : trust === 'verified' ? '' : 'FIRMANTE DESCONOCIDO — ' };
  return {
    caveat: header.caveat,
    originatingUnit: header.originatingUnit,
    reference: header.reference,
    classification: header.classification,
    expiresAt: header.expiresAt,
    stamp: (language) =>
      language === 'es'
        ? `${mark.es}INTELIGENCIA DE ${header.originatingUnit} (ref. ${header.reference}, ${header.classification}) — ${header.caveat.es}`
        : `${mark.en}PARTNER INTELLIGENCE FROM ${header.originatingUnit} (ref. ${header.reference}, ${header.classification}) — ${header.caveat.en}`,
  };
}
