import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, chartReducer, HISTORY_LIMIT, initialModel, initialStore, type ChartAction, type ChartStore } from '../../../renderer/features/graph/chartState';

const run = (actions: ChartAction[], start: ChartStore = initialStore()) => actions.reduce(chartReducer, start);
const ids = (set: ReadonlySet<string> | null) => (set ? [...set].sort() : null);
const path = { key: 'p1', label: 'A → B', nodeIds: ['A', 'M', 'B'], edgeIds: ['A→M', 'M→B'] };

describe('chart reducer transitions', () => {
  it('setKind starts the working set, picks, hidden nodes, highlight and selection afresh, and is undoable', () => {
    const before = run([{ type: 'focus', ids: ['A'] }, { type: 'hide', ids: ['B'] }, { type: 'select', selection: { type: 'node', id: 'A' } }, { type: 'setPathResults', results: [path] }]);
    const after = chartReducer(before, { type: 'setKind', kind: 'parties' });
    expect(after.present.kind).toBe('parties');
    expect(after.present.shown).toBeNull();
    expect(after.present.hidden.size).toBe(0);
    expect(after.selection).toBeNull();
    expect(after.pathResults).toBeNull();
    const undone = chartReducer(after, { type: 'undo' });
    expect(undone.present.kind).toBe('accounts');
    expect(ids(undone.present.shown)).toEqual(['A']);
    // The same view again is no change and no undo step.
    expect(chartReducer(after, { type: 'setKind', kind: 'parties' })).toBe(after);
  });

  it('setRange, setLayout, setMeasure and setLinkMode change one field each and skip no-ops', () => {
    const store = run([{ type: 'setRange', range: { from: 1, to: 2 } }, { type: 'setLayout', layout: 'grid' }, { type: 'setMeasure', measure: 'pagerank' }, { type: 'setLinkMode', linkMode: 'flow' }]);
    expect(store.present).toMatchObject({ range: { from: 1, to: 2 }, layout: 'grid', measure: 'pagerank', linkMode: 'flow' });
    expect(store.past).toHaveLength(4);
    for (const action of [{ type: 'setRange', range: { from: 1, to: 2 } }, { type: 'setLayout', layout: 'grid' }, { type: 'setMeasure', measure: 'pagerank' }, { type: 'setLinkMode', linkMode: 'flow' }] as ChartAction[]) {
      expect(chartReducer(store, action)).toBe(store);
    }
    expect(chartReducer(store, { type: 'setRange', range: null }).present.range).toBeNull();
  });

  it('selectNodes keeps a group of two or more selected nodes (no undo step), and a chart change that drops the selection drops it too', () => {
    const store = run([{ type: 'selectNodes', ids: ['B', 'A', 'B'] }]);
    expect(store.selectedNodes).toEqual(['A', 'B']);
    expect(store.past).toHaveLength(0);
    expect(chartReducer(store, { type: 'selectNodes', ids: ['A', 'B'] })).toBe(store);
    // One node (a plain tap) is the ordinary selection, not a group.
    expect(chartReducer(store, { type: 'selectNodes', ids: ['A'] }).selectedNodes).toEqual([]);
    expect(chartReducer(store, { type: 'focus', ids: ['C'] }).selectedNodes).toEqual([]);
    expect(chartReducer(store, { type: 'setLinkMode', linkMode: 'flow' }).selectedNodes).toEqual(['A', 'B']);
    expect(chartReducer(store, { type: 'reset' }).selectedNodes).toEqual([]);
  });

  it('setGroupCommunities draws communities as compound groups and back, one undo step, no-op when unchanged', () => {
    const store = run([{ type: 'setGroupCommunities', groups: true }]);
    expect(store.present.groupCommunities).toBe(true);
    expect(store.past).toHaveLength(1);
    expect(chartReducer(store, { type: 'setGroupCommunities', groups: true })).toBe(store);
    expect(chartReducer(store, { type: 'undo' }).present.groupCommunities).toBe(false);
  });

  it('setColourBy switches node fill between kind and community, undoably', () => {
    const store = run([{ type: 'setColourBy', colourBy: 'community' }]);
    expect(store.present.colourBy).toBe('community');
    expect(chartReducer(store, { type: 'setColourBy', colourBy: 'community' })).toBe(store);
    expect(chartReducer(store, { type: 'undo' }).present.colourBy).toBe('kind');
  });

  it('setRules is undoable; loadRules (the stored rules arriving) is not', () => {
    const rule = { id: 'r', name: 'R', target: 'node' as const, field: 'country', operator: 'in' as const, value: 'PA', style: { colour: '#ff0000' }, enabled: true };
    const loaded = run([{ type: 'loadRules', rules: [rule] }]);
    expect(loaded.present.rules).toEqual([rule]);
    expect(loaded.past).toHaveLength(0);
    const cleared = chartReducer(loaded, { type: 'setRules', rules: [] });
    expect(cleared.present.rules).toEqual([]);
    expect(chartReducer(cleared, { type: 'undo' }).present.rules).toEqual([rule]);
    expect(chartReducer(cleared, { type: 'setRules', rules: cleared.present.rules })).toBe(cleared);
  });

  it('setFilter is undoable; previewRange (playback) moves the range without undo steps', () => {
    const filtered = run([{ type: 'setFilter', filter: { channels: ['cash'] } }]);
    expect(filtered.present.filter).toEqual({ channels: ['cash'] });
    expect(chartReducer(filtered, { type: 'undo' }).present.filter).toBeNull();
    const played = run([{ type: 'previewRange', range: { from: 1, to: 2 } }, { type: 'previewRange', range: { from: 2, to: 3 } }], filtered);
    expect(played.present.range).toEqual({ from: 2, to: 3 });
    expect(played.past).toHaveLength(1);
  });

  it('setCollectThreshold and toggleCollection fold and unfold collection nodes, undoably', () => {
    const store = run([{ type: 'setCollectThreshold', threshold: 25 }, { type: 'toggleCollection', id: 'collection:H|account|in' }]);
    expect(store.present.collectThreshold).toBe(25);
    expect(store.present.expandedCollections).toEqual(['collection:H|account|in']);
    expect(chartReducer(store, { type: 'toggleCollection', id: 'collection:H|account|in' }).present.expandedCollections).toEqual([]);
    expect(chartReducer(store, { type: 'setCollectThreshold', threshold: 25 })).toBe(store);
    expect(chartReducer(store, { type: 'undo' }).present.expandedCollections).toEqual([]);
  });

  it('addNodes picks while showing everything, grows the working set otherwise, and unhides what it adds', () => {
    const picked = run([{ type: 'addNodes', ids: ['A'] }]);
    expect(picked.present.shown).toBeNull();
    expect(ids(picked.present.picked)).toEqual(['A']);
    const working = run([{ type: 'focus', ids: ['A'] }, { type: 'hide', ids: ['B'] }, { type: 'addNodes', ids: ['B', 'C'] }]);
    expect(ids(working.present.shown)).toEqual(['A', 'B', 'C']);
    expect(working.present.hidden.size).toBe(0);
    expect(chartReducer(working, { type: 'addNodes', ids: ['A'] })).toBe(working);
  });

  it('expand turns the drawn chart into the working set plus the neighbours; undo takes the neighbours away', () => {
    const expanded = run([{ type: 'expand', ids: ['N1', 'N2'], drawnIds: ['A', 'B'] }]);
    expect(ids(expanded.present.shown)).toEqual(['A', 'B', 'N1', 'N2']);
    const again = chartReducer(expanded, { type: 'expand', ids: ['N3'], drawnIds: ['ignored'] });
    expect(ids(again.present.shown)).toEqual(['A', 'B', 'N1', 'N2', 'N3']);
    const undone = chartReducer(again, { type: 'undo' });
    expect(ids(undone.present.shown)).toEqual(['A', 'B', 'N1', 'N2']);
    expect(canRedo(undone)).toBe(true);
    expect(ids(chartReducer(undone, { type: 'redo' }).present.shown)).toEqual(['A', 'B', 'N1', 'N2', 'N3']);
  });

  it('focus replaces the working set with a highlight and drops the selection', () => {
    const store = run([{ type: 'select', selection: { type: 'node', id: 'X' } }, { type: 'focus', ids: ['A', 'B'], highlight: path }]);
    expect(ids(store.present.shown)).toEqual(['A', 'B']);
    expect(store.present.highlight).toBe(path);
    expect(store.selection).toBeNull();
  });

  it('hide drops a hidden selection; unhideAll brings everything back', () => {
    const store = run([{ type: 'select', selection: { type: 'node', id: 'A' } }, { type: 'hide', ids: ['A'] }]);
    expect(ids(store.present.hidden)).toEqual(['A']);
    expect(store.selection).toBeNull();
    const other = run([{ type: 'select', selection: { type: 'node', id: 'B' } }, { type: 'hide', ids: ['A'] }]);
    expect(other.selection).toEqual({ type: 'node', id: 'B' });
    expect(chartReducer(store, { type: 'unhideAll' }).present.hidden.size).toBe(0);
    expect(chartReducer(initialStore(), { type: 'unhideAll' })).toEqual(initialStore());
  });

  it('togglePin pins and unpins', () => {
    const pinned = run([{ type: 'togglePin', id: 'A' }]);
    expect(pinned.present.pinned.has('A')).toBe(true);
    expect(chartReducer(pinned, { type: 'togglePin', id: 'A' }).present.pinned.has('A')).toBe(false);
  });

  it('toggleUnfold adds the party\'s accounts to a working set and folds them back', () => {
    const unfolded = run([{ type: 'focus', ids: ['party:1'] }, { type: 'toggleUnfold', id: 'party:1', accounts: ['ACC1', 'ACC2'] }]);
    expect(unfolded.present.unfolded).toEqual(['party:1']);
    expect(ids(unfolded.present.shown)).toEqual(['ACC1', 'ACC2', 'party:1']);
    expect(chartReducer(unfolded, { type: 'toggleUnfold', id: 'party:1', accounts: [] }).present.unfolded).toEqual([]);
  });

  it('clear empties the chart and its highlight; showAll goes back to every node', () => {
    const cleared = run([{ type: 'showPath', path }, { type: 'clear' }]);
    expect(cleared.present.shown?.size).toBe(0);
    expect(cleared.present.highlight).toBeNull();
    expect(chartReducer(cleared, { type: 'clear' })).toBe(cleared);
    expect(chartReducer(cleared, { type: 'showAll' }).present.shown).toBeNull();
    expect(chartReducer(initialStore(), { type: 'showAll' })).toEqual(initialStore());
  });

  it('showPath adds the path\'s nodes and highlights it; setHighlight only highlights', () => {
    const shown = run([{ type: 'focus', ids: ['A'] }, { type: 'showPath', path }]);
    expect(ids(shown.present.shown)).toEqual(['A', 'B', 'M']);
    expect(shown.present.highlight?.key).toBe('p1');
    expect(chartReducer(shown, { type: 'showPath', path })).toBe(shown);
    const lit = chartReducer(initialStore(), { type: 'setHighlight', highlight: path });
    expect(lit.present.highlight).toBe(path);
    expect(lit.present.picked.size).toBe(0);
    expect(chartReducer(lit, { type: 'setHighlight', highlight: null }).present.highlight).toBeNull();
  });

  it('open replaces the whole model and clears path results; reset clears history too', () => {
    const opened = run([{ type: 'setPathResults', results: [path] }, { type: 'open', model: { ...initialModel(), kind: 'trade', shown: new Set(['X']) } }]);
    expect(opened.present.kind).toBe('trade');
    expect(opened.pathResults).toBeNull();
    expect(canUndo(opened)).toBe(true);
    const reset = chartReducer(opened, { type: 'reset' });
    expect(reset).toEqual(initialStore());
  });

  it('select, setPathResults and relayout never go on the undo stack', () => {
    const store = run([{ type: 'select', selection: { type: 'edge', id: 'A→B' } }, { type: 'setPathResults', results: [] }, { type: 'relayout' }]);
    expect(store.past).toHaveLength(0);
    expect(store.layoutEpoch).toBe(1);
    expect(store.selection).toEqual({ type: 'edge', id: 'A→B' });
    expect(store.pathResults).toEqual([]);
    expect(chartReducer(store, { type: 'select', selection: { type: 'edge', id: 'A→B' } })).toBe(store);
  });

  it('undo and redo walk the history both ways; a new change drops the redo branch; nothing to undo is a no-op', () => {
    const store = run([{ type: 'setLayout', layout: 'grid' }, { type: 'setLayout', layout: 'concentric' }, { type: 'undo' }]);
    expect(store.present.layout).toBe('grid');
    expect(canRedo(store)).toBe(true);
    const branched = chartReducer(store, { type: 'setMeasure', measure: 'betweenness' });
    expect(canRedo(branched)).toBe(false);
    const fresh = initialStore();
    expect(chartReducer(fresh, { type: 'undo' })).toBe(fresh);
    expect(chartReducer(fresh, { type: 'redo' })).toBe(fresh);
  });

  it('undo drops a selection whose node left the chart or whose view changed', () => {
    const store = run([{ type: 'focus', ids: ['A'] }, { type: 'addNodes', ids: ['B'] }, { type: 'select', selection: { type: 'node', id: 'B' } }, { type: 'undo' }]);
    expect(store.selection).toBeNull();
    const kept = run([{ type: 'focus', ids: ['A'] }, { type: 'select', selection: { type: 'node', id: 'A' } }, { type: 'addNodes', ids: ['B'] }, { type: 'undo' }]);
    expect(kept.selection).toEqual({ type: 'node', id: 'A' });
    const viewChange = run([{ type: 'setKind', kind: 'trade' }, { type: 'select', selection: { type: 'node', id: 'T' } }, { type: 'undo' }]);
    expect(viewChange.selection).toBeNull();
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let store = initialStore();
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) store = chartReducer(store, { type: 'togglePin', id: `N${i}` });
    expect(store.past).toHaveLength(HISTORY_LIMIT);
  });
});
