/**
 * The chart's state in one place (issue 15): the working set, selection,
 * filters and display choices, changed only through pure transitions so every
 * change can be undone and each one is tested in Node. Node positions are not
 * here: they change on every drag and live with the canvas.
 */
import type { CentralityMeasure, DateRange, GraphView as ChartKind, LinkMode, StyleRule, TransactionFilter } from '../../../shared/graph';
import type { CanvasSelection, LayoutName } from '../../graph-canvas';

/** A path, a connecting network or a ranking drawn emphasised on the chart. */
export interface ChartHighlight {
  key: string;
  label: string;
  nodeIds: string[];
  edgeIds: string[];
}

/** What an undo takes back: everything the analyst sees on the chart except where nodes stand. */
export interface ChartModel {
  kind: ChartKind;
  range: DateRange | null;
  /** Amount bands, channels and hour × weekday cells picked in the time views; null: every transaction. */
  filter: TransactionFilter | null;
  /** Party nodes whose accounts are drawn one by one. */
  unfolded: readonly string[];
  layout: LayoutName;
  measure: CentralityMeasure;
  linkMode: LinkMode;
  /** Node fill: by kind (the default) or by the community found. */
  colourBy: 'kind' | 'community';
  /** Communities drawn as compound groups (a box around each community's members). */
  groupCommunities: boolean;
  /** Same-kind leaf counterparts of one node fold into a collection node from this many on (0: never). */
  collectThreshold: number;
  /** Collection nodes the analyst unfolded. */
  expandedCollections: readonly string[];
  /** Styling rules in force, in order (later rules win per property). */
  rules: readonly StyleRule[];
  /** null: every node of the view (folded when too many); otherwise the analyst's working set. */
  shown: ReadonlySet<string> | null;
  /** Nodes added while showing everything, kept even when the view folds. */
  picked: ReadonlySet<string>;
  hidden: ReadonlySet<string>;
  pinned: ReadonlySet<string>;
  highlight: ChartHighlight | null;
}

export interface ChartStore {
  present: ChartModel;
  past: readonly ChartModel[];
  future: readonly ChartModel[];
  /** Not undone: clicking around is not a change to the chart. */
  selection: CanvasSelection;
  /** Nodes selected together (shift-drag a box on the chart); empty unless two or more are. */
  selectedNodes: readonly string[];
  pathResults: ChartHighlight[] | null;
  /** Bumped to lay the whole chart out again. */
  layoutEpoch: number;
}

/** Steps kept for undo; each is a few sets of ids, so this is small even on large charts. */
export const HISTORY_LIMIT = 200;

export function initialModel(): ChartModel {
  return {
    kind: 'accounts',
    range: null,
    filter: null,
    unfolded: [],
    layout: 'force',
    measure: 'volume',
    linkMode: 'direction',
    colourBy: 'kind',
    groupCommunities: false,
    collectThreshold: 0,
    expandedCollections: [],
    rules: [],
    shown: null,
    picked: new Set(),
    hidden: new Set(),
    pinned: new Set(),
    highlight: null,
  };
}

export function initialStore(model: ChartModel = initialModel()): ChartStore {
  return { present: model, past: [], future: [], selection: null, selectedNodes: [], pathResults: null, layoutEpoch: 0 };
}

export type ChartAction =
  | { type: 'reset' }
  | { type: 'setKind'; kind: ChartKind }
  | { type: 'setRange'; range: DateRange | null }
  /** Playback moving the window: shown, but not one undo step per frame. */
  | { type: 'previewRange'; range: DateRange | null }
  | { type: 'setFilter'; filter: TransactionFilter | null }
  | { type: 'setLayout'; layout: LayoutName }
  | { type: 'setMeasure'; measure: CentralityMeasure }
  | { type: 'setLinkMode'; linkMode: LinkMode }
  | { type: 'setColourBy'; colourBy: ChartModel['colourBy'] }
  | { type: 'setGroupCommunities'; groups: boolean }
  | { type: 'setRules'; rules: readonly StyleRule[] }
  | { type: 'setCollectThreshold'; threshold: number }
  | { type: 'toggleCollection'; id: string }
  /** The case's stored rules arriving after it opens: not a change the analyst made, so not undoable. */
  | { type: 'loadRules'; rules: readonly StyleRule[] }
  /** Search, paths: put nodes on the chart without turning "show all" into a working set. */
  | { type: 'addNodes'; ids: readonly string[] }
  /** Expand: the drawn chart becomes the working set, plus the new neighbours. */
  | { type: 'expand'; ids: readonly string[]; drawnIds: readonly string[] }
  /** An alert or a tool's result on a fresh working set. */
  | { type: 'focus'; ids: readonly string[]; highlight?: ChartHighlight | null }
  | { type: 'hide'; ids: readonly string[] }
  | { type: 'unhideAll' }
  | { type: 'togglePin'; id: string }
  | { type: 'toggleUnfold'; id: string; accounts: readonly string[] }
  | { type: 'clear' }
  | { type: 'showAll' }
  | { type: 'showPath'; path: ChartHighlight }
  | { type: 'setHighlight'; highlight: ChartHighlight | null }
  | { type: 'open'; model: ChartModel }
  | { type: 'select'; selection: CanvasSelection }
  /** The canvas's selected nodes after a box selection or a tap (one or none clears the group). */
  | { type: 'selectNodes'; ids: readonly string[] }
  | { type: 'setPathResults'; results: ChartHighlight[] | null }
  | { type: 'relayout' }
  | { type: 'undo' }
  | { type: 'redo' };

function union(set: ReadonlySet<string>, ids: readonly string[]): ReadonlySet<string> {
  if (ids.every((id) => set.has(id))) return set;
  return new Set([...set, ...ids]);
}

function without(set: ReadonlySet<string>, ids: readonly string[]): ReadonlySet<string> {
  if (!ids.some((id) => set.has(id))) return set;
  const next = new Set(set);
  for (const id of ids) next.delete(id);
  return next;
}

function addTo(model: ChartModel, ids: readonly string[]): ChartModel {
  const hidden = without(model.hidden, ids);
  if (model.shown) {
    const shown = union(model.shown, ids);
    return shown === model.shown && hidden === model.hidden ? model : { ...model, shown, hidden };
  }
  const picked = union(model.picked, ids);
  return picked === model.picked && hidden === model.hidden ? model : { ...model, picked, hidden };
}

/** The model after one change; the same object back means nothing changed (and nothing goes on the undo stack). */
export function transformModel(model: ChartModel, action: ChartAction): ChartModel {
  switch (action.type) {
    case 'setKind':
      if (action.kind === model.kind) return model;
      // Ids differ between views: the working set, picks, hidden nodes and highlights start afresh.
      return { ...model, kind: action.kind, shown: null, picked: new Set(), hidden: new Set(), highlight: null };
    case 'setRange':
      return model.range?.from === action.range?.from && model.range?.to === action.range?.to && (model.range === null) === (action.range === null) ? model : { ...model, range: action.range };
    case 'setFilter':
      return action.filter === model.filter ? model : { ...model, filter: action.filter };
    case 'setLayout':
      return action.layout === model.layout ? model : { ...model, layout: action.layout };
    case 'setMeasure':
      return action.measure === model.measure ? model : { ...model, measure: action.measure };
    case 'setLinkMode':
      return action.linkMode === model.linkMode ? model : { ...model, linkMode: action.linkMode };
    case 'setColourBy':
      return action.colourBy === model.colourBy ? model : { ...model, colourBy: action.colourBy };
    case 'setGroupCommunities':
      return action.groups === model.groupCommunities ? model : { ...model, groupCommunities: action.groups };
    case 'setCollectThreshold':
      return action.threshold === model.collectThreshold ? model : { ...model, collectThreshold: action.threshold };
    case 'toggleCollection':
      return { ...model, expandedCollections: model.expandedCollections.includes(action.id) ? model.expandedCollections.filter((id) => id !== action.id) : [...model.expandedCollections, action.id] };
    case 'setRules':
      return action.rules === model.rules ? model : { ...model, rules: action.rules };
    case 'addNodes':
      return addTo(model, action.ids);
    case 'expand': {
      const base = model.shown ?? new Set(action.drawnIds);
      const shown = union(base, action.ids);
      const hidden = without(model.hidden, action.ids);
      return shown === model.shown && hidden === model.hidden ? model : { ...model, shown, hidden };
    }
    case 'focus':
      return { ...model, shown: new Set(action.ids), hidden: without(model.hidden, action.ids), highlight: action.highlight ?? null };
    case 'hide': {
      const hidden = union(model.hidden, action.ids);
      return hidden === model.hidden ? model : { ...model, hidden };
    }
    case 'unhideAll':
      return model.hidden.size === 0 ? model : { ...model, hidden: new Set() };
    case 'togglePin': {
      const pinned = new Set(model.pinned);
      if (pinned.has(action.id)) pinned.delete(action.id);
      else pinned.add(action.id);
      return { ...model, pinned };
    }
    case 'toggleUnfold': {
      const isUnfolded = model.unfolded.includes(action.id);
      const unfolded = isUnfolded ? model.unfolded.filter((id) => id !== action.id) : [...model.unfolded, action.id];
      return { ...model, unfolded, shown: model.shown && !isUnfolded ? union(model.shown, action.accounts) : model.shown };
    }
    case 'clear':
      return model.shown?.size === 0 && !model.highlight ? model : { ...model, shown: new Set(), highlight: null };
    case 'showAll':
      return model.shown === null ? model : { ...model, shown: null };
    case 'showPath': {
      const added = addTo(model, action.path.nodeIds);
      return model.highlight?.key === action.path.key && added === model ? model : { ...added, highlight: action.path };
    }
    case 'setHighlight':
      return model.highlight === action.highlight || (model.highlight === null && action.highlight === null) ? model : { ...model, highlight: action.highlight };
    case 'open':
      return action.model;
    default:
      return model;
  }
}

/** The store after one action: chart changes go on the undo stack, selection and results do not. */
export function chartReducer(store: ChartStore, action: ChartAction): ChartStore {
  switch (action.type) {
    case 'reset':
      return initialStore();
    case 'select':
      return store.selection?.id === action.selection?.id && store.selection?.type === action.selection?.type ? store : { ...store, selection: action.selection };
    case 'selectNodes': {
      const ids = action.ids.length >= 2 ? [...new Set(action.ids)].sort() : [];
      return ids.length === store.selectedNodes.length && ids.every((id, at) => id === store.selectedNodes[at]) ? store : { ...store, selectedNodes: ids };
    }
    case 'setPathResults':
      return { ...store, pathResults: action.results };
    case 'relayout':
      return { ...store, layoutEpoch: store.layoutEpoch + 1 };
    case 'previewRange':
      return { ...store, present: { ...store.present, range: action.range } };
    case 'loadRules':
      return { ...store, present: { ...store.present, rules: action.rules } };
    case 'undo': {
      const previous = store.past[store.past.length - 1];
      if (!previous) return store;
      return { ...store, present: previous, past: store.past.slice(0, -1), future: [store.present, ...store.future], selection: keepSelection(store.selection, store.present, previous) };
    }
    case 'redo': {
      const next = store.future[0];
      if (!next) return store;
      return { ...store, present: next, past: [...store.past, store.present].slice(-HISTORY_LIMIT), future: store.future.slice(1), selection: keepSelection(store.selection, store.present, next) };
    }
    default: {
      const present = transformModel(store.present, action);
      if (present === store.present) return store;
      const dropsSelection = action.type === 'setKind' || action.type === 'clear' || action.type === 'open' || action.type === 'focus' || (action.type === 'hide' && store.selection !== null && action.ids.includes(store.selection.id));
      return {
        ...store,
        present,
        past: [...store.past, store.present].slice(-HISTORY_LIMIT),
        future: [],
        selection: dropsSelection ? null : store.selection,
        selectedNodes: dropsSelection ? [] : store.selectedNodes,
        pathResults: action.type === 'setKind' || action.type === 'open' ? null : store.pathResults,
      };
    }
  }
}

/** After an undo the selected node may be gone; a selection on another view's ids never survives a view change. */
function keepSelection(selection: CanvasSelection, from: ChartModel, model: ChartModel): CanvasSelection {
  if (from.kind !== model.kind) return null;
  if (!selection || selection.type !== 'node') return selection;
  if (model.hidden.has(selection.id)) return null;
  if (model.shown && !model.shown.has(selection.id)) return null;
  return selection;
}

export const canUndo = (store: ChartStore): boolean => store.past.length > 0;
export const canRedo = (store: ChartStore): boolean => store.future.length > 0;
