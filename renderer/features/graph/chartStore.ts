import { LINK_MODES, type DateRange, type GraphView, type LinkMode } from '../../../shared/graph';
import type { CaudalDatabase, ChartRow } from '../../db/schema';
import { newId } from '../../db/ids';
import type { LayoutName, Positions } from '../../graph-canvas';

/** What the chart keeps besides node positions (ChartRow.state). */
export interface ChartState {
  range: DateRange | null;
  unfolded: string[];
  layout: LayoutName;
  measure: string;
  /** True when the chart showed every node of the view rather than a hand-picked set. */
  showAll: boolean;
  /** How money between a pair is drawn (issue 15); charts saved before it read as one line per direction. */
  linkMode?: LinkMode;
}

export interface SavedChart {
  row: ChartRow;
  positions: Positions;
  pinned: string[];
  hidden: string[];
  shown: string[];
  state: ChartState;
}

export async function listCharts(db: CaudalDatabase, caseId: string): Promise<ChartRow[]> {
  const rows = await db.charts.where('caseId').equals(caseId).toArray();
  return rows.sort((a, b) => b.updatedAt - a.updatedAt);
}

export async function saveChart(
  db: CaudalDatabase,
  input: { id?: string; caseId: string; name: string; view: GraphView; positions: Positions; pinned: ReadonlySet<string>; hidden: ReadonlySet<string>; state: ChartState },
  now = Date.now(),
): Promise<ChartRow> {
  const existing = input.id ? await db.charts.get(input.id) : undefined;
  const nodes: ChartRow['nodes'] = Object.entries(input.positions).map(([id, { x, y }]) => ({ id, x, y, ...(input.pinned.has(id) ? { pinned: true } : {}) }));
  for (const id of input.hidden) nodes.push({ id, x: 0, y: 0, hidden: true });
  const row: ChartRow = {
    id: existing?.id ?? newId(),
    caseId: input.caseId,
    name: input.name.trim() || 'Chart',
    view: input.view,
    nodes,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
    state: { ...input.state },
  };
  await db.charts.put(row);
  return row;
}

const LAYOUTS: readonly LayoutName[] = ['force', 'concentric', 'layered', 'grid', 'breadthfirst'];

/** Reads a stored chart defensively: it may come from an older version of the app. */
export function readChart(row: ChartRow): SavedChart {
  const positions: Positions = {};
  const pinned: string[] = [];
  const hidden: string[] = [];
  const shown: string[] = [];
  for (const node of row.nodes) {
    if (node.hidden) {
      hidden.push(node.id);
      continue;
    }
    positions[node.id] = { x: node.x, y: node.y };
    shown.push(node.id);
    if (node.pinned) pinned.push(node.id);
  }
  const raw = row.state as Partial<ChartState>;
  const range = raw.range && typeof raw.range === 'object' ? raw.range : null;
  const state: ChartState = {
    range,
    unfolded: Array.isArray(raw.unfolded) ? raw.unfolded.filter((id): id is string => typeof id === 'string') : [],
    layout: LAYOUTS.includes(raw.layout as LayoutName) ? (raw.layout as LayoutName) : 'force',
    measure: typeof raw.measure === 'string' ? raw.measure : 'volume',
    showAll: raw.showAll === true,
    linkMode: LINK_MODES.includes(raw.linkMode as LinkMode) ? (raw.linkMode as LinkMode) : 'direction',
  };
  return { row, positions, pinned, hidden, shown, state };
}
