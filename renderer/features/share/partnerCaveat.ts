import type { Language } from '../../../shared/model';
import { database } from '../../db/database';
import type { CaseRow } from '../../db/schema';
import { storedPackageForCase } from './store';

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
 * case that came from a partner unit's package, or null for a local case.
 * Egmont's third-party rule travels with the data this way.
 */
export async function partnerCaveatFor(caseRow: CaseRow | null): Promise<PartnerCaveat | null> {
  if (!caseRow?.partnerPackageId) return null;
  const stored = await storedPackageForCase(database(), caseRow);
  if (!stored) {
    // The package row is gone but the case says it is partner intelligence: stamp the default caveat rather than nothing.
    const fallback = { en: 'Partner intelligence: no onward dissemination or evidential use without the originator’s prior written consent.', es: 'Inteligencia de una unidad asociada: prohibida su difusión a terceros o su uso como prueba sin el consentimiento previo y por escrito de la unidad de origen.' };
    return { caveat: fallback, originatingUnit: '?', reference: caseRow.number, classification: caseRow.classification, expiresAt: 0, stamp: (language) => fallback[language] };
  }
  const { header } = stored.manifest;
  return {
    caveat: header.caveat,
    originatingUnit: header.originatingUnit,
    reference: header.reference,
    classification: header.classification,
    expiresAt: header.expiresAt,
    stamp: (language) =>
      language === 'es'
        ? `INTELIGENCIA DE ${header.originatingUnit} (ref. ${header.reference}, ${header.classification}) — ${header.caveat.es}`
        : `PARTNER INTELLIGENCE FROM ${header.originatingUnit} (ref. ${header.reference}, ${header.classification}) — ${header.caveat.en}`,
  };
}
