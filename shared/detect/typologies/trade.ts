import { z } from 'zod';
import type { Alert, Shipment, Transaction } from '../../model';
import { formatAmount, formatDate } from '../../i18n';
import { bilingual, buildAlert, countText, formatSpan, formatTotals, totalsOf, type CountedNoun } from '../alerts';
import { DAY_MS, indexCase, toUsd, type CaseIndex } from '../indexing';
import { foldName } from '../../resolve/names';
import { multiplicityPiece, scoredAlert } from '../relative/scored';
import { log10NormalTwoSided, type EvidencePiece } from '../relative/surprise';
import { makeCheckpoint } from '../runtime';
import type { Typology } from '../types';
import type { UnitProfile } from '../../profiles/schema';

const PRICES: CountedNoun = { es: ['precio', 'precios'], en: ['price', 'prices'] };
const SHIPMENTS: CountedNoun = { es: ['envío', 'envíos'], en: ['shipment', 'shipments'] };

/**
 * Trade parties are matched to payments by identifier when both sides carry
 * one, else by normalised name ("Café Ñandú S.A.S." = "CAFE NANDU"), because
 * customs and bank records rarely share a key.
 */
class TradeParties {
  private readonly byId = new Map<string, number>();
  private readonly byName = new Map<string, number>();
  readonly labels: string[] = [];
  private readonly hasId: boolean[] = [];

  private readonly normalised = new Map<string, string>();

  /** Names repeat on thousands of transactions: normalise each distinct spelling once. */
  private normalise(name: string): string {
    let value = this.normalised.get(name);
    if (value === undefined) {
      value = foldName(name);
      this.normalised.set(name, value);
    }
    return value;
  }

  key(id: string | undefined, name: string | undefined, create: boolean): number {
    const idKey = id ? id.toUpperCase().replace(/[^A-Z0-9]/g, '') : '';
    const nameKey = name ? this.normalise(name) : '';
    let known = idKey ? this.byId.get(idKey) : undefined;
    if (known === undefined && nameKey) {
      const byName = this.byName.get(nameKey);
      // Two identifiers behind one name ("Pacific Trading LLC" and "Pacific Trading Corp.") are two companies.
      if (byName !== undefined && !(idKey && this.hasId[byName])) known = byName;
    }
    if (known !== undefined) {
      if (idKey && !this.byId.has(idKey)) {
        this.byId.set(idKey, known);
        this.hasId[known] = true;
      }
      if (nameKey && !this.byName.has(nameKey)) this.byName.set(nameKey, known);
      return known;
    }
    if (!create || (!idKey && !nameKey)) return -1;
    const created = this.labels.length;
    this.labels.push(name ?? id ?? '');
    this.hasId.push(idKey !== '');
    if (idKey) this.byId.set(idKey, created);
    if (nameKey && !this.byName.has(nameKey)) this.byName.set(nameKey, created);
    return created;
  }
}

interface TradeView {
  parties: TradeParties;
  shipments: Shipment[];
  shipmentUsd: number[];
  exporterOf: number[];
  importerOf: number[];
  /** Payments per exporter party: transaction indices in time order. */
  paymentsTo: Map<number, number[]>;
  /** Paying party of each such payment (-1 when unknown). */
  payerOf: Map<number, number>;
  /** Accounts importers pay their real suppliers of goods from. */
  settlementAccounts: Set<number>;
}

const tradeCache = new WeakMap<CaseIndex, { fxKey: string; view: TradeView }>();

function tradeView(index: CaseIndex, profile: UnitProfile): TradeView {
  const fxKey = JSON.stringify(profile.fxPerUsd);
  const hit = tradeCache.get(index);
  if (hit && hit.fxKey === fxKey) return hit.view;
  const parties = new TradeParties();
  const shipments = [...index.data.shipments].sort((a, b) => a.date - b.date || (a.id < b.id ? -1 : 1));
  const exporterOf = shipments.map((s) => parties.key(s.exporterId, s.exporter, true));
  const importerOf = shipments.map((s) => parties.key(s.importerId, s.importer, true));
  const shipmentUsd = shipments.map((s) => toUsd(profile, s.declaredValue, s.currency));
  const exporters = new Set(exporterOf);
  const importers = new Set(importerOf);
  // Trade party of each index party, resolved once (-2: not looked up yet, -1: not a trade party).
  const tradeOf = new Int32Array(index.partyKeys.length).fill(-2);
  const tradeParty = (party: number, create: boolean): number => {
    if (party < 0) return -1;
    let found = tradeOf[party] as number;
    if (found === -2 || (found === -1 && create)) {
      found = parties.key(index.partyRawIds[party], index.partyRawNames[party], create);
      tradeOf[party] = found;
    }
    return found;
  };
  const paymentsTo = new Map<number, number[]>();
  const payerOf = new Map<number, number>();
  const record = (tx: number, payer: number, payee: number) => {
    const list = paymentsTo.get(payee) ?? [];
    list.push(tx);
    paymentsTo.set(payee, list);
    payerOf.set(tx, payer);
  };
  // Accounts an importer settles its imports from (it paid an exporter it really imports from),
  // and payments from importers to parties abroad that never appear in the customs data.
  const supplies = new Set<string>();
  exporterOf.forEach((exporter, s) => supplies.add(`${importerOf[s]}>${exporter}`));
  const settlementAccounts = new Set<number>();
  const abroad: { tx: number; payer: number; payeeParty: number }[] = [];
  const txs = index.data.transactions;
  for (let k = 0; k < index.transactionCount; k++) {
    const i = index.byTime[k] as number;
    if (index.cash[i]) continue;
    const payeeParty = (index.toParty[i] as number) >= 0 ? (index.toParty[i] as number) : (index.accountHolder[index.to[i] as number] as number);
    const payerParty = (index.fromParty[i] as number) >= 0 ? (index.fromParty[i] as number) : (index.accountHolder[index.from[i] as number] as number);
    const payee = tradeParty(payeeParty, false);
    let payer = tradeParty(payerParty, false);
    if (payee >= 0 && exporters.has(payee)) {
      if (payer < 0) payer = tradeParty(payerParty, true);
      if (payer === payee) continue;
      if (supplies.has(`${payer}>${payee}`)) settlementAccounts.add(index.from[i] as number);
      record(i, payer, payee);
    } else if (payer >= 0 && importers.has(payer)) {
      const tx = txs[i] as Transaction;
      if (tx.fromCountry && tx.toCountry && tx.fromCountry !== tx.toCountry) abroad.push({ tx: i, payer, payeeParty });
    }
  }
  for (const { tx, payer, payeeParty } of abroad) {
    if (!settlementAccounts.has(index.from[tx] as number)) continue;
    let payee = tradeParty(payeeParty, true);
    if (payee < 0) payee = parties.key((txs[tx] as Transaction).toAccount, undefined, true);
    if (payee !== payer) record(tx, payer, payee);
  }
  // Keep every exporter's payments in time order for the window searches.
  for (const list of paymentsTo.values()) list.sort((a, b) => (index.time[a] as number) - (index.time[b] as number) || a - b);
  const view = { parties, shipments, shipmentUsd, exporterOf, importerOf, paymentsTo, payerOf, settlementAccounts };
  tradeCache.set(index, { fxKey, view });
  return view;
}

/**
 * Transactions customs data explains: an importer paying an exporter it
 * really imports from. A trading company settling twenty suppliers in a week
 * is doing business, not fanning money out.
 */
export function explainedTradePayments(index: CaseIndex, profile: UnitProfile): Uint8Array {
  const explained = new Uint8Array(index.transactionCount);
  if (index.data.shipments.length === 0) return explained;
  const view = tradeView(index, profile);
  const supplies = new Set<string>();
  view.exporterOf.forEach((exporter, s) => supplies.add(`${view.importerOf[s]}>${exporter}`));
  for (const [exporter, payments] of view.paymentsTo) {
    for (const tx of payments) if (supplies.has(`${view.payerOf.get(tx)}>${exporter}`)) explained[tx] = 1;
  }
  return explained;
}

export const unitValueParams = z.object({
  /** Fewer shipments than this under one HS code: compare with the whole HS chapter instead. */
  minSamples: z.number().int().min(3).default(8),
  /** Robust z-score (median and MAD of log unit values) beyond which a price is abnormal. */
  minRobustZ: z.number().positive().default(3.5),
  /** And the unit value must differ from the median at least this many times (either way). */
  minRatio: z.number().min(1).default(2.5),
});

/** Over- and under-invoicing: a unit value far from the norm for its HS code. */
export const tradeUnitValue: Typology<typeof unitValueParams> = {
  id: 'trade-unit-value',
  names: { es: 'Sobre/subfacturación (valor unitario)', en: 'Over/under-invoicing (unit value)' },
  description: {
    es: 'Envíos cuyo valor unitario declarado se aleja mucho del típico para su partida arancelaria (mediana y desviación absoluta mediana).',
    en: 'Shipments whose declared unit value lies far from the typical one for its HS code (median and median absolute deviation).',
  },
  params: unitValueParams,
  run(data, params, context) {
    const index = indexCase(data, context.profile);
    const view = tradeView(index, context.profile);
    const { shipments, shipmentUsd } = view;
    const logValue = shipments.map((s, i) => Math.log((shipmentUsd[i] as number) / s.quantity));
    const groups = new Map<string, number[]>();
    const chapters = new Map<string, number[]>();
    shipments.forEach((s, i) => {
      if (!((shipmentUsd[i] as number) > 0)) return;
      pushTo(groups, `${s.hsCode.slice(0, 6)}|${s.unit.toLowerCase()}`, i);
      pushTo(chapters, `${s.hsCode.slice(0, 2)}|${s.unit.toLowerCase()}`, i);
    });
    const stats = new Map<string, { median: number; mad: number; count: number }>();
    const statsOf = (key: string, members: number[]) => {
      let found = stats.get(key);
      if (!found) {
        const values = members.map((i) => logValue[i] as number);
        const median = medianOf(values);
        found = { median, mad: medianOf(values.map((v) => Math.abs(v - median))), count: members.length };
        stats.set(key, found);
      }
      return found;
    };
    const anomalies = new Map<string, { shipments: number[]; ratios: number[]; log10p: number }>();
    let compared = 0;
    const checkpoint = makeCheckpoint(context, shipments.length, 4096);
    shipments.forEach((s, i) => {
      checkpoint(i);
      if (!((shipmentUsd[i] as number) > 0)) return;
      const codeKey = `${s.hsCode.slice(0, 6)}|${s.unit.toLowerCase()}`;
      const chapterKey = `${s.hsCode.slice(0, 2)}|${s.unit.toLowerCase()}`;
      const codeMembers = groups.get(codeKey) ?? [];
      const chapterMembers = chapters.get(chapterKey) ?? [];
      const reference = codeMembers.length >= params.minSamples ? statsOf(codeKey, codeMembers) : chapterMembers.length >= params.minSamples ? statsOf(chapterKey, chapterMembers) : undefined;
      if (!reference) return;
      compared++;
      const deviation = (logValue[i] as number) - reference.median;
      // 1.4826 × MAD estimates the standard deviation of a normal sample; floor it so identical prices do not divide by zero.
      const sigma = Math.max(1.4826 * reference.mad, 0.05);
      if (Math.abs(deviation) / sigma < params.minRobustZ || Math.abs(deviation) < Math.log(params.minRatio)) return;
      const pair = `${view.exporterOf[i]}>${view.importerOf[i]}`;
      const entry = anomalies.get(pair) ?? { shipments: [], ratios: [], log10p: 0 };
      entry.shipments.push(i);
      entry.ratios.push(Math.exp(deviation));
      entry.log10p += log10NormalTwoSided(deviation / sigma);
      anomalies.set(pair, entry);
    });
    const alerts: Alert[] = [];
    for (const entry of anomalies.values()) {
      const list = entry.shipments.map((i) => shipments[i] as Shipment);
      const first = list[0] as Shipment;
      const payments = matchingPayments(index, view, entry.shipments);
      const strongest = entry.ratios.reduce((a, b) => (Math.abs(Math.log(b)) > Math.abs(Math.log(a)) ? b : a));
      const over = strongest > 1;
      const factor = over ? strongest : 1 / strongest;
      const declared: Record<string, number> = {};
      for (const s of list) declared[s.currency] = (declared[s.currency] ?? 0) + s.declaredValue;
      const unitValue = (shipmentUsd[entry.shipments[0] as number] as number) / first.quantity;
      const single = list.length === 1;
      const pieces: EvidencePiece[] = [
        {
          // Each price's distance from its HS code's median in robust standard deviations (1.4826 × MAD of log unit values).
          id: 'price-deviation',
          surprise: -entry.log10p,
          label: bilingual((language, n) =>
            language === 'es'
              ? `${countText(language, n, list.length, PRICES)} a ${n(factor, 1)} veces el típico de su partida, fuera de lo que la dispersión de esa partida explica`
              : `${countText(language, n, list.length, PRICES)} ${n(factor, 1)} times the typical one for the HS code, beyond what that code's spread explains`,
          ),
        },
        multiplicityPiece(compared, { count: compared, es: ['envío comparado', 'envíos comparados'], en: ['shipment compared', 'shipments compared'] }),
      ];
      const alert = scoredAlert(index, {
        typology: 'trade-unit-value',
        transactions: payments,
        shipments: list,
        pieces,
        focus: first.exporterId ?? first.exporter,
        // The rule (robust z and ratio) decides it is abnormal; the odds only rank it.
        floor: 1,
        sentence: (language, n) =>
          language === 'es'
            ? `${countText(language, n, list.length, SHIPMENTS)} de ${first.exporter} a ${first.importer} (partida ${first.hsCode}, ${first.goods ?? first.unit}) ${single ? 'declarado' : 'declarados'} por ${formatTotals(declared, language)} ${single ? 'tiene' : 'tienen'} un valor unitario ${n(factor, 1)} veces ${over ? 'superior' : 'inferior'} al típico (p. ej. ${formatAmount(unitValue, 'USD', language)} por ${first.unit}, ${formatDate(first.date, language)}): posible ${over ? 'sobrefacturación' : 'subfacturación'}.`
            : `${countText(language, n, list.length, SHIPMENTS)} from ${first.exporter} to ${first.importer} (HS ${first.hsCode}, ${first.goods ?? first.unit}) declared at ${formatTotals(declared, language)} ${single ? 'has' : 'have'} a unit value ${n(factor, 1)} times ${over ? 'above' : 'below'} the typical one (e.g. ${formatAmount(unitValue, 'USD', language)} per ${first.unit}, ${formatDate(first.date, language)}): possible ${over ? 'over' : 'under'}-invoicing.`,
      });
      if (alert) alerts.push(alert);
    }
    return alerts;
  },
};

/** Payments from the importer to the exporter around the shipments, as supporting evidence. */
function matchingPayments(index: CaseIndex, view: TradeView, shipmentIndices: number[]): number[] {
  const out: number[] = [];
  for (const s of shipmentIndices) {
    const shipment = view.shipments[s] as Shipment;
    const payments = view.paymentsTo.get(view.exporterOf[s] as number) ?? [];
    for (const tx of payments) {
      if (view.payerOf.get(tx) !== view.importerOf[s]) continue;
      const dt = (index.time[tx] as number) - shipment.date;
      if (dt >= -90 * DAY_MS && dt <= 120 * DAY_MS) out.push(tx);
    }
  }
  return out;
}

export const phantomParams = z.object({
  /** A payment may precede its shipment by this much (advance payment)… */
  daysBeforeShipment: z.number().min(0).default(60),
  /** …or follow it by this much (open account terms). */
  daysAfterShipment: z.number().min(0).default(120),
  /** A shipment can absorb payments up to its declared value times this. */
  valueTolerance: z.number().min(1).default(1.1),
  minTotalUsd: z.number().min(0).default(20_000),
  /** Several unexplained payments between the same pair: one stray payment is usually a service or a refund. */
  minPayments: z.number().int().min(1).default(2),
  /** A pair paying each other regularly over this many days is a standing supplier relationship. */
  standingRelationshipDays: z.number().positive().default(120),
  /** Payments this close to the start of the customs data, between a pair with no shipment in it, may pay for goods shipped before it: not judged. */
  coverageLeadDays: z.number().min(0).default(7),
  /** The unexplained payments must fall within this many days of the first: a scheme, not stray invoices months apart. */
  clusterDays: z.number().positive().default(40),
  /** Only payments from parties that import (here or elsewhere in the case) are trade payments. */
  requireImporterPayer: z.boolean().default(true),
});

/** Payments to an exporter with no shipment that could account for them. */
export const tradePhantomPayment: Typology<typeof phantomParams> = {
  id: 'trade-phantom-payment',
  names: { es: 'Pago sin mercancía (envío fantasma)', en: 'Payment without goods (phantom shipment)' },
  description: {
    es: 'Pagos a un exportador que no corresponden a ningún envío suyo registrado en un plazo razonable.',
    en: 'Payments to an exporter that match none of its recorded shipments within a plausible time.',
  },
  params: phantomParams,
  run(data, params, context) {
    const index = indexCase(data, context.profile);
    const view = tradeView(index, context.profile);
    const importers = new Set(view.importerOf);
    const coverageStart = view.shipments.length > 0 ? (view.shipments[0] as Shipment).date : Number.POSITIVE_INFINITY;
    const shipmentsOf = new Map<number, number[]>();
    view.exporterOf.forEach((exporter, s) => pushTo(shipmentsOf, exporter, s));
    // Countries each party ships from and receives goods in: a payment between two trade
    // parties of the same country is domestic business (a supplier), not payment for goods abroad.
    const exportsFrom = new Map<number, Set<string>>();
    const importsTo = new Map<number, Set<string>>();
    view.shipments.forEach((shipment, s) => {
      addTo(exportsFrom, view.exporterOf[s] as number, shipment.originCountry);
      addTo(importsTo, view.importerOf[s] as number, shipment.destinationCountry);
    });
    const domestic = (payer: number, exporter: number) => {
      const from = exportsFrom.get(exporter);
      const to = importsTo.get(payer);
      return !!from && !!to && [...to].every((country) => from.has(country));
    };
    const unmatched = new Map<string, number[]>();
    const payeeOf = new Map<number, number>();
    for (const [exporter, payments] of view.paymentsTo) {
      const candidates = shipmentsOf.get(exporter) ?? [];
      const capacity = candidates.map((s) => (view.shipmentUsd[s] as number) * params.valueTolerance);
      // A trade payment leaves the account the importer settles its real imports from;
      // its other accounts pay rent, wages and local invoices.
      const eligible = payments.filter((tx) => {
        const payer = view.payerOf.get(tx) ?? -1;
        // Right at the start of the customs data a pair with no recorded shipment may be paying for
        // goods shipped before it; a pair with shipments in the data can be judged on amounts.
        if ((index.time[tx] as number) < coverageStart + params.coverageLeadDays * DAY_MS && !candidates.some((s) => view.importerOf[s] === payer)) return false;
        return !params.requireImporterPayer || (importers.has(payer) && !domestic(payer, exporter) && view.settlementAccounts.has(index.from[tx] as number));
      });
      const inWindow = (tx: number, s: number) => {
        const dt = (index.time[tx] as number) - (view.shipments[s] as Shipment).date;
        return dt >= -params.daysBeforeShipment * DAY_MS && dt <= params.daysAfterShipment * DAY_MS;
      };
      // First pass: a payment of exactly a shipment's value settles that shipment.
      const settled = new Set<number>();
      for (const tx of eligible) {
        const payer = view.payerOf.get(tx) ?? -1;
        const usd = index.usd[tx] as number;
        for (let c = 0; c < candidates.length; c++) {
          const s = candidates[c] as number;
          if (view.importerOf[s] !== payer || !inWindow(tx, s)) continue;
          if (Math.abs((view.shipmentUsd[s] as number) - usd) > 0.01 * usd || (capacity[c] as number) + 0.01 < usd) continue;
          capacity[c] = (capacity[c] as number) - usd;
          settled.add(tx);
          break;
        }
      }
      for (const tx of eligible) {
        if (settled.has(tx)) continue;
        const payer = view.payerOf.get(tx) ?? -1;
        const t = index.time[tx] as number;
        const usd = index.usd[tx] as number;
        // Only the payer's own shipments account for its payment (goods shipped to someone else
        // and paid by this payer are the third-party typology's business); the nearest one with room takes it.
        let chosen = -1;
        let chosenDistance = Number.POSITIVE_INFINITY;
        for (let c = 0; c < candidates.length; c++) {
          const s = candidates[c] as number;
          if (view.importerOf[s] !== payer || !inWindow(tx, s)) continue;
          if ((capacity[c] as number) + 0.01 < usd) continue;
          const distance = Math.abs(t - (view.shipments[s] as Shipment).date);
          if (distance < chosenDistance) {
            chosen = c;
            chosenDistance = distance;
          }
        }
        const matched = chosen >= 0;
        if (matched) capacity[chosen] = (capacity[chosen] as number) - usd;
        if (!matched) {
          pushTo(unmatched, `${payer}>${exporter}`, tx);
          payeeOf.set(tx, exporter);
        }
      }
    }
    const alerts: Alert[] = [];
    const clusterMs = params.clusterDays * DAY_MS;
    for (const txs of [...unmatched.values()].flatMap((group) => clusters(group, index.time, clusterMs, params.minPayments))) {
      let usd = 0;
      for (const tx of txs) usd += index.usd[tx] as number;
      if (usd < params.minTotalUsd || txs.length < params.minPayments) continue;
      const first = txs[0] as number;
      const pairPayments = (view.paymentsTo.get(payeeOf.get(first) as number) ?? []).filter((tx) => view.payerOf.get(tx) === view.payerOf.get(first));
      const pairSpan = (index.time[pairPayments[pairPayments.length - 1] as number] as number) - (index.time[pairPayments[0] as number] as number);
      if (pairPayments.length >= 4 && pairSpan > params.standingRelationshipDays * DAY_MS) continue;
      const exporterName = view.parties.labels[view.parties.key((data.transactions[first] as Transaction).toPartyId, (data.transactions[first] as Transaction).toPartyName, false)] ?? (data.transactions[first] as Transaction).toAccount;
      const payerName = (data.transactions[first] as Transaction).fromPartyName ?? (data.transactions[first] as Transaction).fromAccount;
      const totals = totalsOf(index, txs);
      const from = index.time[first] as number;
      const to = index.time[txs[txs.length - 1] as number] as number;
      const score = 50 + Math.min(30, (usd / params.minTotalUsd) * 3) + Math.min(20, txs.length * 4);
      alerts.push(
        buildAlert(index, {
          typology: 'trade-phantom-payment',
          score,
          transactions: txs,
          focus: (data.transactions[first] as Transaction).toPartyId ?? exporterName,
          explanation: bilingual((language, n) =>
            language === 'es'
              ? `${payerName} pagó ${formatTotals(totals, language)} a ${exporterName} en ${n(txs.length)} transferencias ${formatSpan(from, to, language)}, sin ningún envío registrado de ese exportador a ${payerName} que las justifique (se buscaron envíos desde ${n(params.daysAfterShipment)} días antes hasta ${n(params.daysBeforeShipment)} días después de cada pago).`
              : `${payerName} paid ${formatTotals(totals, language)} to ${exporterName} in ${n(txs.length)} transfers ${formatSpan(from, to, language)}, with no recorded shipment from that exporter to ${payerName} to account for them (shipments searched from ${n(params.daysAfterShipment)} days before to ${n(params.daysBeforeShipment)} days after each payment).`,
          ),
        }),
      );
    }
    return alerts;
  },
};

export const thirdPartyParams = z.object({
  daysBeforeShipment: z.number().min(0).default(60),
  daysAfterShipment: z.number().min(0).default(120),
  /** Payments summing to the shipment's value within this tolerance pay for it. */
  amountTolerance: z.number().min(0).max(0.5).default(0.03),
  /** Only payments in the shipment's invoice currency can settle it. */
  sameCurrency: z.boolean().default(true),
  /** Each third-party payment must carry at least this share of the shipment's value. */
  minShareOfValue: z.number().min(0).max(1).default(0.03),
  /** Cash deposited into the payer's account this many days before paying marks it as cash-funded. */
  cashLookbackDays: z.number().min(0).default(10),
});

/** An importer's goods paid by a party unrelated to it, the Black Market Peso Exchange signature. */
export const tradeThirdParty: Typology<typeof thirdPartyParams> = {
  id: 'trade-third-party',
  names: { es: 'Pago por un tercero (cambio de pesos en el mercado negro)', en: 'Third-party payment (Black Market Peso Exchange)' },
  description: {
    es: 'Los bienes de un importador son pagados al exportador por una persona o empresa sin relación con el importador, a menudo con fondos depositados en efectivo.',
    en: 'An importer’s goods are paid to the exporter by a person or company unrelated to the importer, often with funds deposited in cash.',
  },
  params: thirdPartyParams,
  run(data, params, context) {
    const index = indexCase(data, context.profile);
    const view = tradeView(index, context.profile);
    const txs = data.transactions;
    // Who imports from whom: a payer that itself buys from the exporter is a customer, not a third party.
    const customers = new Set<string>();
    view.exporterOf.forEach((exporter, s) => customers.add(`${view.importerOf[s]}>${exporter}`));
    const used = new Set<number>();
    const alerts: Alert[] = [];
    const checkpoint = makeCheckpoint(context, view.shipments.length * 2, 2048);
    const settled = new Set<number>();
    // Settlements to the cent are claimed first, so a looser match for another shipment of a busy
    // exporter cannot take a payment that exactly pays this one.
    for (const tolerance of [Math.min(0.002, params.amountTolerance), params.amountTolerance]) view.shipments.forEach((shipment, s) => {
      checkpoint(s + (tolerance === params.amountTolerance ? view.shipments.length : 0));
      if (settled.has(s)) return;
      const exporter = view.exporterOf[s] as number;
      const importer = view.importerOf[s] as number;
      const value = view.shipmentUsd[s] as number;
      if (!(value > 0)) return;
      const payments = view.paymentsTo.get(exporter) ?? [];
      const lo = shipment.date - params.daysBeforeShipment * DAY_MS;
      const hi = shipment.date + params.daysAfterShipment * DAY_MS;
      // Paid by the importer itself? Then nothing to see.
      let direct = 0;
      const strangers = new Map<number, number[]>();
      for (let p = firstAtOrAfter(payments, index.time, lo); p < payments.length; p++) {
        const tx = payments[p] as number;
        const t = index.time[tx] as number;
        if (t > hi) break;
        if (used.has(tx)) continue;
        // An invoice is settled in its own currency: a peso payment is not the dollars the exporter is owed.
        if (params.sameCurrency && (txs[tx] as Transaction).currency !== shipment.currency && view.payerOf.get(tx) !== importer) continue;
        // A stranger's share of an invoice is a real part of it, not a few dollars that happen to add up.
        if ((index.usd[tx] as number) < params.minShareOfValue * value && view.payerOf.get(tx) !== importer) continue;
        const payer = view.payerOf.get(tx) ?? -1;
        if (payer === importer) direct += index.usd[tx] as number;
        else if (payer >= 0 && !customers.has(`${payer}>${exporter}`) && !related(view, payer, importer)) pushTo(strangers, payer, tx);
      }
      if (direct >= value * (1 - params.amountTolerance)) {
        settled.add(s);
        return;
      }
      const paying = payingSet([...strangers.values()], index.usd, index.time, shipment.date, value - direct, tolerance);
      if (!paying) return;
      settled.add(s);
      for (const tx of paying) used.add(tx);
      const funding = cashFunding(index, paying, params.cashLookbackDays * DAY_MS);
      const payers = [...new Set(paying.map((tx) => (txs[tx] as Transaction).fromPartyName ?? (txs[tx] as Transaction).fromAccount))];
      const totals = totalsOf(index, paying);
      const cashTotals = totalsOf(index, funding);
      const score = 55 + Math.min(15, payers.length * 5) + (funding.length > 0 ? 20 : 0) + Math.min(10, value / 50_000);
      alerts.push(
        buildAlert(index, {
          typology: 'trade-third-party',
          score,
          transactions: [...paying, ...funding],
          shipments: [shipment],
          focus: shipment.importerId ?? shipment.importer,
          explanation: bilingual((language) => {
            const cash =
              funding.length > 0
                ? language === 'es'
                  ? ` Antes de pagar, la cuenta del pagador recibió ${formatTotals(cashTotals, language)} en efectivo.`
                  : ` Before paying, the payer’s account received ${formatTotals(cashTotals, language)} in cash.`
                : '';
            return language === 'es'
              ? `El envío ${shipment.id} de ${shipment.exporter} a ${shipment.importer} (${formatAmount(shipment.declaredValue, shipment.currency, language)}, ${formatDate(shipment.date, language)}) fue pagado por ${joinNames(payers, language)}, sin relación con el importador: ${formatTotals(totals, language)}.${cash}`
              : `Shipment ${shipment.id} from ${shipment.exporter} to ${shipment.importer} (${formatAmount(shipment.declaredValue, shipment.currency, language)}, ${formatDate(shipment.date, language)}) was paid by ${joinNames(payers, language)}, unrelated to the importer: ${formatTotals(totals, language)}.${cash}`;
          }),
        }),
      );
    });
    return alerts;
  },
};

/**
 * The stranger payments that settle the shipment's value: the subset (at
 * most five payments, nearest in time first) whose sum comes closest to it,
 * accepted when within tolerance.
 */
function payingSet(byPayer: number[][], usd: Float64Array, time: Float64Array, date: number, value: number, tolerance: number): number[] | undefined {
  const candidates = byPayer
    .flat()
    .sort((a, b) => Math.abs((time[a] as number) - date) - Math.abs((time[b] as number) - date))
    .slice(0, 12);
  let best: number[] | undefined;
  let bestError = tolerance * value;
  let budget = 5_000;
  const chosen: number[] = [];
  const search = (from: number, sum: number) => {
    if (--budget < 0) return;
    const error = Math.abs(sum - value);
    if (chosen.length > 0 && error <= bestError) {
      bestError = error;
      best = [...chosen];
      // Settled to the cent: nothing closer exists.
      if (error <= 0.005 * value) budget = 0;
    }
    if (chosen.length >= 5 || sum > value * (1 + tolerance)) return;
    for (let c = from; c < candidates.length; c++) {
      chosen.push(candidates[c] as number);
      search(c + 1, sum + (usd[candidates[c] as number] as number));
      chosen.pop();
    }
  };
  search(0, 0);
  return best;
}

function joinNames(names: string[], language: 'es' | 'en'): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${language === 'es' ? 'y' : 'and'} ${names[names.length - 1]}`;
}

/** Same normalised name under another identifier (a branch, a second tax id) is not a stranger. */
function related(view: TradeView, a: number, b: number): boolean {
  const left = foldName(view.parties.labels[a] ?? '');
  return left !== '' && left === foldName(view.parties.labels[b] ?? '');
}

/** Cash deposits into the paying accounts shortly before each payment. */
function cashFunding(index: CaseIndex, payments: number[], lookbackMs: number): number[] {
  const out = new Set<number>();
  for (const tx of payments) {
    const account = index.from[tx] as number;
    const t = index.time[tx] as number;
    for (let k = index.inStart[account] as number; k < (index.inStart[account + 1] as number); k++) {
      const candidate = index.inTx[k] as number;
      const dt = t - (index.time[candidate] as number);
      if (index.cash[candidate] && dt >= 0 && dt <= lookbackMs) out.add(candidate);
    }
  }
  return [...out];
}

/** Runs of at least `minCount` time-ordered transactions that fit in `spanMs`, taken greedily from the earliest. */
function clusters(txs: number[], time: Float64Array, spanMs: number, minCount: number): number[][] {
  const out: number[][] = [];
  let start = 0;
  while (start < txs.length) {
    let end = start;
    while (end + 1 < txs.length && (time[txs[end + 1] as number] as number) - (time[txs[start] as number] as number) <= spanMs) end++;
    if (end - start + 1 >= minCount) {
      out.push(txs.slice(start, end + 1));
      start = end + 1;
    } else start++;
  }
  return out;
}

/** First position in a time-ordered list of transactions at or after `t`. */
function firstAtOrAfter(list: number[], time: Float64Array, t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((time[list[mid] as number] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function addTo(map: Map<number, Set<string>>, key: number, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function pushTo<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
