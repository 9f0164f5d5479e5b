import type { GraphNode } from '../../../shared/graph';
import { useI18n } from '../../i18n/I18nProvider';
import type { ScreenedParty } from './chartScreening';

export interface ScreeningPanelProps {
  /** The selected node, whose parties' hits are listed. */
  node: GraphNode | null;
  screened: ReadonlyMap<string, ScreenedParty>;
  /** Drawn nodes carrying a screening mark. */
  markedCount: number;
  /** Parties the chart's selection stands for (selected node, or the highlighted tool result). */
  scopeParties: number;
  scopeNodes: number;
  onScreenSelection(): void;
}

/**
 * Screening on the chart: how many drawn nodes carry a mark, the selected
 * node's hits (list, score, standing decision), and "screen the selection",
 * which hands the selection's parties to the screening view as its scope.
 */
export function ScreeningPanel({ node, screened, markedCount, scopeParties, scopeNodes, onScreenSelection }: ScreeningPanelProps) {
  const { t, number } = useI18n();
  const hits = node ? node.parties.flatMap((partyId) => (screened.get(partyId) ? [screened.get(partyId) as ScreenedParty] : [])) : [];
  return (
    <section className="graph-screening" data-testid="chart-screening" data-marked={markedCount}>
      <h3>{t('graph.screening')}</h3>
      <p className="small muted">{screened.size === 0 ? t('graph.screening.none') : t('graph.screening.marked', { count: number(markedCount) })}</p>
      {hits.length > 0 && (
        <ul className="small" data-testid="node-screening">
          {hits.map((party) => (
            <li key={party.partyId} data-party={party.partyId} data-decision={party.decision}>
              <strong>{[party.sanction ? t('graph.screening.sanction') : '', party.pep ? t('graph.screened.pep') : ''].filter(Boolean).join(' · ') || t('graph.screened.watchList')}</strong> {party.lists.join(', ')} ·{' '}
              {t('graph.screening.score', { score: number(party.bestScore, 2) })} · {t(`graph.screening.decision.${party.decision}`)}
            </li>
          ))}
        </ul>
      )}
      <button type="button" data-testid="screen-selection" disabled={scopeParties === 0} onClick={onScreenSelection}>
        {scopeParties === 0 ? t('graph.screening.pick') : t('graph.screening.screen', { nodes: number(scopeNodes), parties: number(scopeParties) })}
      </button>
    </section>
  );
}
