import type { Alert, Language, LocalizedText, Shipment } from '../../model';
import { bilingual, buildAlert, countText, daysText, type CountedNoun } from '../alerts';
import type { CaseIndex } from '../indexing';
import { componentsFor, scoreFromSurprise, type EvidencePiece } from './surprise';

type Numbers = (value: number, digits?: number) => string;

/**
 * The discount for chance: log10 of the places a detector searched comes off the surprise, so a pattern
 * found by trying many windows, accounts or start transfers needs that much more evidence.
 */
export function multiplicityPiece(places: number, searched: SearchedPlaces): EvidencePiece {
  const { count, from = false, note = { es: '', en: '' } } = searched;
  return {
    id: 'multiplicity',
    surprise: -Math.log10(Math.max(1, places)),
    label: bilingual((language, n) =>
      language === 'es'
        ? `búsqueda ${from ? 'desde' : 'en'} ${countText(language, n, count, searched)} (descuento por azar${note.es})`
        : `searched ${from ? 'from ' : ''}${countText(language, n, count, searched)} (discount for chance${note.en})`,
    ),
  };
}

/** What a detector searched, as the discount says it: "búsqueda en 1 cuenta", "searched 1,204 day windows". */
export interface SearchedPlaces extends CountedNoun {
  count: number;
  /** "búsqueda desde …" / "searched from …": starting points rather than places. */
  from?: boolean;
  /** Appended inside the parenthesis (how the discount was counted). */
  note?: LocalizedText;
}

/**
 * "k such events in d days where e were usual for this subject": a Poisson tail against the subject's own
 * pace (never below the case's), the evidence every count-based rule states in the same words.
 */
export function countPiece(id: string, count: number, expected: number, log10p: number, what: LocalizedText & { days: number }): EvidencePiece {
  const ratio = expected > 0 ? count / expected : Number.POSITIVE_INFINITY;
  return {
    id,
    surprise: -log10p,
    label: bilingual((language, n) => {
      const times = Number.isFinite(ratio) ? `${n(ratio, ratio < 10 ? 1 : 0)}×` : '∞×';
      return language === 'es' ? `${n(count)} ${what.es} en ${daysText(language, n, what.days)}: ${times} lo habitual` : `${n(count)} ${what.en} in ${daysText(language, n, what.days)}: ${times} its usual number`;
    }),
  };
}

/** A share of the case as a percentage with enough digits to be read: 0.04 %, not 0 %. */
export function percentOf(n: Numbers, share: number): string {
  const percent = share * 100;
  return n(percent, percent >= 1 ? 1 : percent >= 0.1 ? 2 : 3);
}

export interface ScoredDraft {
  typology: string;
  transactions: number[];
  shipments?: readonly Shipment[];
  pieces: EvidencePiece[];
  focus: string;
  sentence: (language: Language, n: Numbers) => string;
  /**
   * Legal-threshold typologies report whatever the law asks, however ordinary the pattern is in the case: their
   * score never falls below this (and sorts them after every alert with real evidence). Network shapes leave it at
   * 0 and are not reported when chance explains them.
   */
  floor?: number;
}

/**
 * An alert scored on the common scale: the surprise of its evidence pieces (−log10 of the expected count by chance,
 * search included) mapped to 0..100, the pieces shown as the score's components and the positive ones said in the
 * explanation. Every typology with a chance model builds its alert here, so a score means the same odds whichever
 * detector raised it.
 */
export function scoredAlert(index: CaseIndex, draft: ScoredDraft): Alert | undefined {
  const surprise = draft.pieces.reduce((sum, piece) => sum + piece.surprise, 0);
  const score = Math.max(draft.floor ?? 0, scoreFromSurprise(surprise));
  if (score <= 0) return undefined;
  const components = componentsFor(draft.pieces, score);
  return buildAlert(index, {
    typology: draft.typology,
    score,
    transactions: draft.transactions,
    ...(draft.shipments ? { shipments: draft.shipments } : {}),
    focus: draft.focus,
    scoreComponents: components,
    explanation: bilingual((language, n) => {
      const said = components.filter((c) => c.value > 0).map((c) => c.label[language]);
      return said.length > 0 ? `${draft.sentence(language, n)} ${said.join('; ')}.` : draft.sentence(language, n);
    }),
  });
}
