/**
 * The chart's data model, independent of any drawing library: the engine
 * builds these from a case, the canvas draws them, the PDF annex lists them.
 */

export type GraphView = 'accounts' | 'parties' | 'trade';

export type NodeKind = 'account' | 'person' | 'company' | 'bank' | 'port' | 'country' | 'goods';

export type EdgeKind =
  /** Money between two accounts or parties, aggregated per ordered pair. */
  | 'payment'
  /** A party holding an account (shown when a party is unfolded). */
  | 'holds'
  /** Goods declared from an exporter to an importer, aggregated per ordered pair. */
  | 'shipment'
  /** An exporter shipping from a port or country, or a port/country delivering to an importer. */
  | 'route'
  /** A trader dealing in goods of an HS chapter. */
  | 'goods';

export type AmountByCurrency = Record<string, number>;

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  holderName?: string;
  holderId?: string;
  bank?: string;
  country?: string;
  /** Money received and sent, per currency, over the drawn transactions. */
  inByCurrency: AmountByCurrency;
  outByCurrency: AmountByCurrency;
  /** In + out, converted to USD with the unit's rates: only for sizing, never shown as a figure. */
  volumeUsd: number;
  inDegree: number;
  outDegree: number;
  degree: number;
  transactionCount: number;
  /** Accounts this node stands for (itself for an account node, the folded accounts for a party). */
  accounts: string[];
  /** Parties this node stands for (the holder of an account, the party itself). */
  parties: string[];
  /** Shipments this node takes part in (trade view). */
  shipments: string[];
  /** Set on a party node whose accounts are drawn separately. */
  unfolded?: boolean;
  /** Set on a node that came from a partner unit's package. */
  partner?: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  count: number;
  totals: AmountByCurrency;
  /** Sum of the amounts in USD, for the line width. */
  weightUsd: number;
  firstDate: number;
  lastDate: number;
  transactionIds: string[];
  shipmentIds: string[];
  /** A payment to an exporter by someone other than the importer of the matching shipment. */
  thirdParty?: boolean;
  partner?: boolean;
  /** Set when the line stands for both directions of a pair (link summarisation, issue 15). */
  summary?: LinkSummary;
}

export interface Graph {
  view: GraphView;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Currencies met that had no rate: their amounts count at face value in the widths. */
  unconvertedCurrencies: string[];
}

export interface DateRange {
  from?: number;
  to?: number;
}

export interface BuildOptions {
  /** Units of each currency per 1 USD (the unit profile's `fxPerUsd`); fills gaps in the defaults. */
  fxPerUsd?: Record<string, number>;
  /** Only transactions (and shipments) dated inside this range, both ends included. */
  range?: DateRange;
}

/**
 * How money between a pair of nodes is drawn (issue 15):
 * - `single`: one line per pair, both directions added together;
 * - `direction`: one line per direction (how the engine builds the graph);
 * - `transactions`: one line per transaction;
 * - `flow`: one arrow in the net direction, width by the net amount, labelled with the totals each way and the count.
 */
export type LinkMode = 'single' | 'direction' | 'transactions' | 'flow';

/** What a summarised line says about the money both ways, per currency (`flow` and `single` modes). */
export interface LinkSummary {
  mode: LinkMode;
  /** Totals from `source` to `target` and back, per currency. */
  forward: AmountByCurrency;
  backward: AmountByCurrency;
  forwardCount: number;
  backwardCount: number;
  /** forward − backward per currency; in `flow` mode the arrow points where the net (in USD) goes. */
  net: AmountByCurrency;
  netUsd: number;
  /** The engine's per-direction edges this line stands for, so paths and evidence found on the case graph still light up. */
  memberIds: string[];
}
