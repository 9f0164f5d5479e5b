import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import {
  accountGraphSteps,
  applyStyleRules,
  centrality,
  collectLeaves,
  connectingNetwork,
  isCollection,
  drawnEdgeIdsFor,
  evidenceSubgraph,
  formatGrade,
  gradesForGraph,
  findLinked,
  foldGraph,
  isEmptyFilter,
  transactionPredicate,
  mergePartnerGraph,
  neighbours,
  partyGraphSteps,
  shortestPath,
  summariseLinks,
  timeRespectingPaths,
  tradeGraphSteps,
  type CentralityMeasure,
  type ConnectingNetwork,
  type DateRange,
  type Graph,
  type GraphView as ChartKind,
  type GraphNode,
  type RankedNode,
} from '../../../shared/graph';
import type { CaseDataset, Transaction } from '../../../shared/model';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import type { ChartRow } from '../../db/schema';
import { GraphCanvas, LayoutCancelledError, LayoutClient, type CanvasSelection, type GraphCanvasHandle, type Positions } from '../../graph-canvas';
import { useI18n } from '../../i18n/I18nProvider';
import { platform } from '../../platform';
import { typologyName } from '../alerts/typologyNames';
import { ExportDialog } from '../export/ExportDialog';
import { placeNewNodes, positionsDigest, styleElements, toCanvas, type Labels } from './canvasModel';
import { chartReducer, initialModel, initialStore, type ChartHighlight } from './chartState';
import { listCharts, readChart, saveChart, type ChartState } from './chartStore';
import { CommunitiesPanel, communityColour } from './CommunitiesPanel';
import { CommunityClient, type Communities } from './communityClient';
import { ConnectPanel, type ConnectRequest } from './ConnectPanel';
import { DetailsPanel, type DetailRow } from './DetailsPanel';
import { detailRowsFor } from './details';
import { saveGrade } from './gradeStore';
import { GradesPanel } from './GradesPanel';
import { GraphToolbar, MEASURES } from './GraphToolbar';
import { Legend } from './Legend';
import { NodeActions, type ExpandRequest, type LinkedRequest } from './NodeActions';
import { PathPanel } from './PathPanel';
import { RankingPanel } from './RankingPanel';
import { SavedCharts } from './SavedCharts';
import { listTemplates, saveTemplate, templateRules } from './styleStore';
import { useCaseChartData } from './useCaseChartData';
import { StylingPanel } from './StylingPanel';
import { runInSlices } from './slices';
import { Timeline } from './Timeline';
import { TimeViews } from './TimeViews';
import './graph.css';

/** Up to this many nodes the chart draws every one; past it, it folds down to LOD_NODES (see shared/graph/lod.ts). */
const MAX_DRAWN_NODES = 2000;
/** What a folded chart keeps: few enough that drawing and panning stay light on a laptop without a GPU. */
const LOD_NODES = 1000;
/** When more than this share of the drawn nodes has no position, lay the whole chart out again. */
const RELAYOUT_SHARE = 0.3;
/** Context drawn around an alert's evidence: its heaviest links to the rest of the case. */
const FOCUS_CONTEXT_EDGES = 16;
/** "Every transaction" draws one line each up to this many; past it the chart keeps one line per direction. */
const MAX_TRANSACTION_LINES = 3000;
/** Find linked stops after this many nodes. */
const LINKED_LIMIT = 400;

function graphSteps(kind: ChartKind, dataset: CaseDataset, options: { range: DateRange | null; unfolded: readonly string[]; fxPerUsd?: Record<string, number> }): Generator<number, Graph, void> {
  const base = { ...(options.range ? { range: options.range } : {}), ...(options.fxPerUsd ? { fxPerUsd: options.fxPerUsd } : {}) };
  if (kind === 'parties') return partyGraphSteps(dataset, { ...base, unfolded: options.unfolded });
  if (kind === 'trade') return tradeGraphSteps(dataset, base);
  return accountGraphSteps(dataset, base);
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
}

/**
 * The chart workspace. Its state lives in one reducer (chartState.ts), so
 * every change is a tested pure transition and can be undone; this component
 * only builds the graph, draws it and wires the panels to the store.
 */
export function GraphView() {
  const { t, amount, date, number, language } = useI18n();
  const { caseRow, dataset, datasetVersion, alerts, selectedAlertId, selectAlert, overlay } = useWorkspace();
  const canvasRef = useRef<GraphCanvasHandle>(null);
  const layoutClient = useRef<LayoutClient | null>(null);
  const positionsByView = useRef<Record<ChartKind, Positions>>({ accounts: {}, parties: {}, trade: {} });
  /** The alert the chart last focused on, so a rebuilt graph (new range, rates) does not undo the analyst's changes. */
  const focusedAlert = useRef<string | null>(null);
  /** A layout for the next full arrangement only (an alert reads best layered, left to right). */
  const layoutOverride = useRef<'force' | null>(null);

  const [store, dispatch] = useReducer(chartReducer, undefined, () => initialStore());
  const { kind, range, filter, unfolded, layout, measure, linkMode, colourBy, rules, collectThreshold, expandedCollections, shown, picked, hidden, pinned, highlight: toolHighlight } = store.present;
  const selection = store.selection;

  const [busy, setBusy] = useState<string | null>(null);
  // A redraw with known positions needs no layout, yet the canvas is still taking the elements in: tests and
  // exports must not read the chart in between.
  const [drawing, setDrawing] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [chartId, setChartId] = useState<string | null>(null);
  const [chartName, setChartName] = useState('');
  const [exporting, setExporting] = useState(false);
  const [digest, setDigest] = useState('');
  const [network, setNetwork] = useState<ConnectingNetwork | null>(null);
  const [communities, setCommunities] = useState<Communities | null>(null);
  const [findingCommunities, setFindingCommunities] = useState(false);
  const communityClient = useRef<CommunityClient | null>(null);

  useEffect(() => {
    const client = new LayoutClient();
    layoutClient.current = client;
    const communityWorker = new CommunityClient();
    communityClient.current = communityWorker;
    return () => {
      client.dispose();
      communityWorker.dispose();
    };
  }, []);

  // A new case or new data: start the chart afresh (one transition, so nothing is reset by halves).
  useEffect(() => {
    positionsByView.current = { accounts: {}, parties: {}, trade: {} };
    focusedAlert.current = null;
    dispatch({ type: 'reset' });
    setChartId(null);
    setNetwork(null);
    setCommunities(null);
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

  const { fxPerUsd, fileNames, charts, setCharts, templates, setTemplates, grades, setGrades } = useCaseChartData(caseRow, datasetVersion, rules, dispatch, setMessage);


  const transactionsById = useMemo(() => new Map<string, Transaction>((dataset?.transactions ?? []).map((tx) => [tx.id, tx])), [dataset]);

  // The time views' filters narrow the transactions the chart is built from (the range is applied by the builder).
  const chartDataset = useMemo(() => (dataset && !isEmptyFilter(filter) ? { ...dataset, transactions: dataset.transactions.filter(transactionPredicate(filter)) } : dataset), [dataset, filter]);

  // Built a slice at a time (a million transactions take seconds), the previous chart staying up meanwhile.
  const [builtGraph, setBuiltGraph] = useState<Graph | null>(null);
  const [building, setBuilding] = useState<number | null>(null);
  useEffect(() => {
    if (!chartDataset) {
      setBuiltGraph(null);
      return;
    }
    let cancelled = false;
    const isCancelled = () => cancelled;
    const options = { range, unfolded, ...(fxPerUsd ? { fxPerUsd } : {}) };
    void (async () => {
      const local = await runInSlices(graphSteps(kind, chartDataset, options), isCancelled, setBuilding);
      const partner = local && overlay ? await runInSlices(graphSteps(kind, overlay.dataset, options), isCancelled) : null;
      if (cancelled || !local) return;
      setBuilding(null);
      setBuiltGraph(partner ? mergePartnerGraph(local, partner) : local);
    })();
    return () => {
      cancelled = true;
    };
  }, [chartDataset, kind, range, unfolded, fxPerUsd, overlay]);
  // Never draw the previous view's graph under the new view's name.
  const fullGraph = builtGraph && builtGraph.view === kind ? builtGraph : null;

  const alertedIds = useMemo(() => {
    if (!fullGraph || alerts.length === 0) return new Set<string>();
    const union = { accounts: [...new Set(alerts.flatMap((alert) => alert.accounts))], parties: [...new Set(alerts.flatMap((alert) => alert.parties))], transactions: [], shipments: [] };
    return new Set(evidenceSubgraph(fullGraph, union).nodeIds);
  }, [fullGraph, alerts]);

  const selectedAlert = useMemo(() => alerts.find((alert) => alert.id === selectedAlertId) ?? null, [alerts, selectedAlertId]);
  const evidence = useMemo(() => (fullGraph && selectedAlert ? evidenceSubgraph(fullGraph, selectedAlert) : null), [fullGraph, selectedAlert]);

  const pinnedRef = useRef(pinned);
  pinnedRef.current = pinned;

  // Opening an alert puts its evidence and the money around it on a fresh chart, laid out for reading:
  // a fan-in drawn inside 700 other accounts is there, but no prosecutor can see it.
  useEffect(() => {
    if (!selectedAlert || !evidence || !fullGraph) {
      if (!selectedAlert) focusedAlert.current = null;
      return;
    }
    if (focusedAlert.current === selectedAlert.id) return;
    focusedAlert.current = selectedAlert.id;
    const focus = new Set(evidence.nodeIds);
    const context = fullGraph.edges
      .filter((edge) => focus.has(edge.source) !== focus.has(edge.target))
      .sort((a, b) => b.weightUsd - a.weightUsd)
      .slice(0, FOCUS_CONTEXT_EDGES);
    for (const edge of context) {
      focus.add(edge.source);
      focus.add(edge.target);
    }
    const keptPins = Object.fromEntries([...pinnedRef.current].flatMap((id) => (positionsByView.current[kind][id] ? [[id, positionsByView.current[kind][id]]] : [])));
    positionsByView.current[kind] = keptPins;
    // Small enough for fcose at full quality: the pattern's own shape (star, chain, ring) shows.
    if (focus.size <= 200) layoutOverride.current = 'force';
    dispatch({ type: 'focus', ids: [...focus] });
  }, [selectedAlert, evidence, fullGraph, kind]);

  const { visible, foldedCount } = useMemo(() => {
    if (!fullGraph) return { visible: null, foldedCount: 0 };
    if (shown) {
      const ids = new Set([...shown].filter((id) => !hidden.has(id)));
      for (const id of evidence?.nodeIds ?? []) if (!hidden.has(id)) ids.add(id);
      const nodes = fullGraph.nodes.filter((node) => ids.has(node.id));
      const edges = fullGraph.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
      return { visible: { ...fullGraph, nodes, edges }, foldedCount: 0 };
    }
    const base = hidden.size > 0 ? { ...fullGraph, nodes: fullGraph.nodes.filter((node) => !hidden.has(node.id)), edges: fullGraph.edges.filter((edge) => !hidden.has(edge.source) && !hidden.has(edge.target)) } : fullGraph;
    const keep = new Set([...alertedIds, ...picked, ...(evidence?.nodeIds ?? [])]);
    const folded = base.nodes.length > MAX_DRAWN_NODES ? foldGraph(base, LOD_NODES, keep) : { graph: base, foldedCount: 0 };
    return { visible: folded.graph, foldedCount: folded.foldedCount };
  }, [fullGraph, shown, hidden, picked, alertedIds, evidence]);

  // Link summarisation: the lines drawn for the chosen mode ("every transaction" only while the count stays drawable).
  const transactionLines = useMemo(() => (visible ? visible.edges.reduce((sum, edge) => sum + (edge.kind === 'payment' ? edge.transactionIds.length : 1), 0) : 0), [visible]);
  const effectiveLinkMode = linkMode === 'transactions' && transactionLines > MAX_TRANSACTION_LINES ? 'direction' : linkMode;
  // Collection nodes: many same-kind leaf counterparts of one node drawn as one, unless the analyst unfolded them.
  const collected = useMemo(() => (visible ? collectLeaves(visible, collectThreshold, new Set(expandedCollections)) : null), [visible, collectThreshold, expandedCollections]);
  const drawn = useMemo(() => (collected ? summariseLinks(collected.graph, effectiveLinkMode, transactionsById) : null), [collected, effectiveLinkMode, transactionsById]);

  const scores = useMemo(() => (drawn ? centrality(drawn, measure) : new Map<string, number>()), [drawn, measure]);
  // The weakest Admiralty grade behind every drawn node and line (from the files their transactions came from).
  const drawnGrades = useMemo(() => {
    const found = drawn ? gradesForGraph(drawn, transactionsById, grades) : new Map();
    return new Map([...found].map(([id, grade]) => [id, formatGrade(grade)]));
  }, [drawn, transactionsById, grades]);
  const styling = useMemo(
    () => (drawn && rules.length > 0 ? applyStyleRules(drawn, rules, { alerted: alertedIds, grade: drawnGrades, ...(communities ? { community: communities.communityOf, core: communities.cores } : {}) }) : null),
    [drawn, rules, alertedIds, communities, drawnGrades],
  );

  const labels = useMemo<Labels>(() => {
    const amounts = (totals: Record<string, number>) =>
      Object.entries(totals)
        .map(([currency, value]) => amount(value, currency))
        .join(' + ');
    return {
      partnerTag: t('graph.partnerTag'),
      folded: (node) => t('graph.folderLabel', { count: number(node.accounts.length || node.parties.length), country: node.label }),
      collection: (node) => t('graph.collectionLabel', { count: number(Number(node.label)), kind: t(`graph.kind.${node.kind}`) }),
      amounts,
      flow: (summary, count) =>
        t('graph.flowLabel', {
          net: Object.keys(summary.net).length > 0 ? amounts(summary.net) : t('graph.flowEven'),
          count: number(count),
          forward: amounts(summary.forward) || '—',
          backward: amounts(summary.backward) || '—',
        }),
    };
  }, [t, amount, number]);

  const highlight = useMemo<{ nodeIds: string[]; edgeIds: string[] } | null>(() => {
    const source = toolHighlight ?? (evidence ? { nodeIds: evidence.nodeIds, edgeIds: evidence.edgeIds } : null);
    if (!source || !drawn) return null;
    // Paths and evidence name the engine's per-direction edges; the drawn lines may summarise them.
    return { nodeIds: source.nodeIds, edgeIds: drawnEdgeIdsFor(drawn, source.edgeIds) };
  }, [toolHighlight, evidence, drawn]);
  const highlightRef = useRef(highlight);
  highlightRef.current = highlight;

  const refreshDigest = useCallback(() => {
    const canvas = canvasRef.current;
    if (canvas) setDigest(positionsDigest(canvas.getPositions()));
  }, []);

  // Draw: push the elements, keep known positions, lay out only what needs it, off the UI thread.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !drawn) return;
    const positions = positionsByView.current[kind];
    const { nodes, edges } = styleElements(toCanvas(drawn, scores, alertedIds, positions, pinnedRef.current, labels), colourBy === 'community' && communities ? (id) => communityColour(communities.communityOf.get(id)) : null, styling);
    let live = true;
    const cleanup = () => {
      live = false;
      // A draw that is replaced or abandoned is no longer in progress; the next one (if any) says so again.
      setDrawing(false);
    };
    setDrawing(true);
    // The worker lays out while the canvas takes in the elements (in slices, for large charts).
    const added = canvas.setElements(nodes, edges);
    const missing = drawn.nodes.filter((node) => !positions[node.id]).map((node) => node.id);
    const applyHighlight = () => {
      const current = highlightRef.current;
      canvas.highlight(current);
      canvas.fit(current?.nodeIds);
    };
    const settle = (laidOut: Positions | null) => {
      if (!live) return;
      if (laidOut) canvas.applyPositions(laidOut);
      applyHighlight();
      refreshDigest();
      setDrawing(false);
    };
    if (missing.length === 0) {
      void added.then(() => settle(null));
      return cleanup;
    }
    if (missing.length <= RELAYOUT_SHARE * drawn.nodes.length && Object.keys(positions).length > 0) {
      Object.assign(positions, placeNewNodes(drawn, positions, missing));
      void added.then(() => settle(positions));
      return cleanup;
    }
    const client = layoutClient.current;
    if (!client) return cleanup;
    setBusy(t('graph.layingOut', { count: number(drawn.nodes.length) }));
    const pinnedNow = [...pinnedRef.current].flatMap((id) => (positions[id] ? [{ id, ...positions[id] }] : []));
    const laidOut = client.run({
      layout: layoutOverride.current ?? layout,
      nodes: nodes.map((node) => ({ id: node.id, size: node.size })),
      edges: drawn.edges.filter((edge) => edge.source !== edge.target).map((edge) => ({ source: edge.source, target: edge.target })),
      pinned: pinnedNow,
      roots: [],
    });
    Promise.all([laidOut, added])
      .then(([result]) => {
        if (!live) return;
        layoutOverride.current = null;
        positionsByView.current[kind] = { ...result };
        settle(result);
        setBusy(null);
      })
      .catch((error: unknown) => {
        if (error instanceof LayoutCancelledError || !live) return;
        setBusy(null);
        setDrawing(false);
        setMessage({ text: t('graph.layoutFailed', { reason: error instanceof Error ? error.message : String(error) }), error: true });
      });
    return cleanup;
    // Positions, pins and the highlight are read through refs: moving a node or selecting an alert must not redraw.
  }, [drawn, scores, alertedIds, labels, kind, layout, store.layoutEpoch, t, number, refreshDigest, colourBy, communities, styling]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !drawn || canvas.nodeCount() === 0) return;
    canvas.highlight(highlight);
    canvas.fit(highlight?.nodeIds);
  }, [highlight, drawn]);

  // Pins live in the store (so they undo); the canvas follows whatever changed.
  const drawnPins = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const before = drawnPins.current;
    const pin = [...pinned].filter((id) => !before.has(id));
    const unpin = [...before].filter((id) => !pinned.has(id));
    if (pin.length > 0) canvas.setPinned(pin, true);
    if (unpin.length > 0) canvas.setPinned(unpin, false);
    drawnPins.current = pinned;
  }, [pinned]);

  const nodeById = useMemo(() => new Map((fullGraph?.nodes ?? []).map((node) => [node.id, node])), [fullGraph]);
  const selectedNode = selection?.type === 'node' ? (nodeById.get(selection.id) ?? drawn?.nodes.find((node) => node.id === selection.id) ?? null) : null;
  const selectedEdge = selection?.type === 'edge' ? (drawn?.edges.find((edge) => edge.id === selection.id) ?? null) : null;

  const detailRows = useMemo<DetailRow[]>(() => (dataset ? detailRowsFor(dataset, transactionsById, selectedNode, selectedEdge, range) : []), [dataset, selectedEdge, selectedNode, transactionsById, range]);

  const select = useCallback((next: CanvasSelection) => dispatch({ type: 'select', selection: next }), []);
  const drawnIds = () => (drawn?.nodes ?? []).map((node) => node.id);

  const expand = (request: ExpandRequest, nodeId = selectedNode?.id) => {
    if (!fullGraph || !nodeId) return;
    const found = neighbours(fullGraph, nodeId, { direction: request.direction, ...(request.minUsd > 0 ? { minAmountUsd: request.minUsd } : {}) });
    const before = new Set(drawnIds());
    const added = found.nodeIds.filter((id) => !before.has(id));
    dispatch({ type: 'expand', ids: found.nodeIds, drawnIds: [...before] });
    setMessage({ text: t('graph.expand.added', { count: number(added.length) }) });
  };

  const findLinkedNodes = (request: LinkedRequest) => {
    if (!fullGraph || !selectedNode) return;
    const timed = request.timeFlow !== 'any';
    const found = findLinked(fullGraph, [selectedNode.id], {
      depth: request.depth,
      direction: request.direction,
      limit: LINKED_LIMIT,
      ...(timed ? { timeFlow: request.timeFlow as 'forward' | 'backward', maxGapDays: request.maxGapDays, transactions: transactionsById } : {}),
    });
    dispatch({ type: 'expand', ids: found.nodeIds, drawnIds: drawnIds() });
    dispatch({ type: 'setHighlight', highlight: { key: `linked:${selectedNode.id}`, label: '', nodeIds: [selectedNode.id, ...found.nodeIds], edgeIds: found.edgeIds } });
    setMessage({ text: found.truncated ? t('graph.linked.truncated', { count: number(found.nodeIds.length), limit: number(LINKED_LIMIT) }) : t('graph.linked.added', { count: number(found.nodeIds.length) }) });
  };

  const findPaths = (request: { from: string; to: string; timed: boolean; maxHops: number; maxDays: number }) => {
    if (!fullGraph) return;
    const resolve = (id: string) => (nodeById.has(id) ? id : (fullGraph.nodes.find((node) => node.accounts.includes(id) || node.label === id)?.id ?? id));
    const from = resolve(request.from);
    const to = resolve(request.to);
    let results: ChartHighlight[];
    if (request.timed) {
      results = timeRespectingPaths(fullGraph, transactionsById, from, to, { maxHops: request.maxHops, maxDays: request.maxDays }).map((trail) => ({
        key: trail.hops.map((hop) => hop.transactionId).join('|'),
        label: `${t('graph.paths.trail', { hops: trail.hops.length, days: number(trail.days, 1) })} · ${date((trail.hops[0] as { timestamp: number }).timestamp)}`,
        nodeIds: trail.nodeIds,
        edgeIds: trail.edgeIds,
      }));
    } else {
      const path = shortestPath(fullGraph, from, to, 'out');
      results = path && path.edgeIds.length <= request.maxHops ? [{ key: path.edgeIds.join('|'), label: t('graph.paths.hops', { hops: path.edgeIds.length }), nodeIds: path.nodeIds, edgeIds: path.edgeIds }] : [];
    }
    dispatch({ type: 'setPathResults', results });
    const first = results[0];
    if (first) dispatch({ type: 'showPath', path: first });
    else dispatch({ type: 'setHighlight', highlight: null });
  };

  const findNetwork = (request: ConnectRequest) => {
    if (!fullGraph) return;
    const result = connectingNetwork(fullGraph, request.subjects, {
      exclude: request.exclude,
      maxHops: request.maxHops,
      ...(request.timed ? { timed: { transactions: transactionsById, maxGapDays: request.maxGapDays } } : {}),
    });
    setNetwork(result);
    setMessage(null);
    const ids = [...new Set([...result.nodeIds, ...request.subjects.filter((id) => nodeById.has(id))])];
    positionsByView.current[kind] = Object.fromEntries([...pinned].flatMap((id) => (positionsByView.current[kind][id] ? [[id, positionsByView.current[kind][id]]] : [])));
    dispatch({ type: 'focus', ids, highlight: { key: `network:${request.subjects.join('|')}`, label: t('graph.connect'), nodeIds: result.nodeIds, edgeIds: result.edgeIds } });
  };

  const highlightRanked = (nodes: RankedNode[], label: string) => {
    setMessage(null);
    const ids = nodes.map((node) => node.id);
    dispatch({ type: 'addNodes', ids });
    dispatch({ type: 'setHighlight', highlight: { key: `rank:${label}`, label, nodeIds: ids, edgeIds: [] } });
  };

  const runCommunities = (resolution: number) => {
    if (!visible || !communityClient.current) return;
    setFindingCommunities(true);
    communityClient.current
      .run(visible, resolution)
      .then((result) => {
        setCommunities(result);
        // The colours are the message now: no other highlight dims them.
        dispatch({ type: 'setHighlight', highlight: null });
        dispatch({ type: 'setColourBy', colourBy: 'community' });
      })
      .catch((error: unknown) => {
        if (error instanceof Error && error.message === 'cancelled') return;
        setMessage({ text: t('graph.communities.failed', { reason: error instanceof Error ? error.message : String(error) }), error: true });
      })
      .finally(() => setFindingCommunities(false));
  };

  const focusOn = (ids: string[]) => {
    positionsByView.current[kind] = { ...positionsByView.current[kind], ...canvasRef.current?.getPositions() };
    dispatch({ type: 'focus', ids });
  };

  const changeKind = (next: ChartKind) => {
    if (next === kind) return;
    positionsByView.current[kind] = { ...positionsByView.current[kind], ...canvasRef.current?.getPositions() };
    setNetwork(null);
    setCommunities(null);
    dispatch({ type: 'setKind', kind: next });
  };

  const exportPng = async () => {
    const canvas = canvasRef.current;
    if (!canvas || !caseRow) return;
    const name = `${caseRow.number}-chart.png`.replace(/[/\\]+/g, '_');
    try {
      const blob = await canvas.exportPng(2);
      const result = await platform.saveFile({ suggestedName: name, data: blob, mimeType: 'image/png', filters: [{ name: 'PNG', extensions: ['png'] }] });
      if (result.saved) setMessage({ text: t('graph.exported', { name }) });
    } catch (error) {
      setMessage({ text: t('graph.exportFailed', { reason: error instanceof Error ? error.message : String(error) }), error: true });
    }
  };

  const save = async (requestedName: string) => {
    const canvas = canvasRef.current;
    if (!canvas || !caseRow) return;
    const name = requestedName.trim() || t('graph.charts.defaultName', { date: new Date().toISOString().slice(0, 16).replace('T', ' ') });
    const positions = canvas.getPositions();
    positionsByView.current[kind] = { ...positions };
    const state: ChartState = { range, unfolded: [...unfolded], layout, measure, showAll: shown === null, linkMode };
    const row = await saveChart(database(), { ...(chartId ? { id: chartId } : {}), caseId: caseRow.id, name, view: kind, positions, pinned, hidden, state });
    setChartId(row.id);
    setChartName(row.name);
    setCharts(await listCharts(database(), caseRow.id));
    setMessage({ text: t('graph.charts.saved', { name: row.name }) });
  };

  const open = (row: ChartRow) => {
    const chart = readChart(row);
    positionsByView.current[row.view] = { ...chart.positions };
    dispatch({
      type: 'open',
      model: {
        ...initialModel(),
        kind: row.view,
        range: chart.state.range,
        unfolded: chart.state.unfolded,
        layout: chart.state.layout,
        measure: MEASURES.includes(chart.state.measure as CentralityMeasure) ? (chart.state.measure as CentralityMeasure) : 'volume',
        linkMode: chart.state.linkMode ?? 'direction',
        shown: chart.state.showAll ? null : new Set(chart.shown),
        hidden: new Set(chart.hidden),
        pinned: new Set(chart.pinned),
      },
    });
    setChartId(row.id);
    setChartName(row.name);
  };

  const onMoved = useCallback(
    (moved: Positions) => {
      Object.assign(positionsByView.current[kind], moved);
      refreshDigest();
    },
    [kind, refreshDigest],
  );

  if (!caseRow || !dataset) return <p className="muted">{t('common.noCase')}</p>;
  const empty = dataset.transactions.length === 0 && dataset.shipments.length === 0;

  return (
    <div className="graph-view" data-testid="graph-view" data-chart-view={kind} data-link-mode={effectiveLinkMode} data-positions={digest} data-busy={busy || drawing ? 'true' : 'false'}>
      <GraphToolbar
        store={store}
        dispatch={dispatch}
        graph={fullGraph}
        empty={empty}
        onChangeKind={changeKind}
        onPick={(node: GraphNode) => {
          dispatch({ type: 'addNodes', ids: [node.id] });
          dispatch({ type: 'select', selection: { type: 'node', id: node.id } });
        }}
        onRelayout={() => {
          positionsByView.current[kind] = Object.fromEntries([...pinned].flatMap((id) => (positionsByView.current[kind][id] ? [[id, positionsByView.current[kind][id]]] : [])));
          dispatch({ type: 'relayout' });
        }}
        onFit={() => canvasRef.current?.fit()}
        onClear={() => {
          dispatch({ type: 'clear' });
          setNetwork(null);
          selectAlert(null);
        }}
        onExportPng={() => void exportPng()}
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

      <div className="graph-status small" role="status" data-testid="graph-status">
        {drawn && <span data-testid="graph-counts">{t('graph.counts', { nodes: number(drawn.nodes.length), edges: number(drawn.edges.length) })}</span>}
        {building !== null && <span className="muted"> · {t('graph.building')} {Math.round(building * 100)} %</span>}
        {busy && <span className="muted"> · {busy}</span>}
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
        {message && <span className={message.error ? 'error' : 'muted'} data-testid="graph-message"> · {message.text}</span>}
      </div>

      <div className="graph-body">
        <div className="graph-stage">
          {empty ? <p className="muted graph-empty">{t('graph.empty')}</p> : null}
          <GraphCanvas
            ref={canvasRef}
            ariaLabel={t('graph.canvasLabel')}
            onSelect={select}
            onMoved={onMoved}
            onExpand={(id) => {
              select({ type: 'node', id });
              expand({ direction: 'both', minUsd: 0 }, id);
            }}
          />
          <Legend kind={kind} partner={overlay !== null} linkMode={effectiveLinkMode} communities={colourBy === 'community' && communities ? communities.communities.length : 0} rules={rules} matches={styling?.matches} />
        </div>
        <aside className="graph-side">
          <section>
            <h3>{t('graph.details')}</h3>
            <DetailsPanel node={selectedNode} edge={selectedEdge} rows={detailRows} fileNames={fileNames}>
              {(selectedNode ?? selectedEdge) && drawnGrades.get((selectedNode ?? selectedEdge)?.id ?? '') && (
                <p className="small" data-testid="details-grade">
                  {t('graph.grades.weakest', { grade: drawnGrades.get((selectedNode ?? selectedEdge)?.id ?? '') ?? '' })}
                </p>
              )}
              {selectedNode && isCollection(selectedNode.id) && (
                <div className="graph-node-actions">
                  <button type="button" className="primary" data-testid="unfold-collection" onClick={() => dispatch({ type: 'toggleCollection', id: selectedNode.id })}>
                    {t('graph.collection.unfold')}
                  </button>
                </div>
              )}
              {selectedNode && !isCollection(selectedNode.id) && (
                <NodeActions
                  pinned={pinned.has(selectedNode.id)}
                  unfolded={kind === 'parties' && selectedNode.kind !== 'account' ? unfolded.includes(selectedNode.id) : null}
                  onExpand={(request) => expand(request)}
                  onFindLinked={findLinkedNodes}
                  onHide={() => dispatch({ type: 'hide', ids: [selectedNode.id] })}
                  onTogglePin={() => dispatch({ type: 'togglePin', id: selectedNode.id })}
                  onToggleUnfold={() => dispatch({ type: 'toggleUnfold', id: selectedNode.id, accounts: selectedNode.accounts })}
                />
              )}
            </DetailsPanel>
          </section>
          <PathPanel selectedNodeId={selectedNode?.id ?? null} results={store.pathResults} activeKey={toolHighlight?.key ?? null} onFind={findPaths} onShow={(path) => dispatch({ type: 'showPath', path })} />
          <ConnectPanel selectedNodeId={selectedNode?.id ?? null} result={network} onFind={findNetwork} />
          <CommunitiesPanel
            result={communities}
            running={findingCommunities}
            colourBy={colourBy}
            onRun={runCommunities}
            onCancel={() => communityClient.current?.cancel()}
            onColourBy={(next) => dispatch({ type: 'setColourBy', colourBy: next })}
            onShowCommunity={focusOn}
            onShowCore={(minCore) => focusOn([...(communities?.cores ?? new Map<string, number>())].flatMap(([id, core]) => (core >= minCore ? [id] : [])))}
          />
          <StylingPanel
            rules={rules}
            matches={styling?.matches ?? new Map<string, number>()}
            templates={templates}
            onRules={(next) => dispatch({ type: 'setRules', rules: next })}
            onSaveTemplate={(name) => {
              void saveTemplate(database(), name, rules)
                .then(async (row) => {
                  setTemplates(await listTemplates(database()));
                  setMessage({ text: t('graph.rules.templateSaved', { name: row.name }) });
                })
                .catch((error: unknown) => setMessage({ text: error instanceof Error ? error.message : String(error), error: true }));
            }}
            onApplyTemplate={(template) => {
              const parsed = templateRules(template);
              if (parsed.error) setMessage({ text: t('graph.rules.loadFailed', { reason: parsed.error }), error: true });
              else dispatch({ type: 'setRules', rules: parsed.rules });
            }}
          />
          <RankingPanel graph={fullGraph} fxPerUsd={fxPerUsd} onHighlight={highlightRanked} onAdd={(nodes) => dispatch({ type: 'addNodes', ids: nodes.map((node) => node.id) })} />
          <GradesPanel
            files={fileNames}
            grades={grades}
            onGrade={(file, grade) => {
              if (!caseRow) return;
              setGrades(new Map([...grades, [file, grade]]));
              saveGrade(database(), caseRow.id, file, grade).catch((error: unknown) => setMessage({ text: error instanceof Error ? error.message : String(error), error: true }));
            }}
          />
          <SavedCharts charts={charts} name={chartName} onSave={(name) => void save(name)} onOpen={open} />
        </aside>
      </div>
      <Timeline transactions={dataset.transactions} range={range} onRange={(next) => dispatch({ type: 'setRange', range: next })} onPreview={(next) => dispatch({ type: 'previewRange', range: next })} />
      <TimeViews transactions={dataset.transactions} filter={filter} onFilter={(next) => dispatch({ type: 'setFilter', filter: next })} />
      {exporting && canvasRef.current && <ExportDialog chart={canvasRef.current} view={kind} linkMode={effectiveLinkMode} rules={rules.filter((rule) => rule.enabled)} onClose={() => setExporting(false)} />}
    </div>
  );
}
