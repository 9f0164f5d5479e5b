import { addAmount, type UsdConverter } from './fx';
import type { EdgeKind, GraphEdge, GraphNode } from './types';
import type { TimeIndexInput } from './timeIndex';

/** Node slots stay below 2^24 so that `(source * 2^24 + target) * 8 + kind` is an exact integer key. */
const SLOT_FACTOR = 16_777_216;

export function emptyNode(id: string, kind: GraphNode['kind'], label: string): GraphNode {
  return {
    id,
    kind,
    label,
    inByCurrency: {},
    outByCurrency: {},
    volumeUsd: 0,
    inDegree: 0,
    outDegree: 0,
    degree: 0,
    transactionCount: 0,
    accounts: [],
    parties: [],
    shipments: [],
  };
}

/** A typed array that grows by doubling: one write per transaction, no object per transaction. */
class GrowingArray<T extends Int32Array | Float64Array> {
  private data: T;
  length = 0;

  constructor(private readonly make: (size: number) => T) {
    this.data = make(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** A copy of exactly the values pushed. */
  values(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/**
 * Folds a stream of dated amounts between node ids into nodes and edges, one
 * edge per ordered pair and kind. Keys are integers rather than joined
 * strings because this runs once per transaction (a million for a large case).
 */
export class Aggregator {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly edgeSlot = new Map<number, number>();
  private readonly edgeNeighbours: Set<number>[] = [];
  /**
   * The time index's input, recorded while the transactions go by (issue 15):
   * each edge's end slots and each payment's edge and time. Reading a million
   * transactions' times again later, by id, cost seconds on the UI thread.
   */
  private readonly edgeSource = new GrowingArray((size) => new Int32Array(size));
  private readonly edgeTarget = new GrowingArray((size) => new Int32Array(size));
  private readonly paymentEdge = new GrowingArray((size) => new Int32Array(size));
  private readonly paymentTime = new GrowingArray((size) => new Float64Array(size));

  constructor(
    private readonly converter: UsdConverter,
    private readonly describe: (id: string) => GraphNode,
  ) {}

  node(id: string): GraphNode {
    return this.nodes[this.slot(id)] as GraphNode;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  private slot(id: string): number {
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.nodes.length;
      if (slot >= SLOT_FACTOR) throw new Error('The chart has more than 16 million nodes; narrow the date range.');
      this.slotOf.set(id, slot);
      this.nodes.push(this.describe(id));
      this.edgeNeighbours.push(new Set());
    }
    return slot;
  }

  /** Adds one movement from `sourceId` to `targetId`; `amount` counts towards the nodes' volumes when `money`. */
  add(
    sourceId: string,
    targetId: string,
    kind: EdgeKind,
    movement: { amount: number; currency: string; date: number; transactionId?: string; shipmentId?: string; money: boolean },
  ): GraphEdge {
    const sourceSlot = this.slot(sourceId);
    const targetSlot = this.slot(targetId);
    const key = (sourceSlot * SLOT_FACTOR + targetSlot) * 8 + KIND_CODE[kind];
    let edgeIndex = this.edgeSlot.get(key);
    let edge: GraphEdge;
    if (edgeIndex === undefined) {
      edgeIndex = this.edges.length;
      edge = {
        id: kind === 'payment' ? `${sourceId}→${targetId}` : `${kind}:${sourceId}→${targetId}`,
        source: sourceId,
        target: targetId,
        kind,
        count: 0,
        totals: {},
        weightUsd: 0,
        firstDate: movement.date,
        lastDate: movement.date,
        transactionIds: [],
        shipmentIds: [],
      };
      this.edgeSlot.set(key, edgeIndex);
      this.edges.push(edge);
      this.edgeSource.push(sourceSlot);
      this.edgeTarget.push(targetSlot);
      if (sourceSlot !== targetSlot) {
        (this.edgeNeighbours[sourceSlot] as Set<number>).add(targetSlot);
        (this.edgeNeighbours[targetSlot] as Set<number>).add(sourceSlot);
      }
    } else {
      edge = this.edges[edgeIndex] as GraphEdge;
    }
    edge.count += 1;
    if (movement.amount > 0) {
      addAmount(edge.totals, movement.currency, movement.amount);
      edge.weightUsd += this.converter.toUsd(movement.amount, movement.currency);
    }
    if (movement.date < edge.firstDate) edge.firstDate = movement.date;
    if (movement.date > edge.lastDate) edge.lastDate = movement.date;
    if (movement.transactionId !== undefined) {
      edge.transactionIds.push(movement.transactionId);
      // A payment to oneself leads nowhere in time either.
      if (kind === 'payment' && sourceSlot !== targetSlot) {
        this.paymentEdge.push(edgeIndex);
        this.paymentTime.push(movement.date);
      }
    }
    if (movement.shipmentId !== undefined) edge.shipmentIds.push(movement.shipmentId);
    if (movement.money && movement.amount > 0) {
      const source = this.nodes[sourceSlot] as GraphNode;
      const target = this.nodes[targetSlot] as GraphNode;
      const usd = this.converter.toUsd(movement.amount, movement.currency);
      addAmount(source.outByCurrency, movement.currency, movement.amount);
      addAmount(target.inByCurrency, movement.currency, movement.amount);
      source.volumeUsd += usd;
      target.volumeUsd += usd;
      source.transactionCount += 1;
      if (targetSlot !== sourceSlot) target.transactionCount += 1;
    }
    return edge;
  }

  /** Fills the degree fields (distinct neighbours per direction) once every movement is in. */
  finish(): { nodes: GraphNode[]; edges: GraphEdge[] } {
    for (const node of this.nodes) {
      node.inDegree = 0;
      node.outDegree = 0;
    }
    const seen = new Set<number>();
    for (const edge of this.edges) {
      const sourceSlot = this.slotOf.get(edge.source) as number;
      const targetSlot = this.slotOf.get(edge.target) as number;
      const pair = sourceSlot * SLOT_FACTOR + targetSlot;
      if (seen.has(pair)) continue;
      seen.add(pair);
      (this.nodes[sourceSlot] as GraphNode).outDegree += 1;
      (this.nodes[targetSlot] as GraphNode).inDegree += 1;
    }
    this.nodes.forEach((node, slot) => {
      node.degree = (this.edgeNeighbours[slot] as Set<number>).size;
    });
    return { nodes: this.nodes, edges: this.edges };
  }

  /** The time index's input for the graph of finish() (slots are node positions, edge numbers edge positions). */
  timeIndexInput(): TimeIndexInput {
    return {
      nodeCount: this.nodes.length,
      edgeSource: this.edgeSource.values(),
      edgeTarget: this.edgeTarget.values(),
      paymentEdge: this.paymentEdge.values(),
      paymentTime: this.paymentTime.values(),
    };
  }
}

const KIND_CODE: Record<EdgeKind, number> = { payment: 0, holds: 1, shipment: 2, route: 3, goods: 4 };

export function inRange(date: number, range: { from?: number; to?: number } | undefined): boolean {
  if (!range) return true;
  if (range.from !== undefined && date < range.from) return false;
  if (range.to !== undefined && date > range.to) return false;
  return true;
}
