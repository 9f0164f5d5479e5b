import { TYPOLOGIES } from '../../../shared/detect';
import type { Language, LocalizedText } from '../../../shared/model';

const BY_ID = new Map(TYPOLOGIES.map((typology) => [typology.id, typology]));

/** Alerts that come from outside the detector registry (screening hits, issue 14) still need a name and a description. */
const OTHER_SOURCES: Record<string, { names: LocalizedText; description: LocalizedText }> = {
  watchlist: {
    names: { es: 'Coincidencia en lista de control', en: 'Watch-list match' },
    description: {
      es: 'Una persona o empresa del caso coincide con una entrada de una lista de sanciones, PEP o nacional importada (Listas de control).',
      en: 'A person or company of the case matches an entry of an imported sanctions, PEP or national list (Watch lists).',
    },
  },
};

/** A typology's name in the UI language; an id nobody knows shows as itself. */
export function typologyName(id: string, language: Language): string {
  return BY_ID.get(id)?.names[language] ?? OTHER_SOURCES[id]?.names[language] ?? id;
}

export function typologyDescription(id: string, language: Language): string {
  return BY_ID.get(id)?.description[language] ?? OTHER_SOURCES[id]?.description[language] ?? '';
}
