import type { Dispatch } from 'react';
import { LINK_MODES, type CentralityMeasure, type Graph, type GraphNode, type GraphView as ChartKind, type LinkMode } from '../../../shared/graph';
import type { LayoutName } from '../../graph-canvas';
import { useI18n } from '../../i18n/I18nProvider';
import { canRedo, canUndo, type ChartAction, type ChartStore } from './chartState';
import { GraphSearch } from './GraphSearch';

const VIEWS: readonly ChartKind[] = ['accounts', 'parties', 'trade'];
const LAYOUTS: readonly LayoutName[] = ['force', 'concentric', 'layered', 'grid'];
export const MEASURES: readonly CentralityMeasure[] = ['volume', 'weightedDegree', 'betweenness', 'pagerank'];

export interface GraphToolbarProps {
  store: ChartStore;
  dispatch: Dispatch<ChartAction>;
  graph: Graph | null;
  empty: boolean;
  onChangeKind(kind: ChartKind): void;
  onPick(node: GraphNode): void;
  onRelayout(): void;
  onFit(): void;
  onClear(): void;
  onExportPng(): void;
  onExportMore(): void;
}

/** The chart's controls; every change goes through the store, so each can be undone. */
export function GraphToolbar({ store, dispatch, graph, empty, onChangeKind, onPick, onRelayout, onFit, onClear, onExportPng, onExportMore }: GraphToolbarProps) {
  const { t, number } = useI18n();
  const { kind, layout, measure, linkMode, shown, hidden } = store.present;
  return (
    <div className="graph-toolbar">
      <div className="segmented" role="tablist">
        {VIEWS.map((view) => (
          <button key={view} type="button" role="tab" aria-selected={view === kind} className={view === kind ? 'active' : ''} data-testid={`graph-view-${view}`} onClick={() => onChangeKind(view)}>
            {t(`graph.view.${view}`)}
          </button>
        ))}
      </div>
      <GraphSearch graph={graph} onPick={onPick} />
      <button type="button" data-testid="graph-undo" disabled={!canUndo(store)} title={t('graph.undoHint')} onClick={() => dispatch({ type: 'undo' })}>
        ↶ {t('graph.undo')}
      </button>
      <button type="button" data-testid="graph-redo" disabled={!canRedo(store)} title={t('graph.redoHint')} onClick={() => dispatch({ type: 'redo' })}>
        ↷ {t('graph.redo')}
      </button>
      <label className="inline">
        {t('graph.layout')}
        <select data-testid="graph-layout" value={layout} onChange={(event) => dispatch({ type: 'setLayout', layout: event.target.value as LayoutName })}>
          {LAYOUTS.map((name) => (
            <option key={name} value={name}>
              {t(`graph.layout.${name}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="graph-relayout" onClick={onRelayout}>
        {t('graph.relayout')}
      </button>
      <label className="inline">
        {t('graph.sizeBy')}
        <select data-testid="graph-measure" value={measure} onChange={(event) => dispatch({ type: 'setMeasure', measure: event.target.value as CentralityMeasure })}>
          {MEASURES.map((name) => (
            <option key={name} value={name}>
              {t(`graph.measure.${name}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        {t('graph.links')}
        <select data-testid="graph-link-mode" value={linkMode} onChange={(event) => dispatch({ type: 'setLinkMode', linkMode: event.target.value as LinkMode })}>
          {LINK_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`graph.links.${mode}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        {t('graph.collections')}
        <select data-testid="graph-collect" value={store.present.collectThreshold} onChange={(event) => dispatch({ type: 'setCollectThreshold', threshold: Number(event.target.value) })}>
          {[0, 5, 10, 25, 50].map((threshold) => (
            <option key={threshold} value={threshold}>
              {threshold === 0 ? t('graph.collections.off') : t('graph.collections.from', { count: threshold })}
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="graph-fit" onClick={onFit}>
        {t('graph.fit')}
      </button>
      <button type="button" data-testid="graph-clear" onClick={onClear}>
        {t('graph.clear')}
      </button>
      {shown && (
        <button type="button" data-testid="graph-show-all" onClick={() => dispatch({ type: 'showAll' })}>
          {t('graph.showAll')}
        </button>
      )}
      {hidden.size > 0 && (
        <button type="button" data-testid="graph-unhide" onClick={() => dispatch({ type: 'unhideAll' })}>
          {t('graph.unhide')} ({t('graph.hiddenCount', { count: number(hidden.size) })})
        </button>
      )}
      <span className="spacer" />
      <button type="button" className="primary" data-testid="export-png" disabled={empty} onClick={onExportPng}>
        {t('graph.exportPng')}
      </button>
      <button type="button" data-testid="open-export" disabled={empty} onClick={onExportMore}>
        {t('graph.exportMore')}
      </button>
    </div>
  );
}
