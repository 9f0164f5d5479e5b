import type { Core } from 'cytoscape';
import { useEffect, useImperativeHandle, useRef, type Ref, type RefObject } from 'react';
import { createChart, registerExtensions } from './chart';
import { crowdedShare, type PlacedNode } from './crowding';
import { fittedViewport } from './fitting';
import type { CanvasSelection, DrawnEdge, GraphCanvasHandle, Positions } from './types';

export interface GraphCanvasProps {
  ref?: Ref<GraphCanvasHandle>;
  onSelect?(selection: CanvasSelection): void;
  /** Every node selected now, after a box selection (shift-drag) or a tap. */
  onSelectNodes?(nodeIds: string[]): void;
  /** Double click on a node: the feature's "expand neighbours". */
  onExpand?(nodeId: string): void;
  /** The analyst dragged nodes by hand; their new positions. */
  onMoved?(positions: Positions): void;
  ariaLabel: string;
  /** An element drawn over the bottom of the canvas (the legend): a fitted chart is kept above it. */
  bottomOverlayRef?: RefObject<HTMLElement | null>;
}

/** Free space around a fitted chart, in screen pixels. */
const FIT_PADDING = 40;
/** A fit never enlarges a small chart past this zoom (a few nodes would fill the window). */
const FIT_MAX_ZOOM = 1.25;

/**
 * Cytoscape honours `scale` over `maxWidth` in a full PNG export; a
 * 2,000-node chart ×4 would ask for a canvas past what Chromium will
 * allocate (and come back blank). Longest side 16,000 px, 150 Mpx at most.
 * (maxWidth is still passed: without it Cytoscape multiplies by the screen's pixel ratio.)
 */
const EXPORT_MAX_SIDE = 16000;
const EXPORT_MAX_PIXELS = 150e6;
function exportScale(cy: Core, asked: number): number {
  const { w, h } = cy.elements().boundingBox();
  if (w <= 0 || h <= 0) return asked;
  return Math.min(asked, EXPORT_MAX_SIDE / w, EXPORT_MAX_SIDE / h, Math.sqrt(EXPORT_MAX_PIXELS / (w * h)));
}

/** The nodes drawn as flagged by an alert, sorted, for the container's `data-alerted` (end-to-end tests). */
function alertedIdsOf(cy: Core): string {
  return cy
    .nodes()
    .filter((node) => node.data('alerted') === true)
    .map((node) => node.id())
    .sort()
    .join(',');
}

/**
 * The one component that draws with Cytoscape (canvas renderer). Everything
 * else talks to it through `GraphCanvasHandle`, so the chart could change
 * library without touching the features. The container exposes
 * `data-node-count`, `data-highlighted`, `data-alerted`, `data-draw-count` and `data-crowded` (share of nodes drawn
 * over another, see crowding.ts) for end-to-end tests.
 */
export function GraphCanvas({ ref, onSelect, onSelectNodes, onExpand, onMoved, ariaLabel, bottomOverlayRef }: GraphCanvasProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const callbacks = useRef({ onSelect, onSelectNodes, onExpand, onMoved });
  useEffect(() => {
    callbacks.current = { onSelect, onSelectNodes, onExpand, onMoved };
  });

  useEffect(() => {
    registerExtensions();
    const container = containerRef.current;
    if (!container) return;
    container.dataset.nodeCount = '0';
    container.dataset.highlighted = '';
    container.dataset.drawCount = '0';
    const observer = new ResizeObserver(() => cyRef.current?.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      cyRef.current?.destroy();
      cyRef.current = null;
    };
  }, []);

  useImperativeHandle(ref, (): GraphCanvasHandle => {
    const requireCy = (): Core => {
      const cy = cyRef.current;
      if (!cy) throw new Error('The chart has not been drawn yet.');
      return cy;
    };
    return {
      async setElements(nodes, edges) {
        const container = containerRef.current;
        if (!container) return;
        cyRef.current?.destroy();
        container.dataset.highlighted = '';
        // Large charts arrive over several tasks: until this one is in, the counts must not describe the previous chart.
        container.dataset.nodeCount = '0';
        container.dataset.groupCount = '0';
        container.dataset.selectedCount = '0';
        container.dataset.screened = '';
        container.dataset.edgeCount = '0';
        container.dataset.alerted = '';
        // Every full draw is counted: tests check that marking alerts or pins never draws the chart again.
        container.dataset.drawCount = String(Number(container.dataset.drawCount ?? '0') + 1);
        const { cy, ready } = createChart(container, nodes, edges);
        cy.on('tap', (event) => {
          if (event.target === cy) callbacks.current.onSelect?.(null);
        });
        cy.on('tap', 'node', (event) => callbacks.current.onSelect?.({ type: 'node', id: event.target.id() }));
        cy.on('tap', 'edge', (event) => callbacks.current.onSelect?.({ type: 'edge', id: event.target.id() }));
        // A box selection fires one event per node: report the whole selection once, after the last.
        let selectionReport: ReturnType<typeof setTimeout> | null = null;
        cy.on('select unselect', 'node', () => {
          if (selectionReport !== null) return;
          selectionReport = setTimeout(() => {
            selectionReport = null;
            if (cy.destroyed()) return;
            const ids = cy.nodes(':selected').filter((node) => !node.isParent()).map((node) => node.id());
            container.dataset.selectedCount = String(ids.length);
            callbacks.current.onSelectNodes?.(ids);
          }, 0);
        });
        cy.on('dbltap', 'node', (event) => callbacks.current.onExpand?.(event.target.id()));
        cy.on('dragfree', 'node', () => {
          const moved: Positions = {};
          const grabbed = cy.nodes(':selected').union(cy.nodes(':grabbed'));
          // Dragging a compound group moves its members: they are what has a position to keep.
          grabbed.union(grabbed.descendants()).forEach((node) => {
            if (!node.isParent()) moved[node.id()] = { ...node.position() };
          });
          callbacks.current.onMoved?.(moved);
        });
        cyRef.current = cy;
        await ready;
        if (cyRef.current !== cy) return;
        // Compound groups (communities) are boxes around nodes, not nodes of the case.
        const groups = nodes.filter((node) => node.group).length;
        container.dataset.nodeCount = String(nodes.length - groups);
        container.dataset.groupCount = String(groups);
        container.dataset.screened = nodes
          .filter((node) => node.screened)
          .map((node) => node.id)
          .sort()
          .join(',');
        container.dataset.edgeCount = String(edges.length);
        container.dataset.alerted = alertedIdsOf(cy);
      },
      applyPositions(positions) {
        const cy = requireCy();
        cy.batch(() => {
          cy.nodes().forEach((node) => {
            const position = positions[node.id()];
            // A compound group's place follows its children; moving it would move them all.
            if (!position || node.locked() || node.isParent()) return;
            node.position({ x: position.x, y: position.y });
          });
        });
      },
      getPositions() {
        const positions: Positions = {};
        cyRef.current?.nodes().forEach((node) => {
          if (node.isParent()) return;
          const { x, y } = node.position();
          positions[node.id()] = { x, y };
        });
        return positions;
      },
      highlight(selection) {
        const cy = requireCy();
        const container = containerRef.current;
        cy.batch(() => {
          cy.elements().removeClass('dimmed evidence');
          if (!selection) return;
          const nodeIds = new Set(selection.nodeIds);
          const edgeIds = new Set(selection.edgeIds);
          cy.nodes().forEach((node) => {
            node.addClass(nodeIds.has(node.id()) ? 'evidence' : 'dimmed');
          });
          cy.edges().forEach((edge) => {
            edge.addClass(edgeIds.has(edge.id()) ? 'evidence' : 'dimmed');
          });
        });
        if (container) {
          const drawn = selection ? selection.nodeIds.filter((id) => cy.getElementById(id).nonempty()) : [];
          container.dataset.highlighted = drawn.sort().join(',');
        }
      },
      fit(nodeIds) {
        const cy = requireCy();
        const target = nodeIds && nodeIds.length > 0 ? cy.nodes().filter((node) => nodeIds.includes(node.id())) : cy.elements();
        const container = containerRef.current;
        const overlay = bottomOverlayRef?.current;
        const bottomInset = container && overlay ? Math.max(0, container.getBoundingClientRect().bottom - overlay.getBoundingClientRect().top) : 0;
        if (target.nonempty()) {
          cy.viewport(fittedViewport(target.boundingBox(), { width: cy.width(), height: cy.height() }, { padding: FIT_PADDING, bottomInset, minZoom: cy.minZoom(), maxZoom: Math.min(cy.maxZoom(), FIT_MAX_ZOOM) }));
        }
        // Every settled drawing ends in a fit: how many nodes it left on top of another (end-to-end tests).
        if (containerRef.current) {
          const placed: PlacedNode[] = [];
          cy.nodes().forEach((node) => {
            if (!node.isParent()) placed.push({ ...node.position(), size: node.width() });
          });
          containerRef.current.dataset.crowded = crowdedShare(placed).toFixed(2);
        }
      },
      size() {
        const cy = cyRef.current;
        return cy ? { width: cy.width(), height: cy.height() } : { width: 0, height: 0 };
      },
      viewport() {
        const cy = cyRef.current;
        if (!cy) return '';
        const { x, y } = cy.pan();
        return `${cy.zoom().toFixed(4)}:${x.toFixed(1)}:${y.toFixed(1)}`;
      },
      setPinned(nodeIds, pinned) {
        const cy = requireCy();
        cy.batch(() => {
          for (const id of nodeIds) {
            const node = cy.getElementById(id);
            if (node.empty()) continue;
            node.data('pinned', pinned);
            if (pinned) node.lock();
            else node.unlock();
          }
        });
      },
      setAlerted(nodeIds) {
        const cy = cyRef.current;
        if (!cy) return;
        cy.batch(() => {
          cy.nodes().forEach((node) => {
            const alerted = nodeIds.has(node.id());
            if (node.data('alerted') !== alerted) node.data('alerted', alerted);
          });
        });
        if (containerRef.current) containerRef.current.dataset.alerted = alertedIdsOf(cy);
      },
      async exportPng(scale) {
        const cy = requireCy();
        return cy.png({ output: 'blob-promise', full: true, scale: exportScale(cy, scale), bg: '#ffffff', maxWidth: EXPORT_MAX_SIDE, maxHeight: EXPORT_MAX_SIDE });
      },
      exportSvg() {
        const cy = requireCy() as Core & { svg(options: { full: boolean; scale: number; bg: string }): string };
        return cy.svg({ full: true, scale: 1, bg: '#ffffff' });
      },
      getDrawnEdges(): DrawnEdge[] {
        const edges: DrawnEdge[] = [];
        cyRef.current?.edges().forEach((edge) => {
          if (!edge.visible()) return;
          edges.push({ id: edge.id(), source: edge.source().id(), target: edge.target().id(), transactionIds: [...(edge.data('transactionIds') as string[])] });
        });
        return edges;
      },
      nodeCount() {
        return cyRef.current?.nodes().filter((node) => !node.isParent()).length ?? 0;
      },
    };
    // A ref object is stable: the handle is built once per overlay, as before.
  }, [bottomOverlayRef]);

  return <div ref={containerRef} className="graph-canvas" data-testid="graph-canvas" role="img" aria-label={ariaLabel} />;
}
