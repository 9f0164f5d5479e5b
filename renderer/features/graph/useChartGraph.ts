import { useEffect, useMemo, useRef, useState, type Dispatch, type MutableRefObject } from 'react';
import {
  accountGraphSteps,
  applyStyleRules,
  centrality,
  collectLeaves,
  drawnEdgeIdsFor,
  evidenceSubgraph,
  foldGraph,
  formatGrade,
  gradesForGraph,
  isEmptyFilter,
  mergePartnerGraph,
  partyGraphSteps,
  summariseLinks,
  tradeGraphSteps,
  transactionPredicate,
  type DateRange,
  type Grade,
  type Graph,
  type GraphView as ChartKind,
} from '../../../shared/graph';
import type { Alert, CaseDataset, Transaction } from '../../../shared/model';
import type { LayoutName } from '../../graph-canvas';
import { useI18n } from '../../i18n/I18nProvider';
import type { Labels } from './canvasModel';
import { screeningFlags, type ScreenedParty } from './chartScreening';
import type { ChartAction, ChartModel } from './chartState';
import type { Communities } from './communityClient';
import { runInSlices } from './slices';
import { sameFlags, sameMembers, useContentStable } from './stableValues';
import { recordPositions, type PositionBook } from './chartPositions';

/** Up to this many nodes the chart draws every one; past it, it folds down to LOD_NODES (see shared/graph/lod.ts). */
const MAX_DRAWN_NODES = 2000;
/** What a folded chart keeps: few enough that drawing and panning stay light on a laptop without a GPU. */
export const LOD_NODES = 1000;
/** Context drawn around an alert's evidence: its heaviest links to the rest of the case. */
const FOCUS_CONTEXT_EDGES = 16;
/** "Every transaction" draws one line each up to this many; past it the chart keeps one line per direction. */
const MAX_TRANSACTION_LINES = 3000;

function graphSteps(kind: ChartKind, dataset: CaseDataset, options: { range: DateRange | null; unfolded: readonly string[]; fxPerUsd?: Record<string, number> }): Generator<number, Graph, void> {
  const base = { ...(options.range ? { range: options.range } : {}), ...(options.fxPerUsd ? { fxPerUsd: options.fxPerUsd } : {}) };
  if (kind === 'parties') return partyGraphSteps(dataset, { ...base, unfolded: options.unfolded });
  if (kind === 'trade') return tradeGraphSteps(dataset, base);
  return accountGraphSteps(dataset, base);
}

export interface ChartGraphInput {
  model: ChartModel;
  dataset: CaseDataset | null;
  overlay: { dataset: CaseDataset } | null;
  transactionsById: ReadonlyMap<string, Transaction>;
  alerts: readonly Alert[];
  selectedAlert: Alert | null;
  fxPerUsd: Record<string, number> | undefined;
  /** False until the case's profile (its rates) has been read: a graph built before would be built again with them. */
  ratesKnown: boolean;
  grades: ReadonlyMap<string, Grade>;
  communities: Communities | null;
  /** Screening results per party id (any list, with the standing decision). */
  screened: ReadonlyMap<string, ScreenedParty>;
  dispatch: Dispatch<ChartAction>;
  positionBook: MutableRefObject<PositionBook>;
  layoutOverride: MutableRefObject<LayoutName | null>;
}

/**
 * From the case to what is drawn: builds the view's graph a slice at a time
 * (the previous chart stays up meanwhile), narrows it to the working set,
 * folds, collects and summarises it, and works out sizes, grades, styling and
 * the highlight. Opening an alert focuses the chart on its evidence.
 */
export function useChartGraph(input: ChartGraphInput) {
  const { model, dataset, overlay, transactionsById, alerts, selectedAlert, fxPerUsd, ratesKnown, grades, communities, screened, dispatch, positionBook, layoutOverride } = input;
  const { kind, range, filter, unfolded, measure, linkMode, rules, collectThreshold, expandedCollections, shown, picked, hidden, pinned, highlight: toolHighlight } = model;
  const { t, amount, number } = useI18n();

  // The time views' filters narrow the transactions the chart is built from (the range is applied by the builder).
  const chartDataset = useMemo(() => (dataset && !isEmptyFilter(filter) ? { ...dataset, transactions: dataset.transactions.filter(transactionPredicate(filter)) } : dataset), [dataset, filter]);

  const [builtGraph, setBuiltGraph] = useState<Graph | null>(null);
  const [building, setBuilding] = useState<number | null>(null);
  useEffect(() => {
    if (!chartDataset) {
      setBuiltGraph(null);
      return;
    }
    if (!ratesKnown) return;
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
  }, [chartDataset, kind, range, unfolded, fxPerUsd, ratesKnown, overlay]);
  // Never draw the previous view's graph under the new view's name.
  const fullGraph = builtGraph && builtGraph.view === kind ? builtGraph : null;

  const alertedIds = useContentStable(
    useMemo(() => {
      if (!fullGraph || alerts.length === 0) return new Set<string>();
      const union = { accounts: [...new Set(alerts.flatMap((alert) => alert.accounts))], parties: [...new Set(alerts.flatMap((alert) => alert.parties))], transactions: [], shipments: [] };
      return new Set(evidenceSubgraph(fullGraph, union).nodeIds);
    }, [fullGraph, alerts]),
    sameMembers,
  );

  const evidence = useMemo(() => (fullGraph && selectedAlert ? evidenceSubgraph(fullGraph, selectedAlert) : null), [fullGraph, selectedAlert]);

  // Opening an alert puts its evidence and the money around it on a fresh chart, laid out for reading:
  // a fan-in drawn inside 700 other accounts is there, but no prosecutor can see it.
  const focusedAlert = useRef<string | null>(null);
  const pinnedRef = useRef(pinned);
  pinnedRef.current = pinned;
  useEffect(() => {
    focusedAlert.current = null;
  }, [dataset]);
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
    recordPositions(positionBook, { type: 'keepPinned', kind, pinned: pinnedRef.current });
    // Small enough for fcose at full quality: the pattern's own shape (star, chain, ring) shows.
    if (focus.size <= 200) layoutOverride.current = 'force';
    dispatch({ type: 'focus', ids: [...focus] });
  }, [selectedAlert, evidence, fullGraph, kind, dispatch, positionBook, layoutOverride]);

  // The alerted nodes only matter to what is drawn when the chart is folded: otherwise alerts arriving must not
  // rebuild the drawing (the canvas marks them in place, see useChartDraw).
  const unhiddenCount = useMemo(() => (fullGraph ? fullGraph.nodes.reduce((count, node) => count + (hidden.has(node.id) ? 0 : 1), 0) : 0), [fullGraph, hidden]);
  const folds = !shown && unhiddenCount > MAX_DRAWN_NODES;
  const foldKeep = folds ? alertedIds : null;
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
    const keep = new Set([...(foldKeep ?? []), ...picked, ...(evidence?.nodeIds ?? [])]);
    const folded = base.nodes.length > MAX_DRAWN_NODES ? foldGraph(base, LOD_NODES, keep) : { graph: base, foldedCount: 0 };
    return { visible: folded.graph, foldedCount: folded.foldedCount };
  }, [fullGraph, shown, hidden, picked, foldKeep, evidence]);

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
  // Screening marks per drawn node (a collection or folder stands for its members' parties too).
  const screeningMarks = useContentStable(
    useMemo(() => screeningFlags(drawn, screened), [drawn, screened]),
    sameFlags,
  );
  const styling = useMemo(
    () =>
      drawn && rules.length > 0
        ? applyStyleRules(drawn, rules, { alerted: alertedIds, grade: drawnGrades, screening: screeningMarks, ...(communities ? { community: communities.communityOf, core: communities.cores } : {}) })
        : null,
    [drawn, rules, alertedIds, communities, drawnGrades, screeningMarks],
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
      screened: (flags) => [flags.watchList ? t('graph.screened.watchList') : '', flags.pep ? t('graph.screened.pep') : ''].filter(Boolean).join('·'),
      group: (group, members) => t('graph.communities.group', { number: group, count: number(members) }),
    };
  }, [t, amount, number]);

  const highlight = useMemo<{ nodeIds: string[]; edgeIds: string[] } | null>(() => {
    const source = toolHighlight ?? (evidence ? { nodeIds: evidence.nodeIds, edgeIds: evidence.edgeIds } : null);
    if (!source || !drawn) return null;
    // Paths and evidence name the engine's per-direction edges; the drawn lines may summarise them.
    return { nodeIds: source.nodeIds, edgeIds: drawnEdgeIdsFor(drawn, source.edgeIds) };
  }, [toolHighlight, evidence, drawn]);

  return { fullGraph, building, alertedIds, evidence, visible, foldedCount, transactionLines, effectiveLinkMode, collected, drawn, scores, drawnGrades, screeningMarks, styling, labels, highlight };
}
