import { useCallback, useEffect, useReducer, useRef, useState, type MutableRefObject, type RefObject } from 'react';
import type { Graph, GraphView as ChartKind, Scores, StylingResult } from '../../../shared/graph';
import { FULL_QUALITY_FORCE_LIMIT, LayoutCancelledError, LayoutClient, orientToCanvas, REFINE_FORCE_LIMIT, stretchToCanvas, type GraphCanvasHandle, type LayoutName, type LayoutRequest, type Positions } from '../../graph-canvas';
import { packGroups, placeNewNodes, positionsDigest, styleElements, toCanvas, type Labels, type NodeFlags } from './canvasModel';
import { drawingPositions, recordPositions, type PositionBook } from './chartPositions';
import { drawPhaseReducer, IDLE_PHASE, isBusy } from './drawPhase';

/** When more than this share of the drawn nodes has no position, lay the whole chart out again. */
const RELAYOUT_SHARE = 0.3;

export interface ChartDrawInput {
  canvasRef: RefObject<GraphCanvasHandle | null>;
  /** Where nodes stand, per view; the draw reads and fills it, the view's tools reset it. */
  positionBook: MutableRefObject<PositionBook>;
  /** A layout for the next full arrangement only (an alert reads best laid out by force at full quality). */
  layoutOverride: MutableRefObject<LayoutName | null>;
  drawn: Graph | null;
  scores: Scores;
  alertedIds: ReadonlySet<string>;
  /** Watch-list / PEP marks and similar per-node flags drawn on the node. */
  flags: NodeFlags;
  labels: Labels;
  kind: ChartKind;
  layout: LayoutName;
  layoutEpoch: number;
  /** Fill by community when the analyst asked for it; null: by kind. */
  colourOf: ((id: string) => string) | null;
  /** Community of each node when communities are drawn as compound groups; null: no groups. */
  groupOf: ((id: string) => string | null) | null;
  styling: StylingResult | null;
  highlight: { nodeIds: string[]; edgeIds: string[] } | null;
  pinned: ReadonlySet<string>;
  onLayoutFailed(reason: string): void;
}

export interface ChartDrawState {
  /** True from the moment a draw starts until its elements are in and placed. */
  busy: boolean;
  /** Nodes being laid out in the worker, for the status line; null when no layout runs. */
  layingOut: number | null;
  /** A large chart is shown from its draft layout while a full-quality one is computed. */
  refining: boolean;
  /** Fingerprint of the drawn positions (tests tell a restored arrangement from a new layout). */
  digest: string;
  refreshDigest(): void;
}

/**
 * Draws the chart: styles the elements, hands them to the canvas, keeps known
 * positions, lays out only what needs it in the layout worker, then applies
 * the highlight. Positions, pins and the highlight are read through refs, so
 * moving a node or selecting an alert never redraws.
 */
export function useChartDraw(input: ChartDrawInput): ChartDrawState {
  const { canvasRef, positionBook, layoutOverride, drawn, scores, alertedIds, flags, labels, kind, layout, layoutEpoch, colourOf, groupOf, styling, highlight, pinned } = input;
  const [phase, send] = useReducer(drawPhaseReducer, IDLE_PHASE);
  const [digest, setDigest] = useState('');
  const layoutClient = useRef<LayoutClient | null>(null);
  const drawCount = useRef(0);
  const pinnedRef = useRef(pinned);
  pinnedRef.current = pinned;
  const highlightRef = useRef(highlight);
  highlightRef.current = highlight;
  const alertedRef = useRef(alertedIds);
  alertedRef.current = alertedIds;
  const onLayoutFailed = useRef(input.onLayoutFailed);
  onLayoutFailed.current = input.onLayoutFailed;

  useEffect(() => {
    const client = new LayoutClient();
    layoutClient.current = client;
    return () => client.dispose();
  }, []);

  const refreshDigest = useCallback(() => {
    const canvas = canvasRef.current;
    if (canvas) setDigest(positionsDigest(canvas.getPositions()));
  }, [canvasRef]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !drawn) return;
    const draw = ++drawCount.current;
    send({ type: 'start', draw });
    let live = true;
    const cleanup = () => {
      live = false;
      send({ type: 'abandoned', draw });
    };
    // Groups drawn over an arrangement made without them overlap: each community is drawn in rings, as a block of its own.
    // The packed places are the drawing's only; the arrangement stays for when the groups are turned off (chartPositions.ts).
    if (!groupOf) recordPositions(positionBook, { type: 'ungrouped', kind });
    const nodeIds = drawn.nodes.map((node) => node.id);
    const positions = drawingPositions(positionBook.current, kind, groupOf ? (arrangement) => packGroups(nodeIds, arrangement, groupOf, (id) => scores.get(id) ?? 0) : null);
    const { nodes, edges } = styleElements(toCanvas(drawn, scores, alertedRef.current, positions, pinnedRef.current, labels, flags), colourOf, styling, groupOf, labels.group);
    // The worker lays out while the canvas takes in the elements (in slices, for large charts).
    const added = canvas.setElements(nodes, edges);
    const missing = drawn.nodes.filter((node) => !positions[node.id]).map((node) => node.id);
    const show = (laidOut: Positions | null, fit = true) => {
      if (laidOut) canvas.applyPositions(laidOut);
      // Alerts that arrived while the elements went in are marked now.
      canvas.setAlerted(alertedRef.current);
      canvas.highlight(highlightRef.current);
      if (fit) canvas.fit(highlightRef.current?.nodeIds);
      refreshDigest();
    };
    const settle = (laidOut: Positions | null, fit = true) => {
      if (!live) return;
      show(laidOut, fit);
      send({ type: 'settled', draw });
    };
    if (missing.length === 0) {
      void added.then(() => settle(null));
      return cleanup;
    }
    if (missing.length <= RELAYOUT_SHARE * drawn.nodes.length && Object.keys(positions).length > 0) {
      // Only an unpacked drawing misses places (packGroups needs every node placed), so these go to the arrangement.
      const placed = placeNewNodes(drawn, positions, missing);
      recordPositions(positionBook, { type: 'moved', kind, positions: placed, grouped: false });
      void added.then(() => settle({ ...positions, ...placed }));
      return cleanup;
    }
    const client = layoutClient.current;
    if (!client) return cleanup;
    send({ type: 'layout', draw, nodes: drawn.nodes.length });
    const request: Omit<LayoutRequest, 'id'> = {
      layout: layoutOverride.current ?? layout,
      nodes: nodes.filter((node) => !node.group).map((node) => ({ id: node.id, size: node.size })),
      edges: drawn.edges.filter((edge) => edge.source !== edge.target).map((edge) => ({ source: edge.source, target: edge.target })),
      pinned: [...pinnedRef.current].flatMap((id) => (positions[id] ? [{ id, ...positions[id] }] : [])),
      roots: [],
    };
    // A large chart is drawn from the draft layout at once, then laid out again at full quality (layoutProtocol.ts).
    const refine = request.layout === 'force' && request.nodes.length > FULL_QUALITY_FORCE_LIMIT && request.nodes.length <= REFINE_FORCE_LIMIT;
    const failed = (error: unknown) => {
      if (error instanceof LayoutCancelledError || !live) return;
      send({ type: 'failed', draw });
      onLayoutFailed.current(error instanceof Error ? error.message : String(error));
    };
    // A force layout may be turned a quarter and stretched to suit the canvas (orientation.ts); pinned nodes fix its
    // orientation and scale.
    const oriented = (result: Positions) => {
      if (request.layout !== 'force' || request.pinned.length > 0) return result;
      const size = canvas.size();
      return stretchToCanvas(orientToCanvas(result, size), size);
    };
    Promise.all([client.run(request).then(oriented), added])
      .then(([result]) => {
        if (!live) return;
        layoutOverride.current = null;
        recordPositions(positionBook, { type: 'arranged', kind, positions: result });
        if (!refine) {
          settle(result);
          return;
        }
        show(result);
        send({ type: 'refine', draw });
        const draft = positionBook.current.arrangement[kind];
        const draftView = canvas.viewport();
        client
          .run({ ...request, quality: 'full' })
          .then(oriented)
          .then((refined) => {
            if (!live) return;
            // Nodes the analyst moved while the refinement ran keep the places given them: the draft stays.
            if (positionBook.current.arrangement[kind] !== draft) {
              send({ type: 'settled', draw });
              return;
            }
            recordPositions(positionBook, { type: 'arranged', kind, positions: refined });
            // Fitted again only while the analyst has not zoomed or panned: a view they chose stays where it is.
            settle(refined, canvas.viewport() === draftView);
          })
          .catch((error: unknown) => {
            // The draft is a usable chart: a refinement that fails leaves it, and says nothing more.
            if (error instanceof LayoutCancelledError || !live) return;
            send({ type: 'settled', draw });
          });
      })
      .catch(failed);
    return cleanup;
  }, [canvasRef, positionBook, layoutOverride, drawn, scores, flags, labels, kind, layout, layoutEpoch, refreshDigest, colourOf, groupOf, styling]);

  // Alerts found (or dismissed) on the same drawing: mark the nodes in place; drawing a large chart again takes seconds.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || canvas.nodeCount() === 0) return;
    canvas.setAlerted(alertedIds);
  }, [canvasRef, alertedIds]);

  // A new highlight on the same drawing: emphasise and fit, no redraw.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !drawn || canvas.nodeCount() === 0) return;
    canvas.highlight(highlight);
    canvas.fit(highlight?.nodeIds);
  }, [canvasRef, highlight, drawn]);

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
  }, [canvasRef, pinned]);

  return { busy: isBusy(phase), layingOut: phase.layingOut, refining: phase.refining, digest, refreshDigest };
}
