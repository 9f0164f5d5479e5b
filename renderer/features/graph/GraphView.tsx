import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { transactionSources } from '../../../shared/import/statement/match';
import {
  accountGraphSteps,
  centrality,
  evidenceSubgraph,
  foldGraph,
  mergePartnerGraph,
  neighbours,
  normaliseName,
  partyGraphSteps,
  shortestPath,
  timeRespectingPaths,
  tradeGraphSteps,
  type CentralityMeasure,
  type DateRange,
  type Graph,
  type GraphView as ChartKind,
  type GraphNode,
} from '../../../shared/graph';
import type { CaseDataset, Transaction } from '../../../shared/model';
import { builtinProfile } from '../../../shared/profiles';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import type { ChartRow } from '../../db/schema';
import { GraphCanvas, LayoutCancelledError, LayoutClient, type CanvasSelection, type GraphCanvasHandle, type LayoutName, type Positions } from '../../graph-canvas';
import { useI18n } from '../../i18n/I18nProvider';
import { platform } from '../../platform';
import { typologyName } from '../alerts/typologyNames';
import { ExportDialog } from '../export/ExportDialog';
import { placeNewNodes, positionsDigest, toCanvas, type Labels } from './canvasModel';
import { listCharts, readChart, saveChart, type ChartState } from './chartStore';
import { DetailsPanel, type DetailRow } from './DetailsPanel';
import { Legend } from './Legend';
import { PathPanel, type PathResult } from './PathPanel';
import { runInSlices } from './slices';
import { Timeline } from './Timeline';
import './graph.css';

/** Up to this many nodes the chart draws every one; past it, it folds down to LOD_NODES (see shared/graph/lod.ts). */
const MAX_DRAWN_NODES = 2000;
/** What a folded chart keeps: few enough that drawing and panning stay light on a laptop without a GPU. */
const LOD_NODES = 1000;
/** When more than this share of the drawn nodes has no position, lay the whole chart out again. */
const RELAYOUT_SHARE = 0.3;
/** Context drawn around an alert's evidence: its heaviest links to the rest of the case. */
const FOCUS_CONTEXT_EDGES = 16;
const VIEWS: readonly ChartKind[] = ['accounts', 'parties', 'trade'];
const LAYOUTS: readonly LayoutName[] = ['force', 'concentric', 'layered', 'grid'];
const MEASURES: readonly CentralityMeasure[] = ['volume', 'weightedDegree', 'betweenness', 'pagerank'];

function graphSteps(kind: ChartKind, dataset: CaseDataset, options: { range: DateRange | null; unfolded: string[]; fxPerUsd?: Record<string, number> }): Generator<number, Graph, void> {
  const base = { ...(options.range ? { range: options.range } : {}), ...(options.fxPerUsd ? { fxPerUsd: options.fxPerUsd } : {}) };
  if (kind === 'parties') return partyGraphSteps(dataset, { ...base, unfolded: options.unfolded });
  if (kind === 'trade') return tradeGraphSteps(dataset, base);
  return accountGraphSteps(dataset, base);
}

type Highlight = { nodeIds: string[]; edgeIds: string[] } | null;

export function GraphView() {
  const { t, amount, date, number, language } = useI18n();
  const { caseRow, dataset, datasetVersion, alerts, selectedAlertId, selectAlert, overlay } = useWorkspace();
  const canvasRef = useRef<GraphCanvasHandle>(null);
  const layoutClient = useRef<LayoutClient | null>(null);
  const positionsByView = useRef<Record<ChartKind, Positions>>({ accounts: {}, parties: {}, trade: {} });
  /** The alert the chart last focused on, so a rebuilt graph (new range, rates) does not undo the analyst's changes. */
  const focusedAlert = useRef<string | null>(null);
  /** A layout for the next full arrangement only (an alert reads best layered, left to right). */
  const layoutOverride = useRef<LayoutName | null>(null);

  const [kind, setKind] = useState<ChartKind>('accounts');
  const [range, setRange] = useState<DateRange | null>(null);
  const [unfolded, setUnfolded] = useState<string[]>([]);
  const [layout, setLayout] = useState<LayoutName>('force');
  const [measure, setMeasure] = useState<CentralityMeasure>('volume');
  /** null: every node of the view (folded when too many); otherwise the analyst's working set. */
  const [shown, setShown] = useState<Set<string> | null>(null);
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  const [hidden, setHidden] = useState<Set<string>>(() => new Set());
  const [pinned, setPinned] = useState<Set<string>>(() => new Set());
  const [selection, setSelection] = useState<CanvasSelection>(null);
  const [pathResults, setPathResults] = useState<PathResult[] | null>(null);
  const [activePath, setActivePath] = useState<PathResult | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [layoutEpoch, setLayoutEpoch] = useState(0);
  const [fxPerUsd, setFxPerUsd] = useState<Record<string, number> | undefined>(undefined);
  const [fileNames, setFileNames] = useState<Map<string, string>>(() => new Map());
  const [charts, setCharts] = useState<ChartRow[]>([]);
  const [chartId, setChartId] = useState<string | null>(null);
  const [chartName, setChartName] = useState('');
  const [query, setQuery] = useState('');
  const [expandDirection, setExpandDirection] = useState<'out' | 'in' | 'both'>('both');
  const [expandMinUsd, setExpandMinUsd] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [digest, setDigest] = useState('');

  useEffect(() => {
    const client = new LayoutClient();
    layoutClient.current = client;
    return () => client.dispose();
  }, []);

  // A new case or new data: start the chart afresh.
  useEffect(() => {
    positionsByView.current = { accounts: {}, parties: {}, trade: {} };
    focusedAlert.current = null;
    setShown(null);
    setPicked(new Set());
    setHidden(new Set());
    setPinned(new Set());
    setSelection(null);
    setPathResults(null);
    setActivePath(null);
    setRange(null);
    setUnfolded([]);
    setChartId(null);
  }, [datasetVersion, caseRow?.id]);

  useEffect(() => {
    if (!caseRow) return;
    let live = true;
    const db = database();
    void (async () => {
      const [stored, imports, saved] = await Promise.all([db.profiles.get(caseRow.profileId), db.imports.where('caseId').equals(caseRow.id).toArray(), listCharts(db, caseRow.id)]);
      if (!live) return;
      setFxPerUsd((stored?.profile ?? builtinProfile(caseRow.profileId))?.fxPerUsd);
      setFileNames(new Map(imports.map((entry) => [entry.file.sha256, entry.file.name])));
      setCharts(saved);
    })();
    return () => {
      live = false;
    };
  }, [caseRow, datasetVersion]);

  const transactionsById = useMemo(() => new Map<string, Transaction>((dataset?.transactions ?? []).map((tx) => [tx.id, tx])), [dataset]);

  // Built a slice at a time (a million transactions take seconds), the previous chart staying up meanwhile.
  const [builtGraph, setBuiltGraph] = useState<Graph | null>(null);
  const [building, setBuilding] = useState<number | null>(null);
  useEffect(() => {
    if (!dataset) {
      setBuiltGraph(null);
      return;
    }
    let cancelled = false;
    const isCancelled = () => cancelled;
    const options = { range, unfolded, ...(fxPerUsd ? { fxPerUsd } : {}) };
    void (async () => {
      const local = await runInSlices(graphSteps(kind, dataset, options), isCancelled, setBuilding);
      const partner = local && overlay ? await runInSlices(graphSteps(kind, overlay.dataset, options), isCancelled) : null;
      if (cancelled || !local) return;
      setBuilding(null);
      setBuiltGraph(partner ? mergePartnerGraph(local, partner) : local);
    })();
    return () => {
      cancelled = true;
    };
  }, [dataset, kind, range, unfolded, fxPerUsd, overlay]);
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
    setShown(focus);
    setActivePath(null);
    setSelection(null);
  }, [selectedAlert, evidence, fullGraph, kind]);

  const { drawn, foldedCount } = useMemo(() => {
    if (!fullGraph) return { drawn: null, foldedCount: 0 };
    if (shown) {
      const visible = new Set([...shown].filter((id) => !hidden.has(id)));
      for (const id of evidence?.nodeIds ?? []) if (!hidden.has(id)) visible.add(id);
      const nodes = fullGraph.nodes.filter((node) => visible.has(node.id));
      const edges = fullGraph.edges.filter((edge) => visible.has(edge.source) && visible.has(edge.target));
      return { drawn: { ...fullGraph, nodes, edges }, foldedCount: 0 };
    }
    const base = hidden.size > 0 ? { ...fullGraph, nodes: fullGraph.nodes.filter((node) => !hidden.has(node.id)), edges: fullGraph.edges.filter((edge) => !hidden.has(edge.source) && !hidden.has(edge.target)) } : fullGraph;
    const keep = new Set([...alertedIds, ...picked, ...(evidence?.nodeIds ?? [])]);
    const folded = base.nodes.length > MAX_DRAWN_NODES ? foldGraph(base, LOD_NODES, keep) : { graph: base, foldedCount: 0 };
    return { drawn: folded.graph, foldedCount: folded.foldedCount };
  }, [fullGraph, shown, hidden, picked, alertedIds, evidence]);

  const scores = useMemo(() => (drawn ? centrality(drawn, measure) : new Map<string, number>()), [drawn, measure]);

  const labels = useMemo<Labels>(
    () => ({
      partnerTag: t('graph.partnerTag'),
      folded: (node) => t('graph.folderLabel', { count: number(node.accounts.length || node.parties.length), country: node.label }),
      amounts: (totals) =>
        Object.entries(totals)
          .map(([currency, value]) => amount(value, currency))
          .join(' + '),
    }),
    [t, amount, number],
  );

  const highlight = useMemo<Highlight>(() => {
    if (activePath) return { nodeIds: activePath.nodeIds, edgeIds: activePath.edgeIds };
    if (evidence) return { nodeIds: evidence.nodeIds, edgeIds: evidence.edgeIds };
    return null;
  }, [activePath, evidence]);
  const highlightRef = useRef<Highlight>(null);
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
    const { nodes, edges } = toCanvas(drawn, scores, alertedIds, positions, pinnedRef.current, labels);
    let live = true;
    const cleanup = () => {
      live = false;
    };
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
        setMessage({ text: t('graph.layoutFailed', { reason: error instanceof Error ? error.message : String(error) }), error: true });
      });
    return cleanup;
    // Positions, pins and the highlight are read through refs: moving a node or selecting an alert must not redraw.
  }, [drawn, scores, alertedIds, labels, kind, layout, layoutEpoch, t, number, refreshDigest]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !drawn || canvas.nodeCount() === 0) return;
    canvas.highlight(highlight);
    canvas.fit(highlight?.nodeIds);
  }, [highlight, drawn]);

  const nodeById = useMemo(() => new Map((fullGraph?.nodes ?? []).map((node) => [node.id, node])), [fullGraph]);
  const selectedNode = selection?.type === 'node' ? (nodeById.get(selection.id) ?? drawn?.nodes.find((node) => node.id === selection.id) ?? null) : null;
  const selectedEdge = selection?.type === 'edge' ? (drawn?.edges.find((edge) => edge.id === selection.id) ?? null) : null;

  const detailRows = useMemo<DetailRow[]>(() => {
    if (!dataset) return [];
    const toRow = (tx: Transaction): DetailRow => ({ id: tx.id, date: tx.timestamp, from: tx.fromAccount, to: tx.toAccount, amount: tx.amount, currency: tx.currency, source: tx.source, sources: transactionSources(tx) });
    if (selectedEdge) {
      const rows = selectedEdge.transactionIds.flatMap((id) => {
        const tx = transactionsById.get(id);
        return tx ? [toRow(tx)] : [];
      });
      if (selectedEdge.shipmentIds.length > 0 && selectedEdge.kind !== 'payment') {
        const wanted = new Set(selectedEdge.shipmentIds);
        for (const shipment of dataset.shipments) {
          if (wanted.has(shipment.id)) rows.push({ id: shipment.id, date: shipment.date, from: shipment.exporter, to: shipment.importer, amount: shipment.declaredValue, currency: shipment.currency, source: shipment.source });
        }
      }
      return rows;
    }
    if (selectedNode) {
      const accounts = new Set(selectedNode.accounts);
      const rows: DetailRow[] = [];
      for (const tx of dataset.transactions) {
        if (range && ((range.from !== undefined && tx.timestamp < range.from) || (range.to !== undefined && tx.timestamp > range.to))) continue;
        if (accounts.has(tx.fromAccount) || accounts.has(tx.toAccount)) rows.push(toRow(tx));
      }
      if (selectedNode.shipments.length > 0) {
        const wanted = new Set(selectedNode.shipments);
        for (const shipment of dataset.shipments) {
          if (wanted.has(shipment.id)) rows.push({ id: shipment.id, date: shipment.date, from: shipment.exporter, to: shipment.importer, amount: shipment.declaredValue, currency: shipment.currency, source: shipment.source });
        }
      }
      return rows;
    }
    return [];
  }, [dataset, selectedEdge, selectedNode, transactionsById, range]);

  const searchResults = useMemo<GraphNode[]>(() => {
    const needle = normaliseName(query);
    if (!fullGraph || needle.length < 2) return [];
    const raw = query.trim().toUpperCase();
    const results: GraphNode[] = [];
    for (const node of fullGraph.nodes) {
      const haystack = [node.label, node.holderName ?? '', node.holderId ?? ''].map(normaliseName);
      const hit = haystack.some((text) => text.includes(needle)) || node.id.toUpperCase().includes(raw) || node.accounts.some((id) => id.toUpperCase().includes(raw)) || node.parties.some((id) => id.toUpperCase().includes(raw));
      if (hit) results.push(node);
      if (results.length >= 12) break;
    }
    return results;
  }, [fullGraph, query]);

  const currentDrawnIds = useCallback(() => new Set((drawn?.nodes ?? []).map((node) => node.id)), [drawn]);

  const addNodes = useCallback(
    (ids: string[]) => {
      setHidden((current) => {
        if (!ids.some((id) => current.has(id))) return current;
        const next = new Set(current);
        for (const id of ids) next.delete(id);
        return next;
      });
      if (shown) setShown(new Set([...shown, ...ids]));
      else setPicked((current) => new Set([...current, ...ids]));
    },
    [shown],
  );

  const addFromSearch = (node: GraphNode) => {
    addNodes([node.id]);
    setSelection({ type: 'node', id: node.id });
    setQuery('');
  };

  const expand = (nodeId = selectedNode?.id) => {
    if (!fullGraph || !nodeId) return;
    const found = neighbours(fullGraph, nodeId, { direction: expandDirection, ...(expandMinUsd > 0 ? { minAmountUsd: expandMinUsd } : {}) });
    const before = currentDrawnIds();
    const added = found.nodeIds.filter((id) => !before.has(id));
    if (!shown) setShown(new Set([...before, ...found.nodeIds]));
    else addNodes(found.nodeIds);
    setMessage({ text: t('graph.expand.added', { count: number(added.length) }) });
  };

  const hideSelected = () => {
    if (!selectedNode) return;
    setHidden((current) => new Set([...current, selectedNode.id]));
    setSelection(null);
  };

  const togglePin = () => {
    if (!selectedNode) return;
    const next = new Set(pinned);
    const pin = !next.has(selectedNode.id);
    if (pin) next.add(selectedNode.id);
    else next.delete(selectedNode.id);
    setPinned(next);
    canvasRef.current?.setPinned([selectedNode.id], pin);
  };

  const toggleUnfold = () => {
    if (!selectedNode || kind !== 'parties') return;
    const id = selectedNode.id;
    setUnfolded((current) => (current.includes(id) ? current.filter((other) => other !== id) : [...current, id]));
    if (shown) setShown(new Set([...shown, ...selectedNode.accounts]));
  };

  const findPaths = (request: { from: string; to: string; timed: boolean; maxHops: number; maxDays: number }) => {
    if (!fullGraph) return;
    const resolve = (id: string) => (nodeById.has(id) ? id : (fullGraph.nodes.find((node) => node.accounts.includes(id) || node.label === id)?.id ?? id));
    const from = resolve(request.from);
    const to = resolve(request.to);
    let results: PathResult[];
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
    setPathResults(results);
    const first = results[0];
    if (first) showPath(first);
    else setActivePath(null);
  };

  const showPath = (result: PathResult) => {
    addNodes(result.nodeIds);
    setActivePath(result);
  };

  const changeKind = (next: ChartKind) => {
    if (next === kind) return;
    positionsByView.current[kind] = { ...positionsByView.current[kind], ...canvasRef.current?.getPositions() };
    setKind(next);
    setShown(null);
    setPicked(new Set());
    setHidden(new Set());
    setSelection(null);
    setPathResults(null);
    setActivePath(null);
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

  const save = async () => {
    const canvas = canvasRef.current;
    if (!canvas || !caseRow) return;
    const name = chartName.trim() || t('graph.charts.defaultName', { date: new Date().toISOString().slice(0, 16).replace('T', ' ') });
    const positions = canvas.getPositions();
    positionsByView.current[kind] = { ...positions };
    const state: ChartState = { range, unfolded, layout, measure, showAll: shown === null };
    const row = await saveChart(database(), { ...(chartId ? { id: chartId } : {}), caseId: caseRow.id, name, view: kind, positions, pinned, hidden, state });
    setChartId(row.id);
    setChartName(row.name);
    setCharts(await listCharts(database(), caseRow.id));
    setMessage({ text: t('graph.charts.saved', { name: row.name }) });
  };

  const open = (row: ChartRow) => {
    const chart = readChart(row);
    positionsByView.current[row.view] = { ...chart.positions };
    setKind(row.view);
    setRange(chart.state.range);
    setUnfolded(chart.state.unfolded);
    setLayout(chart.state.layout);
    setMeasure(MEASURES.includes(chart.state.measure as CentralityMeasure) ? (chart.state.measure as CentralityMeasure) : 'volume');
    setShown(chart.state.showAll ? null : new Set(chart.shown));
    setPicked(new Set());
    setHidden(new Set(chart.hidden));
    setPinned(new Set(chart.pinned));
    setSelection(null);
    setPathResults(null);
    setActivePath(null);
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
    <div className="graph-view" data-testid="graph-view" data-chart-view={kind} data-positions={digest} data-busy={busy ? 'true' : 'false'}>
      <div className="graph-toolbar">
        <div className="segmented" role="tablist">
          {VIEWS.map((view) => (
            <button key={view} type="button" role="tab" aria-selected={view === kind} className={view === kind ? 'active' : ''} data-testid={`graph-view-${view}`} onClick={() => changeKind(view)}>
              {t(`graph.view.${view}`)}
            </button>
          ))}
        </div>
        <div className="graph-search">
          <input type="search" data-testid="graph-search" placeholder={t('graph.search')} aria-label={t('graph.search')} value={query} onChange={(event) => setQuery(event.target.value)} />
          {query.trim().length >= 2 && (
            <ul className="graph-search-results" data-testid="graph-search-results">
              {searchResults.length === 0 && <li className="muted small">{t('graph.searchNone', { query })}</li>}
              {searchResults.map((node) => (
                <li key={node.id}>
                  <button type="button" data-testid="search-result" data-node-id={node.id} onClick={() => addFromSearch(node)}>
                    <strong>{node.holderName && node.kind === 'account' ? node.holderName : node.label}</strong> <span className="muted small">{node.id}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <label className="inline">
          {t('graph.layout')}
          <select data-testid="graph-layout" value={layout} onChange={(event) => setLayout(event.target.value as LayoutName)}>
            {LAYOUTS.map((name) => (
              <option key={name} value={name}>
                {t(`graph.layout.${name}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="graph-relayout"
          onClick={() => {
            positionsByView.current[kind] = Object.fromEntries([...pinned].flatMap((id) => (positionsByView.current[kind][id] ? [[id, positionsByView.current[kind][id]]] : [])));
            setLayoutEpoch((epoch) => epoch + 1);
          }}
        >
          {t('graph.relayout')}
        </button>
        <label className="inline">
          {t('graph.sizeBy')}
          <select data-testid="graph-measure" value={measure} onChange={(event) => setMeasure(event.target.value as CentralityMeasure)}>
            {MEASURES.map((name) => (
              <option key={name} value={name}>
                {t(`graph.measure.${name}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="graph-fit" onClick={() => canvasRef.current?.fit()}>
          {t('graph.fit')}
        </button>
        <button
          type="button"
          data-testid="graph-clear"
          onClick={() => {
            setShown(new Set());
            setSelection(null);
            setActivePath(null);
            selectAlert(null);
          }}
        >
          {t('graph.clear')}
        </button>
        {shown && (
          <button type="button" data-testid="graph-show-all" onClick={() => setShown(null)}>
            {t('graph.showAll')}
          </button>
        )}
        {hidden.size > 0 && (
          <button type="button" data-testid="graph-unhide" onClick={() => setHidden(new Set())}>
            {t('graph.unhide')} ({t('graph.hiddenCount', { count: number(hidden.size) })})
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="primary" data-testid="export-png" disabled={empty} onClick={() => void exportPng()}>
          {t('graph.exportPng')}
        </button>
        <button type="button" data-testid="open-export" disabled={empty} onClick={() => setExporting(true)}>
          {t('graph.exportMore')}
        </button>
      </div>

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
        {fullGraph && fullGraph.unconvertedCurrencies.length > 0 && <span className="muted"> · {t('graph.unconverted', { currencies: fullGraph.unconvertedCurrencies.join(', ') })}</span>}
        {message && <span className={message.error ? 'error' : 'muted'} data-testid="graph-message"> · {message.text}</span>}
      </div>

      <div className="graph-body">
        <div className="graph-stage">
          {empty ? <p className="muted graph-empty">{t('graph.empty')}</p> : null}
          <GraphCanvas ref={canvasRef} ariaLabel={t('graph.canvasLabel')} onSelect={setSelection} onMoved={onMoved} onExpand={(id) => {
              setSelection({ type: 'node', id });
              expand(id);
            }} />
          <Legend kind={kind} partner={overlay !== null} />
        </div>
        <aside className="graph-side">
          <section>
            <h3>{t('graph.details')}</h3>
            <DetailsPanel node={selectedNode} edge={selectedEdge} rows={detailRows} fileNames={fileNames}>
              {selectedNode && (
                <div className="graph-node-actions">
                  <select data-testid="expand-direction" value={expandDirection} onChange={(event) => setExpandDirection(event.target.value as 'out' | 'in' | 'both')} aria-label={t('graph.expand')}>
                    <option value="both">{t('graph.expand.both')}</option>
                    <option value="out">{t('graph.expand.out')}</option>
                    <option value="in">{t('graph.expand.in')}</option>
                  </select>
                  <label className="inline small">
                    {t('graph.expand.minUsd')}
                    <input type="number" min={0} step={1000} value={expandMinUsd} data-testid="expand-min" onChange={(event) => setExpandMinUsd(Math.max(0, Number(event.target.value) || 0))} />
                  </label>
                  <button type="button" className="primary" data-testid="expand" onClick={() => expand()}>
                    {t('graph.expand')}
                  </button>
                  <button type="button" data-testid="hide-node" onClick={hideSelected}>
                    {t('graph.hide')}
                  </button>
                  <button type="button" data-testid="pin-node" onClick={togglePin}>
                    {pinned.has(selectedNode.id) ? t('graph.unpin') : t('graph.pin')}
                  </button>
                  {kind === 'parties' && selectedNode.kind !== 'account' && (
                    <button type="button" data-testid="unfold-node" onClick={toggleUnfold}>
                      {unfolded.includes(selectedNode.id) ? t('graph.fold') : t('graph.unfold')}
                    </button>
                  )}
                </div>
              )}
            </DetailsPanel>
          </section>
          <PathPanel selectedNodeId={selectedNode?.id ?? null} results={pathResults} activeKey={activePath?.key ?? null} onFind={findPaths} onShow={showPath} />
          <section className="graph-charts">
            <h3>{t('graph.charts')}</h3>
            <div className="path-field">
              <input data-testid="chart-name" placeholder={t('graph.charts.name')} aria-label={t('graph.charts.name')} value={chartName} onChange={(event) => setChartName(event.target.value)} />
              <button type="button" data-testid="chart-save" onClick={() => void save()}>
                {t('graph.charts.save')}
              </button>
            </div>
            {charts.length === 0 ? (
              <p className="muted small">{t('graph.charts.none')}</p>
            ) : (
              <ul className="saved-charts">
                {charts.map((row) => (
                  <li key={row.id}>
                    <button type="button" className="link-button" data-testid="chart-open" data-chart-name={row.name} onClick={() => open(row)}>
                      {row.name}
                    </button>{' '}
                    <span className="muted small">
                      {t(`graph.view.${row.view}`)} · {date(row.updatedAt)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
      <Timeline transactions={dataset.transactions} range={range} onRange={setRange} />
      {exporting && canvasRef.current && <ExportDialog chart={canvasRef.current} view={kind} onClose={() => setExporting(false)} />}
    </div>
  );
}
