import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { GraphNode } from '../../../shared/graph';
import type { Transaction } from '../../../shared/model';
import { useWorkspace } from '../../app/workspace';
import { GraphCanvas, type CanvasSelection, type GraphCanvasHandle, type LayoutName, type Positions } from '../../graph-canvas';
import { useI18n } from '../../i18n/I18nProvider';
import { typologyName } from '../alerts/typologyNames';
import { ExportDialog } from '../export/ExportDialog';
import { ExportCustodyNotice } from '../audit/ExportCustodyNotice';
import { partiesOfNodes, setScreeningScope, useScreenedParties } from './chartScreening';
import { ChartSidePanels } from './ChartSidePanels';
import { ChartStatus } from './ChartStatus';
import { chartReducer, initialStore } from './chartState';
import { communityColour } from './CommunitiesPanel';
import { CommunityClient, type Communities } from './communityClient';
import { detailRowsFor } from './details';
import { GraphToolbar } from './GraphToolbar';
import { Legend } from './Legend';
import { ScreeningPanel } from './ScreeningPanel';
import { Timeline } from './Timeline';
import { TimeViews } from './TimeViews';
import { useCaseChartData } from './useCaseChartData';
import { useChartActions, type ChartMessage } from './useChartActions';
import { useChartDraw } from './useChartDraw';
import { emptyPositionBook, recordPositions, type PositionBook } from './chartPositions';
import { useChartGraph } from './useChartGraph';
import './graph.css';

/** Input types that take no text: Ctrl+Z there is the chart's undo, not the field's. */
const NOT_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'range', 'file']);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TEXT_INPUTS.has(target.type);
  return target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable;
}

/**
 * The chart workspace. Its state lives in one reducer (chartState.ts), so
 * every change is a tested pure transition and can be undone; the graph is
 * built and derived in useChartGraph, drawn by useChartDraw, changed by the
 * tools in useChartActions, and this component wires them to the panels.
 */
export function GraphView() {
  const { t, language } = useI18n();
  const { caseRow, dataset, datasetVersion, alerts, selectedAlertId, selectAlert, overlay, setView } = useWorkspace();
  const canvasRef = useRef<GraphCanvasHandle>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const positionBook = useRef<PositionBook>(emptyPositionBook());
  const layoutOverride = useRef<LayoutName | null>(null);
  const communityClient = useRef<CommunityClient | null>(null);

  const [store, dispatch] = useReducer(chartReducer, undefined, () => initialStore());
  const { kind, layout, colourBy, groupCommunities, rules, pinned, range, filter, expandedCollections, linkMode } = store.present;
  const selection = store.selection;
  const [message, setMessage] = useState<ChartMessage>(null);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    const client = new CommunityClient();
    communityClient.current = client;
    return () => client.dispose();
  }, []);

  // A new case or new data: start the chart afresh (one transition, so nothing is reset by halves).
  // Declared before useChartGraph: its alert focus must run after this reset, not be undone by it.
  const forgetResults = useRef<() => void>(() => undefined);
  useEffect(() => {
    recordPositions(positionBook, { type: 'reset' });
    dispatch({ type: 'reset' });
    forgetResults.current();
  }, [datasetVersion, caseRow?.id]);

  // Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) undo and redo chart changes, except while typing in a field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) dispatch({ type: 'undo' });
      else if (key === 'y' || (key === 'z' && event.shiftKey)) dispatch({ type: 'redo' });
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const caseData = useCaseChartData(caseRow, datasetVersion, rules, dispatch, setMessage);
  const { fxPerUsd, setCharts, grades } = caseData;
  const transactionsById = useMemo(() => new Map<string, Transaction>((dataset?.transactions ?? []).map((tx) => [tx.id, tx])), [dataset]);
  const selectedAlert = useMemo(() => alerts.find((alert) => alert.id === selectedAlertId) ?? null, [alerts, selectedAlertId]);

  const [communities, setCommunities] = useState<Communities | null>(null);
  const screened = useScreenedParties(caseRow?.id);
  const chart = useChartGraph({
    model: store.present,
    dataset,
    overlay,
    transactionsById,
    alerts,
    selectedAlert,
    fxPerUsd,
    ratesKnown: caseData.ratesKnown,
    grades,
    communities,
    screened,
    dispatch,
    positionBook,
    layoutOverride,
  });
  const { fullGraph, drawn, evidence } = chart;

  const actions = useChartActions({
    store,
    dispatch,
    caseRow,
    fullGraph,
    visible: chart.visible,
    drawn,
    transactionsById,
    canvasRef,
    positionBook,
    grouped: groupCommunities && communities !== null,
    communityClient,
    setCommunities,
    setMessage,
    setCharts,
    effectiveLinkMode: chart.effectiveLinkMode,
  });
  forgetResults.current = actions.forget;

  const colourOf = useMemo(() => (colourBy === 'community' && communities ? (id: string) => communityColour(communities.communityOf.get(id)) : null), [colourBy, communities]);
  const groupOf = useMemo(
    () =>
      groupCommunities && communities
        ? (id: string) => {
            const community = communities.communityOf.get(id);
            return community === undefined ? null : String(community + 1);
          }
        : null,
    [groupCommunities, communities],
  );

  const { busy, layingOut, refining, digest, refreshDigest } = useChartDraw({
    canvasRef,
    positionBook,
    layoutOverride,
    drawn,
    scores: chart.scores,
    alertedIds: chart.alertedIds,
    flags: chart.screeningMarks,
    labels: chart.labels,
    kind,
    layout,
    layoutEpoch: store.layoutEpoch,
    colourOf,
    groupOf,
    styling: chart.styling,
    highlight: chart.highlight,
    pinned,
    onLayoutFailed: (reason) => setMessage({ text: t('graph.layoutFailed', { reason }), error: true }),
  });

  const nodeById = useMemo(() => new Map((fullGraph?.nodes ?? []).map((node) => [node.id, node])), [fullGraph]);
  const selectedNode = selection?.type === 'node' ? (nodeById.get(selection.id) ?? drawn?.nodes.find((node) => node.id === selection.id) ?? null) : null;
  const selectedEdge = selection?.type === 'edge' ? (drawn?.edges.find((edge) => edge.id === selection.id) ?? null) : null;
  const detailRows = useMemo(() => (dataset ? detailRowsFor(dataset, transactionsById, selectedNode, selectedEdge, range) : []), [dataset, selectedEdge, selectedNode, transactionsById, range]);

  // The chart's selection as screening's scope: nodes selected together, else the selected node, else the nodes of the path, network or ranking shown.
  const scopeNodeIds = useMemo(() => (store.selectedNodes.length > 0 ? store.selectedNodes : selectedNode ? [selectedNode.id] : (chart.highlight?.nodeIds ?? [])), [store.selectedNodes, selectedNode, chart.highlight]);
  const scopeParties = useMemo(() => partiesOfNodes(drawn, scopeNodeIds), [drawn, scopeNodeIds]);
  const caseId = caseRow?.id;
  useEffect(() => {
    if (!caseId) return;
    // Not cleared when the chart closes: "screen the selection" opens the screening view with it.
    setScreeningScope(caseId, scopeParties, scopeNodeIds.length);
  }, [caseId, scopeParties, scopeNodeIds]);

  const select = useCallback((next: CanvasSelection) => dispatch({ type: 'select', selection: next }), []);
  const selectNodes = useCallback((ids: string[]) => dispatch({ type: 'selectNodes', ids }), []);
  const onMoved = useCallback(
    (moved: Positions) => {
      recordPositions(positionBook, { type: 'moved', kind, positions: moved, grouped: groupOf !== null });
      refreshDigest();
    },
    [kind, groupOf, refreshDigest],
  );

  if (!caseRow || !dataset) return <p className="muted">{t('common.noCase')}</p>;
  const empty = dataset.transactions.length === 0 && dataset.shipments.length === 0;

  return (
    <div className="graph-view" data-testid="graph-view" data-chart-view={kind} data-link-mode={chart.effectiveLinkMode} data-positions={digest} data-busy={busy ? 'true' : 'false'} data-refining={refining ? 'true' : 'false'}>
      <GraphToolbar
        store={store}
        dispatch={dispatch}
        graph={fullGraph}
        empty={empty}
        onChangeKind={actions.changeKind}
        onPick={(node: GraphNode) => {
          dispatch({ type: 'addNodes', ids: [node.id] });
          dispatch({ type: 'select', selection: { type: 'node', id: node.id } });
        }}
        onRelayout={actions.relayout}
        onFit={() => canvasRef.current?.fit()}
        onClear={() => {
          actions.clear();
          selectAlert(null);
        }}
        onExportPng={() => void actions.exportPng()}
        onExportMore={() => setExporting(true)}
      />

      {selectedAlert && (
        <div className="graph-alert panel" data-testid="graph-alert" data-alert-id={selectedAlert.id}>
          <div>
            <strong>{t('graph.alert.title')}</strong> <span className="muted small">{typologyName(selectedAlert.typology, language)}</span>
            <p data-testid="graph-alert-explanation">{selectedAlert.explanation[language]}</p>
            {evidence && evidence.missingAccounts.length > 0 && <p className="small muted">{t('graph.alert.missing', { accounts: evidence.missingAccounts.join(', ') })}</p>}
          </div>
          <button type="button" data-testid="graph-alert-clear" onClick={() => selectAlert(null)}>
            {t('graph.alert.clear')}
          </button>
        </div>
      )}

      <ChartStatus
        dispatch={dispatch}
        fullGraph={fullGraph}
        drawn={drawn}
        collected={chart.collected}
        expandedCollections={expandedCollections}
        building={chart.building}
        layingOut={layingOut}
        refining={refining}
        foldedCount={chart.foldedCount}
        linkMode={linkMode}
        effectiveLinkMode={chart.effectiveLinkMode}
        transactionLines={chart.transactionLines}
        message={message}
      />
      {!exporting && <ExportCustodyNotice />}

      <div className="graph-body">
        <div className="graph-stage">
          {empty ? <p className="muted graph-empty">{t('graph.empty')}</p> : null}
          <GraphCanvas
            ref={canvasRef}
            ariaLabel={t('graph.canvasLabel')}
            bottomOverlayRef={legendRef}
            onSelect={select}
            onSelectNodes={selectNodes}
            onMoved={onMoved}
            onExpand={(id) => {
              select({ type: 'node', id });
              actions.expand({ direction: 'both', minUsd: 0 }, id);
            }}
          />
          <Legend ref={legendRef} kind={kind} partner={overlay !== null} linkMode={chart.effectiveLinkMode} communities={colourBy === 'community' && communities ? communities.communities.length : 0} rules={rules} matches={chart.styling?.matches} screened={chart.screeningMarks.size} />
        </div>
        <ChartSidePanels
          store={store}
          dispatch={dispatch}
          actions={actions}
          caseRow={caseRow}
          fullGraph={fullGraph}
          selectedNode={selectedNode}
          selectedEdge={selectedEdge}
          detailRows={detailRows}
          drawnGrades={chart.drawnGrades}
          styling={chart.styling}
          caseData={caseData}
          communityClient={communityClient.current}
          communities={communities}
          setMessage={setMessage}
          afterDetails={
            <ScreeningPanel
              node={selectedNode}
              screened={screened}
              markedCount={chart.screeningMarks.size}
              scopeParties={scopeParties.length}
              scopeNodes={scopeNodeIds.length}
              onScreenSelection={() => {
                setScreeningScope(caseRow.id, scopeParties, scopeNodeIds.length);
                setView('screening');
              }}
            />
          }
        />
      </div>
      <Timeline transactions={dataset.transactions} range={range} onRange={(next) => dispatch({ type: 'setRange', range: next })} onPreview={(next) => dispatch({ type: 'previewRange', range: next })} />
      <TimeViews transactions={dataset.transactions} filter={filter} onFilter={(next) => dispatch({ type: 'setFilter', filter: next })} />
      {exporting && canvasRef.current && <ExportDialog chart={canvasRef.current} view={kind} linkMode={chart.effectiveLinkMode} rules={rules.filter((rule) => rule.enabled)} screened={chart.screeningMarks.size} onClose={() => setExporting(false)} />}
    </div>
  );
}
