import { describe, expect, it } from 'vitest';
import { packGroups } from '../../../renderer/features/graph/canvasModel';
import { drawingPositions, emptyPositionBook, positionsReducer, type PositionBook, type PositionEvent } from '../../../renderer/features/graph/chartPositions';

const ids = ['A', 'B', 'C', 'D', 'E', 'F'];
/** Two communities of three, laid out in a line far from how packGroups draws them. */
const arrangement = Object.fromEntries(ids.map((id, i) => [id, { x: i * 1000, y: i * 500 }]));
const community = (id: string) => (['A', 'B', 'C'].includes(id) ? '1' : '2');
const pack = (places: typeof arrangement) => packGroups(ids, places, community);
const run = (events: PositionEvent[], book: PositionBook = emptyPositionBook()) => events.reduce(positionsReducer, book);

describe('chart positions with community groups', () => {
  const laidOut = run([{ type: 'arranged', kind: 'accounts', positions: arrangement }]);

  it('keeps a node dragged in the grouped drawing out of the arrangement: with the groups off every node is back where the analyst had it', () => {
    const packed = drawingPositions(laidOut, 'accounts', pack);
    expect(packed).not.toEqual(arrangement);
    // The analyst drags A and, as the canvas reports, the packed places of the group it was grabbed with.
    const dragged = { A: { x: -7, y: -9 }, B: packed.B as { x: number; y: number } };
    const after = run([{ type: 'moved', kind: 'accounts', positions: dragged, grouped: true }], laidOut);
    expect(after.arrangement.accounts).toEqual(arrangement);
    // While grouped, a redraw keeps the drag.
    expect(drawingPositions(after, 'accounts', pack).A).toEqual({ x: -7, y: -9 });
    expect(drawingPositions(after, 'accounts', pack).C).toEqual(packed.C);
    // Groups off: the arrangement, untouched; the packed drags are forgotten.
    const ungrouped = run([{ type: 'ungrouped', kind: 'accounts' }], after);
    expect(drawingPositions(ungrouped, 'accounts', null)).toEqual(arrangement);
    expect(drawingPositions(ungrouped, 'accounts', pack)).toEqual(packed);
  });

  it('moves the arrangement when no groups are drawn, in that view only', () => {
    const after = run([{ type: 'moved', kind: 'accounts', positions: { A: { x: 1, y: 2 } }, grouped: false }], laidOut);
    expect(after.arrangement.accounts.A).toEqual({ x: 1, y: 2 });
    expect(after.arrangement.accounts.B).toEqual(arrangement.B);
    expect(after.arrangement.parties).toEqual({});
    // The book before is unchanged (pure transition).
    expect(laidOut.arrangement.accounts.A).toEqual(arrangement.A);
  });

  it('reading the canvas back while grouped (before a focus or a view change) leaves the arrangement alone', () => {
    const packed = drawingPositions(laidOut, 'accounts', pack);
    const after = run([{ type: 'moved', kind: 'accounts', positions: packed, grouped: true }], laidOut);
    expect(after.arrangement.accounts).toEqual(arrangement);
  });

  it('a new layout or an opened chart replaces the arrangement and drops the packed drags; a fresh arrangement keeps only the pinned; reset empties all', () => {
    const dragged = run([{ type: 'moved', kind: 'accounts', positions: { A: { x: -7, y: -9 } }, grouped: true }], laidOut);
    const relaid = run([{ type: 'arranged', kind: 'accounts', positions: { A: { x: 5, y: 5 } } }], dragged);
    expect(relaid.arrangement.accounts).toEqual({ A: { x: 5, y: 5 } });
    expect(relaid.grouped.accounts).toEqual({});
    const pinned = run([{ type: 'keepPinned', kind: 'accounts', pinned: new Set(['B', 'Z']) }], dragged);
    expect(pinned.arrangement.accounts).toEqual({ B: arrangement.B });
    expect(pinned.grouped.accounts).toEqual({});
    expect(run([{ type: 'reset' }], dragged)).toEqual(emptyPositionBook());
  });

  it('draws from the arrangement itself when the groups cannot be packed yet (nodes without a place), so the places found for them are the arrangement\'s', () => {
    const partial = run([{ type: 'arranged', kind: 'accounts', positions: { A: { x: 0, y: 0 } } }]);
    expect(drawingPositions(partial, 'accounts', pack)).toBe(partial.arrangement.accounts);
  });
});
