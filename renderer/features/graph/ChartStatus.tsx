import type { Dispatch } from 'react';
import type { CollectResult, Graph, LinkMode } from '../../../shared/graph';
import { useI18n } from '../../i18n/I18nProvider';
import type { ChartAction } from './chartState';
import type { ChartMessage } from './useChartActions';
import { LOD_NODES } from './useChartGraph';

export interface ChartStatusProps {
  dispatch: Dispatch<ChartAction>;
  fullGraph: Graph | null;
  drawn: Graph | null;
  collected: CollectResult | null;
  expandedCollections: readonly string[];
  building: number | null;
  /** Nodes being laid out in the worker; null when no layout runs. */
  layingOut: number | null;
  /** Drawn from the draft layout while the full-quality one is computed. */
  refining: boolean;
  foldedCount: number;
  linkMode: LinkMode;
  effectiveLinkMode: LinkMode;
  transactionLines: number;
  message: ChartMessage;
}

/** The line under the toolbar: what is drawn, what is still being worked on, and the last tool's message. */
export function ChartStatus({ dispatch, fullGraph, drawn, collected, expandedCollections, building, layingOut, refining, foldedCount, linkMode, effectiveLinkMode, transactionLines, message }: ChartStatusProps) {
  const { t, number } = useI18n();
  return (
    <div className="graph-status small" role="status" data-testid="graph-status">
      {drawn && <span data-testid="graph-counts">{t('graph.counts', { nodes: number(drawn.nodes.length), edges: number(drawn.edges.length) })}</span>}
      {building !== null && <span className="muted"> · {t('graph.building')} {Math.round(building * 100)} %</span>}
      {layingOut !== null && <span className="muted"> · {t('graph.layingOut', { count: number(layingOut) })}</span>}
      {refining && <span className="muted" data-testid="graph-refining"> · {t('graph.refining')}</span>}
      {foldedCount > 0 && (
        <span className="graph-folded" data-testid="graph-folded">
          {' '}
          · {t('graph.folded', { shown: number(LOD_NODES), folded: number(foldedCount) })}
        </span>
      )}
      {collected && collected.collections.size > 0 && (
        <span className="muted" data-testid="graph-collections">
          {' '}
          · {t('graph.collections.count', { collections: number(collected.collections.size), members: number([...collected.collections.values()].reduce((sum, info) => sum + info.members.length, 0)) })}
        </span>
      )}
      {expandedCollections.length > 0 && (
        <button type="button" className="small-button" data-testid="refold-collections" onClick={() => expandedCollections.forEach((id) => dispatch({ type: 'toggleCollection', id }))}>
          {t('graph.collection.refold')}
        </button>
      )}
      {linkMode !== effectiveLinkMode && <span className="muted"> · {t('graph.links.tooMany', { count: number(transactionLines) })}</span>}
      {fullGraph && fullGraph.unconvertedCurrencies.length > 0 && <span className="muted"> · {t('graph.unconverted', { currencies: fullGraph.unconvertedCurrencies.join(', ') })}</span>}
      {message && (
        <span className={message.error ? 'error' : 'muted'} data-testid="graph-message">
          {' '}
          · {message.text}
        </span>
      )}
    </div>
  );
}
