import type { CaseDataset, Shipment, Transaction } from '../model';
import { Aggregator, emptyNode, inRange } from './aggregate';
import { rememberTimeIndexInput } from './timeIndex';
import { isCompanyName, nameKey } from '../resolve/names';
import { runToEnd, SLICE } from './build';
import { usdConverter } from './fx';
import type { BuildOptions, Graph, GraphNode } from './types';

export interface TradeGraphOptions extends BuildOptions {
  /** How far before or after a shipment's date a payment to its exporter still counts as paying for it. */
  paymentWindowDays?: number;
}

const DAY = 86_400_000;

interface Trader {
  nodeId: string;
  name: string;
  partyId?: string;
}

function traderKey(name: string, partyId: string | undefined): string {
  return partyId ? `org:${partyId}` : `org:name:${nameKey(name)}`;
}

/**
 * The trade view: exporters and importers joined by the goods they declare,
 * the ports or countries the goods leave from and arrive at, the HS chapters
 * traded, and the payments that match each shipment (money to the exporter
 * around the shipment's date). A payment by someone other than the importer is
 * marked `thirdParty`: the Black Market Peso Exchange's tell-tale.
 */
export function buildTradeGraph(dataset: CaseDataset, options: TradeGraphOptions = {}): Graph {
  return runToEnd(tradeGraphSteps(dataset, options));
}

export function* tradeGraphSteps(dataset: CaseDataset, options: TradeGraphOptions = {}): Generator<number, Graph, void> {
  const converter = usdConverter(options.fxPerUsd);
  const windowMs = (options.paymentWindowDays ?? 120) * DAY;
  const partyById = new Map(dataset.parties.map((party) => [party.id, party]));
  const accountById = new Map(dataset.accounts.map((account) => [account.id, account]));
  const traders = new Map<string, Trader>();
  const places = new Map<string, { label: string; kind: 'port' | 'country'; country: string }>();
  const goodsLabels = new Map<string, string>();

  const describe = (id: string): GraphNode => {
    const trader = traders.get(id);
    if (trader) {
      const party = trader.partyId ? partyById.get(trader.partyId) : undefined;
      const node = emptyNode(id, party?.kind ?? (isCompanyName(trader.name) || !trader.partyId ? 'company' : 'person'), trader.name);
      if (trader.partyId) {
        node.holderId = trader.partyId;
        node.parties = [trader.partyId];
      }
      if (party?.nationality) node.country = party.nationality;
      return node;
    }
    const place = places.get(id);
    if (place) {
      const node = emptyNode(id, place.kind, place.label);
      node.country = place.country;
      return node;
    }
    if (id.startsWith('hs:')) return emptyNode(id, 'goods', goodsLabels.get(id) ?? `HS ${id.slice(3)}`);
    return emptyNode(id, 'account', id);
  };
  const aggregator = new Aggregator(converter, describe);

  const traderNode = (name: string, partyId: string | undefined): string => {
    const id = traderKey(name, partyId);
    if (!traders.has(id)) traders.set(id, { nodeId: id, name, partyId });
    return id;
  };
  const placeNode = (country: string, port: string | undefined): string => {
    const id = port ? `port:${country}:${nameKey(port)}` : `country:${country}`;
    if (!places.has(id)) places.set(id, port ? { label: `${port} (${country})`, kind: 'port', country } : { label: country, kind: 'country', country });
    return id;
  };

  const shipments = dataset.shipments.filter((shipment) => inRange(shipment.date, options.range));
  // Exporters indexed by party id and by normalised name, to find the shipments a payment could settle.
  const shipmentsByPayee = new Map<string, Shipment[]>();
  const index = (key: string, shipment: Shipment) => {
    const list = shipmentsByPayee.get(key);
    if (list) list.push(shipment);
    else shipmentsByPayee.set(key, [shipment]);
  };

  for (const shipment of shipments) {
    const exporter = traderNode(shipment.exporter, shipment.exporterId);
    const importer = traderNode(shipment.importer, shipment.importerId);
    const chapter = `hs:${shipment.hsCode.slice(0, 2)}`;
    if (!goodsLabels.has(chapter)) goodsLabels.set(chapter, shipment.goods ? `HS ${shipment.hsCode.slice(0, 2)} · ${shipment.goods}` : `HS ${shipment.hsCode.slice(0, 2)}`);
    const origin = placeNode(shipment.originCountry, shipment.originPort);
    const destination = placeNode(shipment.destinationCountry, shipment.destinationPort);
    const value = { amount: shipment.declaredValue, currency: shipment.currency, date: shipment.date, shipmentId: shipment.id };
    aggregator.add(exporter, importer, 'shipment', { ...value, money: true });
    aggregator.add(exporter, origin, 'route', { ...value, money: false });
    aggregator.add(origin, destination, 'route', { ...value, money: false });
    aggregator.add(destination, importer, 'route', { ...value, money: false });
    aggregator.add(exporter, chapter, 'goods', { ...value, money: false });
    aggregator.add(chapter, importer, 'goods', { ...value, money: false });
    for (const id of [exporter, importer, origin, destination, chapter]) aggregator.node(id).shipments.push(shipment.id);
    if (shipment.exporterId) index(`id:${shipment.exporterId}`, shipment);
    index(`name:${nameKey(shipment.exporter)}`, shipment);
  }

  const total = dataset.transactions.length;
  let done = 0;
  yield 0;
  for (const tx of dataset.transactions) {
    if (++done % SLICE === 0) yield done / total;
    if (!inRange(tx.timestamp, options.range)) continue;
    const matched = matchingShipments(tx, shipmentsByPayee, accountById, windowMs);
    if (matched.length === 0) continue;
    const first = matched[0] as Shipment;
    const exporter = traderKey(first.exporter, first.exporterId);
    const payer = payerOf(tx, accountById);
    const paidByImporter = matched.some((shipment) => sameParty(payer, shipment.importer, shipment.importerId));
    const payerNode = paidByImporter
      ? traderKey(first.importer, first.importerId)
      : payer.name || payer.partyId
        ? traderNode(payer.name ?? payer.partyId ?? tx.fromAccount, payer.partyId)
        : tx.fromAccount;
    const edge = aggregator.add(payerNode, exporter, 'payment', {
      amount: tx.amount,
      currency: tx.currency,
      date: tx.timestamp,
      transactionId: tx.id,
      money: true,
    });
    for (const shipment of matched) if (!edge.shipmentIds.includes(shipment.id)) edge.shipmentIds.push(shipment.id);
    if (!paidByImporter) edge.thirdParty = true;
    const payerGraphNode = aggregator.node(payerNode);
    if (!payerGraphNode.accounts.includes(tx.fromAccount)) payerGraphNode.accounts.push(tx.fromAccount);
    const exporterNode = aggregator.node(exporter);
    if (!exporterNode.accounts.includes(tx.toAccount)) exporterNode.accounts.push(tx.toAccount);
  }

  const { nodes, edges } = aggregator.finish();
  return rememberTimeIndexInput({ view: 'trade', nodes, edges, unconvertedCurrencies: converter.unconverted() }, aggregator.timeIndexInput());
}

interface PartyHint {
  partyId?: string;
  name?: string;
}

function payerOf(tx: Transaction, accountById: Map<string, { holderId?: string; holderName?: string }>): PartyHint {
  const account = accountById.get(tx.fromAccount);
  return { partyId: tx.fromPartyId ?? account?.holderId, name: tx.fromPartyName ?? account?.holderName };
}

function sameParty(hint: PartyHint, name: string, partyId: string | undefined): boolean {
  if (hint.partyId && partyId) return hint.partyId === partyId;
  return hint.name !== undefined && nameKey(hint.name) === nameKey(name);
}

function matchingShipments(
  tx: Transaction,
  shipmentsByPayee: Map<string, Shipment[]>,
  accountById: Map<string, { holderId?: string; holderName?: string }>,
  windowMs: number,
): Shipment[] {
  const account = accountById.get(tx.toAccount);
  const payeeId = tx.toPartyId ?? account?.holderId;
  const payeeName = tx.toPartyName ?? account?.holderName;
  const candidates = new Set<Shipment>();
  if (payeeId) for (const shipment of shipmentsByPayee.get(`id:${payeeId}`) ?? []) candidates.add(shipment);
  if (payeeName) for (const shipment of shipmentsByPayee.get(`name:${nameKey(payeeName)}`) ?? []) candidates.add(shipment);
  const matched: Shipment[] = [];
  for (const shipment of candidates) {
    if (Math.abs(tx.timestamp - shipment.date) <= windowMs) matched.push(shipment);
  }
  matched.sort((a, b) => Math.abs(tx.timestamp - a.date) - Math.abs(tx.timestamp - b.date));
  return matched;
}
