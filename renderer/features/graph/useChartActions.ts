import { useEffect, useRef, useState, type Dispatch, type MutableRefObject, type RefObject } from 'react';
import {
  connectingNetwork,
  findLinked,
  neighbours,
  shortestPath,
  timeRespectingPaths,
  type CentralityMeasure,
  type ConnectingNetwork,
  type Graph,
  type GraphView as ChartKind,
  type LinkMode,
  type RankedNode,
} from '../../../shared/graph';
import type { Transaction } from '../../../shared/model';
import { database } from '../../db/database';
import type { CaseRow, ChartRow } from '../../db/schema';
import type { GraphCanvasHandle } from '../../graph-canvas';
import { useI18n } from '../../i18n/I18nProvider';
import { platform } from '../../platform';
import { isTaskCancelled } from '../../workers/task';
import { recordSignedExport } from '../audit/custodyFiles';
import { initialModel, type ChartAction, type ChartHighlight, type ChartStore } from './chartState';
import { listCharts, readChart, saveChart, type ChartState } from './chartStore';
import type { CommunityClient, Communities } from './communityClient';
import { ConnectClient } from './connectClient';
import type { ConnectRequest } from './ConnectPanel';
import { MEASURES } from './GraphToolbar';
import type { ExpandRequest, LinkedRequest } from './NodeActions';
import { recordPositions, type PositionBook } from './chartPositions';

/** Find linked stops after this many nodes. */
const LINKED_LIMIT = 400;

export type ChartMessage = { text: string; error?: boolean } | null;

export interface ChartActionsInput {
  store: ChartStore;
  dispatch: Dispatch<ChartAction>;
  caseRow: CaseRow | null;
  fullGraph: Graph | null;
  visible: Graph | null;
  drawn: Graph | null;
  transactionsById: ReadonlyMap<string, Transaction>;
  canvasRef: RefObject<GraphCanvasHandle | null>;
  positionBook: MutableRefObject<PositionBook>;
  /** Communities are drawn as compound groups: the canvas shows a packed drawing, not the arrangement. */
  grouped: boolean;
  communityClient: MutableRefObject<CommunityClient | null>;
  /** Held by the view (the graph's styling reads them in the same render); the actions only set them. */
  setCommunities(communities: Communities | null): void;
  setMessage(message: ChartMessage): void;
  setCharts(rows: ChartRow[]): void;
  effectiveLinkMode: LinkMode;
}

/**
 * What the analyst's tools do to the chart: expand, find linked, paths,
 * connecting networks, rankings, communities, export and saved charts. Each
 * ends in a store transition (so it undoes) or in a result shown by a panel.
 */
export function useChartActions(input: ChartActionsInput) {
  const { store, dispatch, caseRow, fullGraph, visible, drawn, transactionsById, canvasRef, positionBook, grouped, communityClient, setCommunities, setMessage, setCharts } = input;
  const { t, number, date } = useI18n();
  const { kind, range, unfolded, layout, measure, linkMode, shown, pinned, hidden } = store.present;
  const [network, setNetwork] = useState<(ConnectingNetwork & { timed: boolean }) | null>(null);
  const [findingCommunities, setFindingCommunities] = useState(false);
  const [chartId, setChartId] = useState<string | null>(null);
  const [chartName, setChartName] = useState('');
  const [connecting, setConnecting] = useState(false);
  const connectClient = useRef<ConnectClient | null>(null);
  useEffect(() => {
    const client = new ConnectClient();
    connectClient.current = client;
    return () => client.dispose();
  }, []);

  const nodeIds = new Set((fullGraph?.nodes ?? []).map((node) => node.id));
  const drawnIds = () => (drawn?.nodes ?? []).map((node) => node.id);
  const keepPinnedOnly = () => {
    recordPositions(positionBook, { type: 'keepPinned', kind, pinned });
  };
  const rememberPositions = () => {
    recordPositions(positionBook, { type: 'moved', kind, positions: canvasRef.current?.getPositions() ?? {}, grouped });
  };

  /** A new case or new data: the tools' results belong to the old chart. */
  const forget = () => {
    setChartId(null);
    setNetwork(null);
    setCommunities(null);
  };

  const expand = (request: ExpandRequest, nodeId: string | undefined) => {
    if (!fullGraph || !nodeId) return;
    const found = neighbours(fullGraph, nodeId, { direction: request.direction, ...(request.minUsd > 0 ? { minAmountUsd: request.minUsd } : {}) });
    const before = new Set(drawnIds());
    const added = found.nodeIds.filter((id) => !before.has(id));
    dispatch({ type: 'expand', ids: found.nodeIds, drawnIds: [...before] });
    setMessage({ text: t('graph.expand.added', { count: number(added.length) }) });
  };

  const findLinkedNodes = (request: LinkedRequest, nodeId: string) => {
    if (!fullGraph) return;
    const timed = request.timeFlow !== 'any';
    const found = findLinked(fullGraph, [nodeId], {
      depth: request.depth,
      direction: request.direction,
      limit: LINKED_LIMIT,
      ...(timed ? { timeFlow: request.timeFlow as 'forward' | 'backward', maxGapDays: request.maxGapDays, transactions: transactionsById } : {}),
    });
    dispatch({ type: 'expand', ids: found.nodeIds, drawnIds: drawnIds() });
    dispatch({ type: 'setHighlight', highlight: { key: `linked:${nodeId}`, label: '', nodeIds: [nodeId, ...found.nodeIds], edgeIds: found.edgeIds } });
    setMessage({ text: found.truncated ? t('graph.linked.truncated', { count: number(found.nodeIds.length), limit: number(LINKED_LIMIT) }) : t('graph.linked.added', { count: number(found.nodeIds.length) }) });
  };

  const findPaths = (request: { from: string; to: string; timed: boolean; maxHops: number; maxDays: number }) => {
    if (!fullGraph) return;
    const resolve = (id: string) => (nodeIds.has(id) ? id : (fullGraph.nodes.find((node) => node.accounts.includes(id) || node.label === id)?.id ?? id));
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

  const showNetwork = (request: ConnectRequest, result: ConnectingNetwork) => {
    setNetwork({ ...result, timed: request.timed });
    setMessage(null);
    const ids = [...new Set([...result.nodeIds, ...request.subjects.filter((id) => nodeIds.has(id))])];
    keepPinnedOnly();
    dispatch({ type: 'focus', ids, highlight: { key: `network:${request.subjects.join('|')}`, label: t('graph.connect'), nodeIds: result.nodeIds, edgeIds: result.edgeIds } });
  };

  const findNetwork = (request: ConnectRequest) => {
    if (!fullGraph) return;
    const client = connectClient.current;
    if (!request.timed || !client) {
      showNetwork(request, connectingNetwork(fullGraph, request.subjects, { exclude: request.exclude, maxHops: request.maxHops }));
      return;
    }
    // Time order needs every transaction of the case indexed by time: a worker builds the index once and searches on it.
    setConnecting(true);
    setMessage(null);
    client
      .run(fullGraph, transactionsById, { subjects: request.subjects, exclude: request.exclude, maxHops: request.maxHops, maxGapDays: request.maxGapDays })
      .then((result) => showNetwork(request, result))
      .catch((error: unknown) => {
        if (isTaskCancelled(error)) return;
        setMessage({ text: t('graph.connect.failed', { reason: error instanceof Error ? error.message : String(error) }), error: true });
      })
      .finally(() => setConnecting(false));
  };
  const cancelNetwork = () => connectClient.current?.cancel();
  /** "Money in time order" ticked: the worker indexes the case by time while the analyst picks subjects. */
  const prepareTimedNetwork = () => {
    if (fullGraph) connectClient.current?.prepare(fullGraph, transactionsById);
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
        if (isTaskCancelled(error)) return;
        setMessage({ text: t('graph.communities.failed', { reason: error instanceof Error ? error.message : String(error) }), error: true });
      })
      .finally(() => setFindingCommunities(false));
  };

  const focusOn = (ids: string[]) => {
    rememberPositions();
    dispatch({ type: 'focus', ids });
  };

  const changeKind = (next: ChartKind) => {
    if (next === kind) return;
    rememberPositions();
    setNetwork(null);
    setCommunities(null);
    dispatch({ type: 'setKind', kind: next });
  };

  const relayout = () => {
    keepPinnedOnly();
    dispatch({ type: 'relayout' });
  };

  const clear = () => {
    // Nothing stays on the chart to keep in place: what is added next gets a fresh arrangement, not the places the
    // cleared drawing gave it (a whole case's draft layout had piled a hub's counterparts on one another).
    keepPinnedOnly();
    dispatch({ type: 'clear' });
    setNetwork(null);
  };

  const exportPng = async () => {
    const canvas = canvasRef.current;
    if (!canvas || !caseRow) return;
    const name = `${caseRow.number}-chart.png`.replace(/[/\\]+/g, '_');
    try {
      const blob = await canvas.exportPng(2);
      const result = await platform.saveFile({ suggestedName: name, data: blob, mimeType: 'image/png', filters: [{ name: 'PNG', extensions: ['png'] }] });
      // Issue 12: logged and signed like every export (the signature is offered under the chart).
      if (result.saved) await recordSignedExport(database(), { format: 'png', caseId: caseRow.id, profileId: caseRow.profileId, fileName: name, data: blob, filters: { view: store.present.kind, linkMode: store.present.linkMode }, selection: Object.keys(canvas.getPositions()).sort() });
      if (result.saved) setMessage({ text: t('graph.exported', { name }) });
    } catch (error) {
      setMessage({ text: t('graph.exportFailed', { reason: error instanceof Error ? error.message : String(error) }), error: true });
    }
  };

  const save = async (requestedName: string) => {
    const canvas = canvasRef.current;
    if (!canvas || !caseRow) return;
    const name = requestedName.trim() || t('graph.charts.defaultName', { date: new Date().toISOString().slice(0, 16).replace('T', ' ') });
    // A saved chart restores the arrangement (it does not save the groups), never the packed drawing.
    if (!grouped) recordPositions(positionBook, { type: 'moved', kind, positions: canvas.getPositions(), grouped: false });
    const positions = { ...positionBook.current.arrangement[kind] };
    const state: ChartState = { range, unfolded: [...unfolded], layout, measure, showAll: shown === null, linkMode };
    const row = await saveChart(database(), { ...(chartId ? { id: chartId } : {}), caseId: caseRow.id, name, view: kind, positions, pinned, hidden, state });
    setChartId(row.id);
    setChartName(row.name);
    setCharts(await listCharts(database(), caseRow.id));
    setMessage({ text: t('graph.charts.saved', { name: row.name }) });
  };

  const open = (row: ChartRow) => {
    const chart = readChart(row);
    recordPositions(positionBook, { type: 'arranged', kind: row.view, positions: chart.positions });
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

  return {
    network,
    connecting,
    cancelNetwork,
    prepareTimedNetwork,
    findingCommunities,
    chartName,
    forget,
    expand,
    findLinkedNodes,
    findPaths,
    findNetwork,
    highlightRanked,
    runCommunities,
    focusOn,
    changeKind,
    relayout,
    clear,
    exportPng,
    save,
    open,
  };
}

export type ChartActions = ReturnType<typeof useChartActions>;
