import type { GraphView as ChartKind } from '../../../shared/graph';
import type { Positions } from '../../graph-canvas';

/**
 * Where the chart's nodes stand, per view. `arrangement` is the analyst's
 * chart: the layout, the nodes they dragged, what a saved chart restores.
 * While communities are drawn as compound groups the canvas shows a packed
 * drawing made from the arrangement (canvasModel.ts packGroups); a node
 * dragged there has a place in that drawing only, kept in `grouped`, so
 * turning the groups off puts every node back where the analyst had it.
 * Held in a ref (moving a node must not redraw), changed only here.
 */
export interface PositionBook {
  arrangement: Record<ChartKind, Positions>;
  grouped: Record<ChartKind, Positions>;
}

export type PositionEvent =
  /** Nodes dragged, or read back from the canvas, in the drawing shown (`grouped`: the packed one). */
  | { type: 'moved'; kind: ChartKind; positions: Positions; grouped: boolean }
  /** A fresh layout or an opened chart: the view's arrangement replaced. */
  | { type: 'arranged'; kind: ChartKind; positions: Positions }
  /** A fresh arrangement is coming (a focus, a network): only the pinned nodes keep their places. */
  | { type: 'keepPinned'; kind: ChartKind; pinned: ReadonlySet<string> }
  /** The groups are off: places in the packed drawing are forgotten. */
  | { type: 'ungrouped'; kind: ChartKind }
  /** A new case or new data. */
  | { type: 'reset' };

const empty = (): Record<ChartKind, Positions> => ({ accounts: {}, parties: {}, trade: {} });

export const emptyPositionBook = (): PositionBook => ({ arrangement: empty(), grouped: empty() });

/** Positions of the pinned nodes only: what survives a fresh arrangement. */
export function pinnedPositions(positions: Positions, pinned: ReadonlySet<string>): Positions {
  return Object.fromEntries([...pinned].flatMap((id) => (positions[id] ? [[id, positions[id]]] : [])));
}

export function positionsReducer(book: PositionBook, event: PositionEvent): PositionBook {
  switch (event.type) {
    case 'moved': {
      const side = event.grouped ? 'grouped' : 'arrangement';
      return { ...book, [side]: { ...book[side], [event.kind]: { ...book[side][event.kind], ...event.positions } } };
    }
    case 'arranged':
      return { arrangement: { ...book.arrangement, [event.kind]: { ...event.positions } }, grouped: { ...book.grouped, [event.kind]: {} } };
    case 'keepPinned':
      return { arrangement: { ...book.arrangement, [event.kind]: pinnedPositions(book.arrangement[event.kind], event.pinned) }, grouped: { ...book.grouped, [event.kind]: {} } };
    case 'ungrouped':
      return Object.keys(book.grouped[event.kind]).length === 0 ? book : { ...book, grouped: { ...book.grouped, [event.kind]: {} } };
    case 'reset':
      return emptyPositionBook();
  }
}

/**
 * The places to draw from: the arrangement, or with groups its packed drawing
 * (`pack`) with the nodes dragged in it where they were left. A pack that
 * could not be made (nodes without a place yet) is the arrangement itself.
 */
export function drawingPositions(book: PositionBook, kind: ChartKind, pack: ((arrangement: Positions) => Positions) | null): Positions {
  const arrangement = book.arrangement[kind];
  if (!pack) return arrangement;
  const packed = pack(arrangement);
  return packed === arrangement ? arrangement : { ...packed, ...book.grouped[kind] };
}

/** Applies an event to the book a view holds in a ref. */
export function recordPositions(book: { current: PositionBook }, event: PositionEvent): void {
  book.current = positionsReducer(book.current, event);
}
