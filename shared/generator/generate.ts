import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { normaliseIdNumber } from '../resolve/ids';
import type { Account, Channel, IdType, Party, RecordKind, Shipment, Transaction } from '../model';
import { firstDataLine, type CsvLayout } from './csv';
import {
  chineseCreditCode,
  colombianCedula,
  colombianNit,
  dominicanCedula,
  dominicanRnc,
  ecuadorCedula,
  ecuadorCompanyRuc,
  honduranDni,
  honduranRtn,
  mexicanCompanyRfc,
  mexicanCurp,
  mexicanPersonRfc,
  panamaCedula,
  panamaCompanyRuc,
  spanishCif,
  usEin,
  usSsn,
} from './ids';
import type { BenignKind, BenignPattern, GeneratedCase, PlantedPattern, TypologyId } from './labels';
import { TYPOLOGY_IDS } from './labels';
import { companyName, lenderName, personName, utilityName } from './names';
import { Rng } from './prng';
import {
  BANKS_BY_COUNTRY,
  CASH_THRESHOLD,
  COMMODITIES,
  CURRENCY_OF,
  FATF_BLACK_2025,
  FATF_GREY_2025_SAMPLE,
  PORTS,
  UNITS_PER_USD,
  type Bank,
  type Commodity,
} from './world';

export interface GenerateOptions {
  seed: number;
  /** Target number of transactions (1k … 2M); the result has exactly this many unless the planted patterns alone exceed it. */
  transactions: number;
  /** First day of the period, 'YYYY-MM-DD' or epoch ms (UTC). Default 2025-01-01. */
  startDate?: string | number;
  /** Length of the period in days. Default 180. */
  days?: number;
  /** CSV layout each kind's provenance lines refer to (see DEFAULT_LAYOUTS). */
  layouts?: Partial<Record<RecordKind, CsvLayout>>;
}

/** Bank exports for movements and products; registry and customs data as plain CSV. */
export const DEFAULT_LAYOUTS: Record<RecordKind, CsvLayout> = { transaction: 'bank-es', account: 'bank-es', party: 'plain', shipment: 'plain' };

/** Fixed pseudo file hash per kind: generated records stand in for one source file each. */
export function generatedFileHash(kind: RecordKind): string {
  return bytesToHex(sha256(utf8ToBytes(`caudal-generator/${kind}`)));
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MONTHS_ES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** Planted and ordinary rows share one vocabulary: a description must never give a pattern away. */
const CASH_DEPOSIT_WORDS = ['Consignación en efectivo', 'Depósito en efectivo', 'Consignación ventanilla', 'Consignación corresponsal bancario'];

/** Each country's instant-payment rail, as bank exports name it. */
const LOCAL_TRANSFER_WORDS: Record<string, string> = { CO: 'Transferencia PSE', MX: 'Transferencia SPEI', DO: 'Transferencia LBTR', US: 'Zelle transfer', EC: 'Transferencia interbancaria SPI', PA: 'Transferencia ACH Xpress', HN: 'Transferencia ACH Pronto' };

const HOME_WEIGHTS: readonly (readonly [string, number])[] = [
  ['CO', 55], ['EC', 8], ['PA', 7], ['MX', 10], ['HN', 5], ['DO', 7], ['US', 8],
];
/** Monthly salary median in USD per country, for plausible payroll in each currency. */
const SALARY_USD: Record<string, number> = { CO: 750, EC: 800, PA: 1100, MX: 800, HN: 550, DO: 600, US: 3800 };

interface PartyRec {
  id: string;
  name: string;
  kind: 'person' | 'company';
  idType: IdType;
  idNumber: string;
  country: string;
  birthDate?: number;
  pep: boolean;
  accounts: AccountRec[];
}

interface Endpoint {
  id: string;
  bank: Bank;
  country: string;
  currency: string;
  holder?: PartyRec;
}

interface AccountRec extends Endpoint {
  holder: PartyRec;
  iban?: string;
  opened: number;
  /** Kept out of background activity (dormant accounts). */
  quiet: boolean;
  /** Already used by a planted pattern or a structural role. */
  taken: boolean;
}

interface ShipmentRec extends Omit<Shipment, 'source'> {
  exporterParty: PartyRec;
  importerParty: PartyRec;
}

interface PatternDraft {
  typology: TypologyId;
  accounts: Set<AccountRec>;
  parties: Set<PartyRec>;
  transactions: Transaction[];
  shipments: ShipmentRec[];
}

const SOURCE_PLACEHOLDER = { file: '0'.repeat(64), line: 1 };

function parseStart(value: string | number | undefined): number {
  if (value === undefined) return Date.UTC(2025, 0, 1);
  if (typeof value === 'number') return value;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new Error(`startDate must be YYYY-MM-DD, got "${value}"`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** How many instances of each typology to plant: ≥3, about 5 at 100k rows, growing with √size. */
export function plantsPerTypology(transactions: number): number {
  return Math.max(3, Math.round(5 * Math.sqrt(transactions / 100_000)));
}

class CaseBuilder {
  readonly rng: Rng;
  readonly start: number;
  readonly days: number;
  readonly end: number;
  readonly parties: PartyRec[] = [];
  readonly accounts: AccountRec[] = [];
  readonly transactions: Transaction[] = [];
  readonly shipments: ShipmentRec[] = [];
  readonly patterns: PatternDraft[] = [];
  readonly benign: { kind: BenignKind; accounts: AccountRec[] }[] = [];
  private readonly partyIds = new Set<string>();
  private readonly accountIds = new Set<string>();
  private readonly shipmentIds = new Set<string>();
  private readonly cashDesks = new Map<Bank, Endpoint[]>();
  /** Ordinary accounts by currency: the pool planted patterns and random activity draw from. */
  readonly ordinaryPersons: AccountRec[] = [];
  readonly ordinaryCompanies: AccountRec[] = [];
  readonly byCurrency = new Map<string, AccountRec[]>();
  readonly personsByCountry = new Map<string, AccountRec[]>();
  readonly companiesByCountry = new Map<string, AccountRec[]>();
  merchants: AccountRec[] = [];
  merchantCumulative = new Float64Array(0);
  readonly traders = new Map<string, PartyRec[]>();

  constructor(options: GenerateOptions) {
    this.rng = new Rng(options.seed);
    this.start = parseStart(options.startDate);
    this.days = Math.max(30, Math.round(options.days ?? 180));
    this.end = this.start + this.days * DAY;
  }

  // ---------- population ----------

  newParty(kind: 'person' | 'company', country: string, fixedName?: string): PartyRec {
    const rng = this.rng;
    for (;;) {
      let name: string;
      let idType: IdType;
      let idNumber: string;
      let birthDate: number | undefined;
      if (kind === 'person') {
        const person = personName(rng, country);
        name = fixedName ?? person.full;
        const birth = new Date(Date.UTC(rng.int(1952, 2004), rng.int(0, 11), rng.int(1, 28)));
        birthDate = birth.getTime();
        switch (country) {
          case 'CO': idType = 'CC'; idNumber = colombianCedula(rng); break;
          case 'EC': idType = 'CEDULA'; idNumber = ecuadorCedula(rng); break;
          case 'PA': idType = 'CEDULA'; idNumber = panamaCedula(rng); break;
          case 'MX':
            if (rng.chance(0.6)) { idType = 'CURP'; idNumber = mexicanCurp(rng, person, birth, person.female); }
            else { idType = 'RFC'; idNumber = mexicanPersonRfc(rng, person, birth); }
            break;
          case 'HN': idType = 'DNI'; idNumber = honduranDni(rng, birth.getUTCFullYear()); break;
          case 'DO': idType = 'CEDULA'; idNumber = dominicanCedula(rng); break;
          case 'US': idType = 'SSN'; idNumber = usSsn(rng); break;
          default: idType = 'PASSPORT'; idNumber = rng.letters(2) + rng.digits(7);
        }
      } else {
        name = fixedName ?? companyName(rng, country);
        switch (country) {
          case 'CO': idType = 'NIT'; idNumber = colombianNit(rng); break;
          case 'EC': idType = 'RUC'; idNumber = ecuadorCompanyRuc(rng); break;
          case 'PA': idType = 'RUC'; idNumber = panamaCompanyRuc(rng); break;
          case 'MX': idType = 'RFC'; idNumber = mexicanCompanyRfc(rng, name, new Date(Date.UTC(rng.int(1985, 2022), rng.int(0, 11), rng.int(1, 28)))); break;
          case 'HN': idType = 'RTN'; idNumber = honduranRtn(rng); break;
          case 'DO': idType = 'RNC'; idNumber = dominicanRnc(rng); break;
          case 'US': idType = 'EIN'; idNumber = usEin(rng); break;
          case 'CN': case 'HK': idType = 'OTHER'; idNumber = chineseCreditCode(rng); break;
          case 'ES': idType = 'OTHER'; idNumber = spanishCif(rng); break;
          default: idType = 'OTHER'; idNumber = rng.digits(10);
        }
      }
      // Stored as the import engine normalises ID numbers ("900.123.456-7" → "9001234567"),
      // so generated and imported records join on the same party keys.
      idNumber = normaliseIdNumber(idNumber);
      const id = `${idType}:${idNumber}`;
      if (this.partyIds.has(id)) continue;
      this.partyIds.add(id);
      const party: PartyRec = { id, name, kind, idType, idNumber, country, pep: kind === 'person' && rng.chance(0.005), accounts: [] };
      if (birthDate !== undefined) party.birthDate = birthDate;
      this.parties.push(party);
      return party;
    }
  }

  newAccount(holder: PartyRec, country: string, options: { currency?: string; openedYearsAgo?: [number, number] } = {}): AccountRec {
    const rng = this.rng;
    const banks = BANKS_BY_COUNTRY[country];
    if (!banks) throw new Error(`no banks known for ${country}`);
    const bank = rng.pick(banks);
    for (;;) {
      const number = bank.accountNumber(rng);
      if (this.accountIds.has(number.id)) continue;
      this.accountIds.add(number.id);
      const [minYears, maxYears] = options.openedYearsAgo ?? [0.3, 15];
      const account: AccountRec = {
        id: number.id,
        bank,
        country,
        currency: options.currency ?? CURRENCY_OF[country] ?? 'USD',
        holder,
        opened: Math.floor((this.start - rng.between(minYears, maxYears) * 365 * DAY) / DAY) * DAY,
        quiet: false,
        taken: false,
      };
      if (number.iban) account.iban = number.iban;
      holder.accounts.push(account);
      this.accounts.push(account);
      return account;
    }
  }

  private indexOrdinary(account: AccountRec) {
    const list = account.holder.kind === 'person' ? this.ordinaryPersons : this.ordinaryCompanies;
    list.push(account);
    const byCurrency = this.byCurrency.get(account.currency) ?? [];
    byCurrency.push(account);
    this.byCurrency.set(account.currency, byCurrency);
    const byCountry = account.holder.kind === 'person' ? this.personsByCountry : this.companiesByCountry;
    const countryList = byCountry.get(account.country) ?? [];
    countryList.push(account);
    byCountry.set(account.country, countryList);
  }

  buildPopulation(targetAccounts: number) {
    const rng = this.rng;
    while (this.accounts.length < targetAccounts) {
      const country = rng.weighted(HOME_WEIGHTS);
      const kind = rng.chance(0.8) ? 'person' : 'company';
      const party = this.newParty(kind, country);
      const count = kind === 'person' ? rng.weighted([[1, 78], [2, 18], [3, 4]] as const) : rng.weighted([[1, 60], [2, 30], [3, 10]] as const);
      for (let i = 0; i < count; i++) {
        const abroad = i > 0 && country !== 'US' && rng.chance(0.15);
        const account = this.newAccount(party, abroad ? 'US' : country);
        this.indexOrdinary(account);
      }
    }
    this.assignMerchants();
  }

  private assignMerchants() {
    const rng = this.rng;
    const companies = this.ordinaryCompanies.filter((a) => a.currency !== 'EUR');
    const count = Math.max(3, Math.round(companies.length * 0.2));
    this.merchants = rng.sample(companies, count);
    for (const m of this.merchants) m.taken = true;
    // Zipf-like popularity: a few supermarkets, many corner shops.
    this.merchantCumulative = new Float64Array(this.merchants.length);
    let total = 0;
    this.merchants.forEach((_, i) => {
      total += 1 / Math.pow(i + 1, 0.8);
      this.merchantCumulative[i] = total;
    });
  }

  /** Utilities and lenders: a handful per country, created on demand. */
  private readonly institutions = new Map<string, AccountRec[]>();
  readonly institutionPattern = new Map<AccountRec, { kind: BenignKind; accounts: AccountRec[] }>();
  institution(role: 'utility' | 'lender', country: string): AccountRec {
    const key = `${role}:${country}`;
    let list = this.institutions.get(key);
    if (!list) {
      list = [];
      const persons = this.personsByCountry.get(country)?.length ?? 0;
      const count = Math.max(1, Math.min(role === 'utility' ? 6 : 4, Math.round(persons / (role === 'utility' ? 300 : 500))));
      for (let i = 0; i < count; i++) {
        const party = this.newParty('company', country, role === 'utility' ? utilityName(this.rng, country) : lenderName(this.rng, country));
        const account = this.newAccount(party, country);
        account.taken = true;
        list.push(account);
      }
      this.institutions.set(key, list);
      const pattern = { kind: role === 'utility' ? ('merchant' as const) : ('loan' as const), accounts: list.slice() };
      this.benign.push(pattern);
      for (const account of list) this.institutionPattern.set(account, pattern);
    }
    return this.rng.pick(list);
  }

  cashDesk(bank: Bank): Endpoint {
    let desks = this.cashDesks.get(bank);
    if (!desks) {
      desks = [];
      const branches = this.rng.int(4, 12);
      const used = new Set<number>();
      for (let i = 0; i < branches; i++) {
        let branch = this.rng.int(1, 899);
        while (used.has(branch)) branch = this.rng.int(1, 899);
        used.add(branch);
        // Bank exports show the branch's cash desk as the counterpart of a cash movement.
        desks.push({ id: `CAJA-${bank.code}-${String(branch).padStart(4, '0')}`, bank, country: bank.country, currency: CURRENCY_OF[bank.country] ?? 'USD' });
      }
      this.cashDesks.set(bank, desks);
    }
    return this.rng.pick(desks);
  }

  // ---------- amounts and times ----------

  /** Converts a USD-scale amount to `currency` and rounds as that currency is written. */
  money(usd: number, currency: string): number {
    return this.round(usd * (UNITS_PER_USD[currency] ?? 1), currency);
  }

  round(amount: number, currency: string): number {
    if (currency === 'COP') return Math.max(100, Math.round(amount / 50) * 50);
    return Math.max(0.01, Math.round(amount * 100) / 100);
  }

  /** A "nice" salary-like amount: rounded to a step that suits the currency. */
  niceAmount(usd: number, currency: string): number {
    const raw = usd * (UNITS_PER_USD[currency] ?? 1);
    const step = currency === 'COP' ? 10_000 : currency === 'USD' || currency === 'EUR' ? 10 : 100;
    return Math.max(step, Math.round(raw / step) * step);
  }

  /** A time of day in seconds: business hours unless stated. */
  at(day: number, fromHour = 8, toHour = 18): number {
    const seconds = this.rng.int(fromHour * 3600, toHour * 3600 - 1);
    return this.start + Math.floor(day) * DAY + seconds * 1000;
  }

  inPeriod(ts: number): boolean {
    return ts >= this.start && ts < this.end;
  }

  // ---------- transactions ----------

  tx(from: Endpoint, to: Endpoint, timestamp: number, amount: number, channel: Channel, description: string, depositor?: PartyRec): Transaction {
    // A cash desk has no holder: the depositor (or the account holder) stands on that side.
    const fromParty = (from.holder ?? depositor ?? to.holder) as PartyRec;
    const toParty = (to.holder ?? from.holder) as PartyRec;
    const t: Transaction = {
      id: '',
      // Bank exports print times to the second; a row never falls outside the extract's period.
      timestamp: Math.min(this.end - 1000, Math.max(this.start, Math.floor(timestamp / 1000) * 1000)),
      fromAccount: from.id,
      toAccount: to.id,
      amount,
      currency: from.holder ? from.currency : to.currency,
      channel,
      description,
      fromPartyName: fromParty.name,
      fromPartyId: fromParty.id,
      toPartyName: toParty.name,
      toPartyId: toParty.id,
      fromBank: from.bank.name,
      toBank: to.bank.name,
      fromCountry: from.country,
      toCountry: to.country,
      source: SOURCE_PLACEHOLDER,
    };
    this.transactions.push(t);
    return t;
  }

  transferChannel(from: Endpoint, to: Endpoint): Channel {
    return from.country !== to.country ? 'wire' : 'transfer';
  }

  transferDescription(from: Endpoint, to: Endpoint): string {
    if (from.country !== to.country) return this.rng.pick(['Transferencia internacional', 'Giro al exterior', 'Pago al exterior', 'Transferencia recibida del exterior']);
    const local = LOCAL_TRANSFER_WORDS[from.country] ?? 'Transferencia ACH';
    return this.rng.pick(['Transferencia', 'Transferencia a terceros', 'Transferencia electrónica', 'Pago', 'Abono a cuenta', 'Traslado de fondos', local]);
  }

  // ---------- pools ----------

  /** An ordinary account not used by any pattern yet, with the given currency (and holder kind). */
  takeAccount(currency: string, kind?: 'person' | 'company', country?: string): AccountRec {
    const pool = this.byCurrency.get(currency) ?? [];
    for (let tries = 0; tries < 400 && pool.length > 0; tries++) {
      const account = this.rng.pick(pool);
      if (account.taken || account.quiet) continue;
      if (kind && account.holder.kind !== kind) continue;
      if (country && account.country !== country) continue;
      account.taken = true;
      return account;
    }
    const homeCountry = country ?? (currency === 'USD' ? this.rng.pick(['EC', 'PA', 'US']) : Object.keys(CURRENCY_OF).find((c) => CURRENCY_OF[c] === currency) ?? 'US');
    const account = this.newAccount(this.newParty(kind ?? 'person', homeCountry), homeCountry, { currency });
    this.indexOrdinary(account);
    account.taken = true;
    return account;
  }

  randomPerson(): AccountRec {
    for (;;) {
      const a = this.rng.pick(this.ordinaryPersons);
      if (!a.quiet) return a;
    }
  }

  randomCompany(): AccountRec {
    for (;;) {
      const a = this.rng.pick(this.ordinaryCompanies);
      if (!a.quiet && a.currency !== 'EUR') return a;
    }
  }

  personIn(country: string): AccountRec {
    const list = this.personsByCountry.get(country);
    if (!list || list.length === 0) return this.randomPerson();
    for (let tries = 0; tries < 50; tries++) {
      const a = this.rng.pick(list);
      if (!a.quiet) return a;
    }
    return this.randomPerson();
  }

  draft(typology: TypologyId): PatternDraft {
    const d: PatternDraft = { typology, accounts: new Set(), parties: new Set(), transactions: [], shipments: [] };
    this.patterns.push(d);
    return d;
  }

  record(d: PatternDraft, t: Transaction, ...endpoints: Endpoint[]) {
    d.transactions.push(t);
    for (const e of endpoints) {
      if ('opened' in e) d.accounts.add(e as AccountRec);
      if (e.holder) d.parties.add(e.holder);
    }
  }

  // ---------- trade ----------

  trader(country: string, role: 'exporter' | 'importer'): PartyRec {
    const key = `${role}:${country}`;
    const list = this.traders.get(key) ?? [];
    if (list.length < 3 + Math.floor(this.transactions.length / 50_000) || this.rng.chance(0.15)) {
      const party = this.newParty('company', country);
      this.usdAccount(party);
      list.push(party);
      this.traders.set(key, list);
      return party;
    }
    return this.rng.pick(list);
  }

  /** Trade is paid in USD: a compensation account at home or a correspondent account in the US. */
  usdAccount(party: PartyRec): AccountRec {
    const existing = party.accounts.find((a) => a.currency === 'USD');
    if (existing) return existing;
    const usdAtHome = CURRENCY_OF[party.country] === 'USD' || ['CN', 'HK', 'ES'].includes(party.country);
    const account = this.newAccount(party, usdAtHome ? party.country : 'US', { currency: 'USD' });
    account.taken = true;
    return account;
  }

  shipmentId(date: number): string {
    for (;;) {
      const id = `${new Date(date).getUTCFullYear()}${this.rng.digits(2)}0${this.rng.digits(9)}`;
      if (!this.shipmentIds.has(id)) {
        this.shipmentIds.add(id);
        return id;
      }
    }
  }

  shipment(exporter: PartyRec, importer: PartyRec, commodity: Commodity, date: number, unitValueFactor: number): ShipmentRec {
    const rng = this.rng;
    const originPorts = PORTS.filter((p) => p.country === exporter.country);
    const destinationPorts = PORTS.filter((p) => p.country === importer.country);
    const quantity = Math.max(1, Math.round(rng.logNormal(commodity.typicalQuantity, 0.4)));
    const unitValue = commodity.unitValueUsd * rng.logNormal(1, 0.12) * unitValueFactor;
    const s: ShipmentRec = {
      id: this.shipmentId(date),
      date: Math.floor(date / DAY) * DAY,
      exporter: exporter.name,
      exporterId: exporter.id,
      importer: importer.name,
      importerId: importer.id,
      originCountry: exporter.country,
      originPort: originPorts.length ? rng.pick(originPorts).name : undefined,
      destinationCountry: importer.country,
      destinationPort: destinationPorts.length ? rng.pick(destinationPorts).name : undefined,
      hsCode: commodity.hsCode,
      goods: commodity.goods,
      quantity,
      unit: commodity.unit,
      declaredValue: Math.max(1, Math.round(quantity * unitValue * 100) / 100),
      currency: 'USD',
      exporterParty: exporter,
      importerParty: importer,
    };
    this.shipments.push(s);
    return s;
  }

  invoiceNumber(): string {
    return `${this.rng.pick(['FE', 'FV', 'INV', 'F'])}-${this.rng.int(1000, 99999)}`;
  }

  /** Importer pays exporter the declared value: in one wire or an advance plus balance. */
  payShipment(s: ShipmentRec, payer?: AccountRec): Transaction[] {
    const rng = this.rng;
    const from = payer ?? this.usdAccount(s.importerParty);
    const to = this.usdAccount(s.exporterParty);
    const invoice = this.invoiceNumber();
    const out: Transaction[] = [];
    const parts = rng.chance(0.3) ? [0.3, 0.7] : [1];
    let offset = parts.length === 2 ? -rng.int(10, 30) : rng.int(-10, 45);
    let paid = 0;
    parts.forEach((share, i) => {
      const amount = i === parts.length - 1 ? Math.round((s.declaredValue - paid) * 100) / 100 : Math.round(s.declaredValue * share * 100) / 100;
      paid += amount;
      let day = (s.date - this.start) / DAY + offset;
      day = Math.min(this.days - 1, Math.max(0, day));
      out.push(this.tx(from, to, this.at(day, 9, 17), amount, 'wire', `Pago factura ${invoice}${parts.length > 1 ? (i === 0 ? ' anticipo' : ' saldo') : ''}`));
      offset += rng.int(15, 40);
    });
    return out;
  }

  /** The goods this case's traders deal in: few enough that each HS code has a norm to compare with. */
  commodities: Commodity[] = COMMODITIES;

  pickTradeRoute(): { commodity: Commodity; from: string; to: string } {
    const rng = this.rng;
    for (;;) {
      const commodity = rng.pick(this.commodities);
      const from = rng.pick(commodity.exporters);
      const to = rng.pick(commodity.importers);
      if (from !== to) return { commodity, from, to };
    }
  }

  backgroundTrade(count: number) {
    const rng = this.rng;
    for (let i = 0; i < count; i++) {
      const route = this.pickTradeRoute();
      const exporter = this.trader(route.from, 'exporter');
      const importer = this.trader(route.to, 'importer');
      const s = this.shipment(exporter, importer, route.commodity, this.at(rng.int(0, this.days - 1)), 1);
      this.payShipment(s);
    }
  }

  // ---------- finalize ----------

  finish(layouts: Record<RecordKind, CsvLayout>): GeneratedCase {
    // Stable sort by time: bank exports list movements chronologically. Timestamps are
    // whole seconds, so (seconds · 2²¹ + index) is an exact double and a typed-array
    // sort (no comparator) keeps a million rows fast.
    const count = this.transactions.length;
    if (count >= 2 ** 21) throw new Error('the generator supports up to 2,097,151 transactions');
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) keys[i] = Math.floor((this.transactions[i] as Transaction).timestamp / 1000) * 2 ** 21 + i;
    keys.sort();
    const sorted: Transaction[] = new Array<Transaction>(count);
    for (let i = 0; i < count; i++) sorted[i] = this.transactions[(keys[i] as number) % 2 ** 21] as Transaction;
    const txFile = generatedFileHash('transaction');
    const txFirst = firstDataLine(layouts.transaction);
    let reference = this.rng.int(1_000_000_000, 3_000_000_000);
    for (let i = 0; i < sorted.length; i++) {
      const t = sorted[i] as Transaction;
      reference += this.rng.int(1, 37);
      t.id = String(reference).padStart(10, '0');
      t.source = { file: txFile, line: txFirst + i };
    }

    const partyFile = generatedFileHash('party');
    const partyFirst = firstDataLine(layouts.party);
    const parties: Party[] = this.parties.map((p, i) => {
      const party: Party = { id: p.id, name: p.name, kind: p.kind, idType: p.idType, idNumber: p.idNumber, nationality: p.country, pep: p.pep, source: { file: partyFile, line: partyFirst + i } };
      if (p.birthDate !== undefined) party.birthDate = p.birthDate;
      return party;
    });

    const accountFile = generatedFileHash('account');
    const accountFirst = firstDataLine(layouts.account);
    const accounts: Account[] = this.accounts.map((a, i) => {
      const account: Account = {
        id: a.id,
        institution: a.bank.name,
        currency: a.currency,
        holderId: a.holder.id,
        holderName: a.holder.name,
        country: a.country,
        opened: a.opened,
        source: { file: accountFile, line: accountFirst + i },
      };
      if (a.iban) account.iban = a.iban;
      return account;
    });

    const shipmentFile = generatedFileHash('shipment');
    const shipmentFirst = firstDataLine(layouts.shipment);
    const shipmentRecs = this.shipments.slice().sort((a, b) => a.date - b.date);
    const shipmentOut = new Map<ShipmentRec, Shipment>();
    const shipments: Shipment[] = shipmentRecs.map((s, i) => {
      const { exporterParty: _e, importerParty: _i, ...rest } = s;
      const shipment: Shipment = { ...rest, source: { file: shipmentFile, line: shipmentFirst + i } };
      if (shipment.originPort === undefined) delete shipment.originPort;
      if (shipment.destinationPort === undefined) delete shipment.destinationPort;
      shipmentOut.set(s, shipment);
      return shipment;
    });

    const counters = new Map<string, number>();
    const labels: PlantedPattern[] = this.patterns.map((d) => {
      const n = (counters.get(d.typology) ?? 0) + 1;
      counters.set(d.typology, n);
      return {
        id: `${d.typology}-${n}`,
        typology: d.typology,
        accounts: [...d.accounts].map((a) => a.id).sort(),
        parties: [...d.parties].map((p) => p.id).sort(),
        transactions: d.transactions.map((t) => t.id).sort(),
        shipments: d.shipments.map((s) => (shipmentOut.get(s) as Shipment).id).sort(),
      };
    });
    const benignCounters = new Map<string, number>();
    const benign: BenignPattern[] = this.benign.map((b) => {
      const n = (benignCounters.get(b.kind) ?? 0) + 1;
      benignCounters.set(b.kind, n);
      return { id: `${b.kind}-${n}`, kind: b.kind, accounts: [...new Set(b.accounts.map((a) => a.id))].sort() };
    });

    return { dataset: { transactions: sorted, parties, accounts, shipments }, labels, benign };
  }
}

// ====================================================================================
// Planted typologies. Each plants one instance; `clear` makes the first one textbook-
// obvious (the demo's end-to-end test needs a clear funnel), the rest vary widely.
// ====================================================================================

type Planter = (b: CaseBuilder, index: number, clear: boolean) => void;

function windowStart(b: CaseBuilder, length: number): number {
  return b.rng.int(3, Math.max(4, b.days - Math.ceil(length) - 3));
}

/** Pattern windows shrink with short periods (a 30-day extract), so every row stays inside the period. */
function scaledSpan(b: CaseBuilder, min: number, max: number): number {
  return b.rng.between(min, max) * Math.min(1, b.days / 180);
}

function plantCurrency(b: CaseBuilder, index: number): string {
  // Mostly pesos (the demo unit is the UIAF), regularly dollars (Ecuador, Panama, US accounts).
  return index % 3 === 2 ? 'USD' : b.rng.chance(0.15) ? 'MXN' : 'COP';
}

const structuring: Planter = (b, index, clear) => {
  const rng = b.rng;
  const currency = index % 3 === 2 ? 'USD' : 'COP';
  const threshold = CASH_THRESHOLD[currency] as number;
  const variant = clear ? 0 : index % 3;
  const d = b.draft('structuring');
  const targets = variant === 2 ? [b.takeAccount(currency, 'person'), b.takeAccount(currency, 'person'), ...(rng.chance(0.5) ? [b.takeAccount(currency)] : [])] : [b.takeAccount(currency)];
  const mainHolder = (targets[0] as AccountRec).holder;
  const depositors = variant === 1 ? Array.from({ length: rng.int(2, 5) }, () => b.randomPerson().holder) : [mainHolder.kind === 'person' ? mainHolder : b.randomPerson().holder];
  const count = clear ? 6 : rng.int(3, 9);
  const span = clear ? 4 : rng.int(2, 10);
  const start = windowStart(b, span);
  for (let i = 0; i < count; i++) {
    const target = targets[i % targets.length] as AccountRec;
    const depositor = depositors[i % depositors.length] as PartyRec;
    const fraction = rng.between(0.85, 0.99);
    const step = currency === 'COP' ? rng.pick([10_000, 50_000, 1_000]) : rng.pick([10, 50, 1]);
    const amount = Math.min(threshold - step, Math.round((threshold * fraction) / step) * step);
    const desk = b.cashDesk(target.bank);
    const t = b.tx(desk, target, b.at(start + (span * i) / count, 8, 16), amount, 'cash', rng.pick(CASH_DEPOSIT_WORDS), depositor);
    b.record(d, t, target);
    d.parties.add(depositor);
  }
};

const fanIn: Planter = (b, index, clear) => {
  const rng = b.rng;
  const currency = plantCurrency(b, index);
  const d = b.draft('fan-in');
  const funnel = b.takeAccount(currency);
  const senders = clear ? 15 : rng.int(8, 30);
  const span = clear ? 2 : rng.between(1, 7);
  const start = windowStart(b, span);
  const base = rng.logNormal(1500, 0.4);
  for (let i = 0; i < senders; i++) {
    const from = b.takeAccount(currency);
    const t = b.tx(from, funnel, b.at(start + rng.between(0, span), 7, 20), b.money(base * rng.logNormal(1, 0.35), currency), b.transferChannel(from, funnel), b.transferDescription(from, funnel));
    b.record(d, t, from, funnel);
  }
};

const fanOut: Planter = (b, index, clear) => {
  const rng = b.rng;
  const currency = plantCurrency(b, index);
  const d = b.draft('fan-out');
  const origin = b.takeAccount(currency);
  const recipients = clear ? 14 : rng.int(8, 30);
  const span = clear ? 2 : rng.between(1, 7);
  const start = windowStart(b, span);
  const base = rng.logNormal(1200, 0.4);
  for (let i = 0; i < recipients; i++) {
    const to = b.takeAccount(currency);
    const t = b.tx(origin, to, b.at(start + rng.between(0, span), 7, 20), b.money(base * rng.logNormal(1, 0.35), currency), b.transferChannel(origin, to), b.transferDescription(origin, to));
    b.record(d, t, origin, to);
  }
};

const scatterGather: Planter = (b, index) => {
  const rng = b.rng;
  const currency = plantCurrency(b, index);
  const d = b.draft('scatter-gather');
  const origin = b.takeAccount(currency);
  const beneficiary = b.takeAccount(currency);
  const middle = rng.int(4, 12);
  const span = rng.between(4, 20);
  const start = windowStart(b, span);
  const total = rng.logNormal(60_000, 0.5);
  for (let i = 0; i < middle; i++) {
    const intermediary = b.takeAccount(currency);
    const share = b.money((total / middle) * rng.logNormal(1, 0.2), currency);
    const t1 = b.tx(origin, intermediary, b.at(start + rng.between(0, span * 0.45)), share, b.transferChannel(origin, intermediary), b.transferDescription(origin, intermediary));
    const kept = share * (1 - rng.between(0.01, 0.05));
    const t2 = b.tx(intermediary, beneficiary, b.at(start + span * 0.55 + rng.between(0, span * 0.45)), b.round(kept, currency), b.transferChannel(intermediary, beneficiary), b.transferDescription(intermediary, beneficiary));
    b.record(d, t1, origin, intermediary);
    b.record(d, t2, intermediary, beneficiary);
  }
};

const gatherScatter: Planter = (b, index) => {
  const rng = b.rng;
  const currency = plantCurrency(b, index);
  const d = b.draft('gather-scatter');
  const hub = b.takeAccount(currency);
  const senders = rng.int(6, 15);
  const recipients = rng.int(5, 15);
  const span = rng.between(4, 16);
  const start = windowStart(b, span);
  let total = 0;
  for (let i = 0; i < senders; i++) {
    const from = b.takeAccount(currency);
    const amount = b.money(rng.logNormal(4000, 0.5), currency);
    total += amount;
    b.record(d, b.tx(from, hub, b.at(start + rng.between(0, span * 0.45)), amount, b.transferChannel(from, hub), b.transferDescription(from, hub)), from, hub);
  }
  const outTotal = total * rng.between(0.9, 0.98);
  const weights = Array.from({ length: recipients }, () => rng.logNormal(1, 0.3));
  const weightSum = weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < recipients; i++) {
    const to = b.takeAccount(currency);
    const amount = b.round((outTotal * (weights[i] as number)) / weightSum, currency);
    b.record(d, b.tx(hub, to, b.at(start + span * 0.55 + rng.between(0, span * 0.45)), amount, b.transferChannel(hub, to), b.transferDescription(hub, to)), hub, to);
  }
};

const cycle: Planter = (b, index, clear) => {
  const rng = b.rng;
  const currency = index % 2 === 1 ? 'USD' : 'COP';
  const d = b.draft('cycle');
  const length = clear ? 4 : rng.int(3, 7);
  const members: AccountRec[] = [];
  for (let i = 0; i < length; i++) {
    const country = currency === 'USD' ? rng.pick(['EC', 'PA', 'US']) : undefined;
    members.push(b.takeAccount(currency, i === 0 || rng.chance(0.5) ? 'company' : undefined, country));
  }
  let amount = rng.logNormal(40_000, 0.6) * (UNITS_PER_USD[currency] ?? 1);
  const hopDays = Math.min(5, Math.max(1, (b.days - 6) / length));
  let day = windowStart(b, length * hopDays);
  for (let i = 0; i < length; i++) {
    const from = members[i] as AccountRec;
    const to = members[(i + 1) % length] as AccountRec;
    const t = b.tx(from, to, b.at(day), b.round(amount, currency), b.transferChannel(from, to), b.transferDescription(from, to));
    b.record(d, t, from, to);
    amount *= 1 - rng.between(0.005, 0.03);
    day += rng.between(Math.min(1, hopDays), hopDays);
  }
};

const passThrough: Planter = (b, index) => {
  const rng = b.rng;
  const currency = plantCurrency(b, index);
  const d = b.draft('pass-through');
  const chain = Array.from({ length: rng.int(1, 3) }, () => b.takeAccount(currency, 'person'));
  const exit = b.takeAccount(currency);
  const rounds = rng.int(2, 5);
  const span = scaledSpan(b, 10, 40);
  const start = windowStart(b, span + 3);
  for (let r = 0; r < rounds; r++) {
    const source = b.takeAccount(currency, 'company');
    let amount = rng.logNormal(12_000, 0.5) * (UNITS_PER_USD[currency] ?? 1);
    let ts = b.at(start + (span * r) / rounds, 8, 14);
    const hops: Endpoint[] = [source, ...chain, exit];
    for (let h = 0; h + 1 < hops.length; h++) {
      const from = hops[h] as AccountRec;
      const to = hops[h + 1] as AccountRec;
      const t = b.tx(from, to, ts, b.round(amount, currency), b.transferChannel(from, to), b.transferDescription(from, to));
      b.record(d, t, from, to);
      amount *= rng.between(0.9, 0.98);
      ts += Math.round(rng.between(1, 30) * HOUR);
    }
  }
};

const highRisk: Planter = (b, index) => {
  const rng = b.rng;
  const d = b.draft('high-risk-jurisdiction');
  const currency = index % 2 === 0 ? 'COP' : 'USD';
  const local = b.takeAccount(currency, 'company');
  const country = index % 3 === 0 ? rng.pick(FATF_BLACK_2025) : rng.pick(FATF_GREY_2025_SAMPLE);
  const foreignParty = b.newParty('company', country, `${rng.pick(['Global', 'Orient', 'Golden', 'Pearl', 'Star'])} ${rng.pick(['Trading', 'General Trading', 'Commodities', 'Holding'])} ${rng.pick(['Co.', 'LLC', 'Ltd.'])}`);
  const foreign = b.newAccount(foreignParty, country, { currency: 'USD' });
  foreign.taken = true;
  const wires = rng.int(2, 6);
  const span = scaledSpan(b, 10, 60);
  const start = windowStart(b, span);
  for (let i = 0; i < wires; i++) {
    const outgoing = rng.chance(0.7);
    const from = outgoing ? local : foreign;
    const to = outgoing ? foreign : local;
    const amount = b.money(rng.logNormal(25_000, 0.6), from.currency);
    const t = b.tx(from, to, b.at(start + rng.between(0, span), 9, 16), amount, 'wire', outgoing ? rng.pick(['Giro al exterior', 'Pago al exterior', 'Transferencia internacional']) : 'Reintegro de divisas');
    b.record(d, t, from, to);
  }
};

const roundAmounts: Planter = (b, index) => {
  const rng = b.rng;
  const currency = index % 2 === 0 ? 'COP' : 'USD';
  const d = b.draft('round-amounts');
  const account = b.takeAccount(currency);
  const counterparties = Array.from({ length: rng.int(3, 8) }, () => b.takeAccount(currency));
  const count = rng.int(5, 10);
  const span = scaledSpan(b, 14, 45);
  const start = windowStart(b, span);
  const unit = currency === 'COP' ? 1_000_000 : 1_000;
  for (let i = 0; i < count; i++) {
    const other = rng.pick(counterparties);
    const amount = unit * rng.pick([5, 10, 10, 15, 20, 20, 25, 30, 40, 50]);
    const outgoing = rng.chance(0.5);
    const from = outgoing ? account : other;
    const to = outgoing ? other : account;
    b.record(d, b.tx(from, to, b.at(start + rng.between(0, span)), amount, b.transferChannel(from, to), b.transferDescription(from, to)), from, to);
  }
};

const dormant: Planter = (b, index) => {
  const rng = b.rng;
  const currency = plantCurrency(b, index);
  const d = b.draft('dormant-reactivation');
  const holder = b.newParty(rng.chance(0.6) ? 'person' : 'company', currency === 'COP' ? 'CO' : currency === 'MXN' ? 'MX' : rng.pick(['EC', 'PA', 'US']));
  const account = b.newAccount(holder, holder.country, { currency, openedYearsAgo: [3, 8] });
  account.quiet = true;
  account.taken = true;
  // A trickle at the start of the period, then silence for most of it.
  const early = rng.int(1, 2);
  for (let i = 0; i < early; i++) {
    const desk = b.cashDesk(account.bank);
    b.tx(account, desk, b.at(rng.between(0, b.days * 0.06)), b.money(rng.logNormal(60, 0.4), currency), 'cash', 'Retiro en efectivo');
  }
  const burstStart = Math.floor(b.days * rng.between(0.72, 0.85));
  const span = rng.between(3, 14);
  const bursts = rng.int(4, 10);
  for (let i = 0; i < bursts; i++) {
    const other = b.takeAccount(currency);
    const incoming = i === 0 || rng.chance(0.55);
    const from = incoming ? other : account;
    const to = incoming ? account : other;
    const amount = b.money(rng.logNormal(20_000, 0.5), currency);
    b.record(d, b.tx(from, to, b.at(Math.min(b.days - 1, burstStart + rng.between(0, span))), amount, b.transferChannel(from, to), b.transferDescription(from, to)), from, to);
  }
  d.accounts.clear();
  d.accounts.add(account);
  d.parties.clear();
  d.parties.add(holder);
};

const tradeUnitValue: Planter = (b, index) => {
  const rng = b.rng;
  const d = b.draft('trade-unit-value');
  const route = b.pickTradeRoute();
  const exporter = b.newParty('company', route.from);
  const importer = b.newParty('company', route.to);
  const over = index % 2 === 0;
  const factor = over ? rng.between(3, 10) : 1 / rng.between(3, 10);
  const count = rng.int(1, 3);
  for (let i = 0; i < count; i++) {
    const s = b.shipment(exporter, importer, route.commodity, b.at(rng.int(0, b.days - 1)), factor);
    d.shipments.push(s);
    for (const t of b.payShipment(s)) b.record(d, t, b.usdAccount(importer), b.usdAccount(exporter));
  }
};

const tradePhantom: Planter = (b, index) => {
  const rng = b.rng;
  const d = b.draft('trade-phantom-payment');
  let route = b.pickTradeRoute();
  let exporter = b.trader(route.from, 'exporter');
  let importer = b.trader(route.to, 'importer');
  // A pair that never traded with each other, though both are known traders (in customs
  // records) in different countries: the payment looks like trade but no goods moved.
  const traded = new Set(b.shipments.map((s) => `${s.exporterParty.id}>${s.importerParty.id}`));
  for (let tries = 0; tries < 100 && b.shipments.length > 1; tries++) {
    const a = rng.pick(b.shipments);
    const c = rng.pick(b.shipments);
    if (a.exporterParty.country === c.importerParty.country || traded.has(`${a.exporterParty.id}>${c.importerParty.id}`)) continue;
    exporter = a.exporterParty;
    importer = c.importerParty;
    route = { commodity: COMMODITIES.find((m) => m.hsCode === a.hsCode) ?? route.commodity, from: exporter.country, to: importer.country };
    break;
  }
  const from = b.usdAccount(importer);
  const to = b.usdAccount(exporter);
  const withCover = index % 2 === 1;
  let cover: ShipmentRec | undefined;
  if (withCover) {
    // One small genuine-looking shipment "covers" payments worth several times its value.
    cover = b.shipment(exporter, importer, route.commodity, b.at(rng.int(2, Math.max(3, b.days - 40))), 1);
    d.shipments.push(cover);
  }
  const payments = rng.int(2, 4);
  const total = cover ? cover.declaredValue * rng.between(3, 6) : rng.logNormal(150_000, 0.5);
  const startDay = cover ? (cover.date - b.start) / DAY : windowStart(b, 40);
  const invoice = b.invoiceNumber();
  for (let i = 0; i < payments; i++) {
    const day = Math.min(b.days - 1, startDay + rng.between(0, 35));
    const t = b.tx(from, to, b.at(day, 9, 17), b.round((total / payments) * rng.logNormal(1, 0.15), 'USD'), 'wire', `Pago factura ${invoice}`);
    b.record(d, t, from, to);
  }
};

const tradeThirdParty: Planter = (b) => {
  const rng = b.rng;
  const d = b.draft('trade-third-party');
  const route = b.pickTradeRoute();
  const exporter = b.trader(route.from, 'exporter');
  const importer = b.newParty('company', route.to);
  const s = b.shipment(exporter, importer, route.commodity, b.at(rng.int(2, Math.max(3, b.days - 20))), 1);
  d.shipments.push(s);
  d.parties.add(importer);
  const to = b.usdAccount(exporter);
  const payers = rng.int(1, 4);
  let paid = 0;
  for (let i = 0; i < payers; i++) {
    // Unrelated payers, often US dollar accounts: the Black Market Peso Exchange pattern.
    const payer = b.takeAccount('USD', undefined, rng.chance(0.6) ? 'US' : undefined);
    const amount = i === payers - 1 ? Math.round((s.declaredValue - paid) * 100) / 100 : Math.round((s.declaredValue / payers) * rng.between(0.7, 1.3) * 100) / 100;
    paid += amount;
    if (amount <= 0) continue;
    const day = Math.min(b.days - 1, (s.date - b.start) / DAY + rng.between(-5, 30));
    const t = b.tx(payer, to, b.at(Math.max(0, day), 9, 17), amount, payer.country === to.country ? 'transfer' : 'wire', `Pago factura ${b.invoiceNumber()}`);
    b.record(d, t, payer, to);
  }
};

const PLANTERS: Record<TypologyId, Planter> = {
  structuring,
  'fan-in': fanIn,
  'fan-out': fanOut,
  'scatter-gather': scatterGather,
  'gather-scatter': gatherScatter,
  cycle,
  'pass-through': passThrough,
  'high-risk-jurisdiction': highRisk,
  'round-amounts': roundAmounts,
  'dormant-reactivation': dormant,
  'trade-unit-value': tradeUnitValue,
  'trade-phantom-payment': tradePhantom,
  'trade-third-party': tradeThirdParty,
};

// ====================================================================================
// Background: recurring benign flows (budgeted), then random everyday activity.
// ====================================================================================

function monthlyDays(b: CaseBuilder, dayOfMonth: number): number[] {
  const out: number[] = [];
  const first = new Date(b.start);
  for (let m = 0; m < b.days / 28 + 2; m++) {
    const date = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1);
    const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m + 1, 0)).getUTCDate();
    const ts = date + (Math.min(dayOfMonth, lastDay) - 1) * DAY;
    if (b.inPeriod(ts)) out.push((ts - b.start) / DAY);
  }
  return out;
}

function monthName(b: CaseBuilder, day: number): string {
  return MONTHS_ES[new Date(b.start + day * DAY).getUTCMonth()] as string;
}

function payroll(b: CaseBuilder, budget: number) {
  const rng = b.rng;
  const employed = new Set<AccountRec>();
  let spent = 0;
  let guard = 0;
  while (spent < budget && guard++ < 10_000) {
    const employer = b.randomCompany();
    if (employer.taken) continue;
    employer.taken = true;
    const semiMonthly = rng.chance(0.3);
    const payDays = semiMonthly ? [...monthlyDays(b, 15), ...monthlyDays(b, 30)].sort((x, y) => x - y) : monthlyDays(b, rng.pick([25, 28, 30]));
    const size = Math.min(Math.max(2, Math.round(rng.logNormal(8, 0.9))), 150);
    const employees: AccountRec[] = [];
    for (let i = 0; i < size * 3 && employees.length < size; i++) {
      const candidate = b.personIn(employer.country === 'US' ? 'US' : employer.country);
      if (candidate.currency !== employer.currency || employed.has(candidate) || candidate.taken) continue;
      employed.add(candidate);
      employees.push(candidate);
    }
    if (employees.length < 2) continue;
    const baseSalary = b.niceAmount(rng.logNormal(SALARY_USD[employer.country] ?? 800, 0.3), employer.currency);
    const salaries = employees.map(() => (rng.chance(0.4) ? baseSalary : b.niceAmount(rng.logNormal(SALARY_USD[employer.country] ?? 800, 0.5), employer.currency)));
    const hour = rng.int(5, 10);
    for (const day of payDays) {
      const batch = b.start + day * DAY + hour * HOUR + rng.int(0, 1800) * 1000;
      employees.forEach((employee, i) => {
        const amount = semiMonthly ? b.round((salaries[i] as number) / 2, employer.currency) : (salaries[i] as number);
        b.tx(employer, employee, batch + i * rng.int(1, 20) * 1000, amount, 'transfer', `Pago nómina ${monthName(b, day)}`);
        spent++;
      });
    }
    b.benign.push({ kind: 'payroll', accounts: [employer, ...employees] });
  }
}

function rent(b: CaseBuilder, budget: number) {
  const rng = b.rng;
  let spent = 0;
  let guard = 0;
  while (spent < budget && guard++ < 10_000) {
    const landlord = b.randomPerson();
    if (landlord.taken) continue;
    landlord.taken = true;
    const tenants = Array.from({ length: rng.int(1, 4) }, () => b.personIn(landlord.country)).filter((t) => t !== landlord && t.currency === landlord.currency);
    if (tenants.length === 0) continue;
    const word = landlord.country === 'CO' ? 'arriendo' : landlord.country === 'MX' ? 'renta' : 'alquiler';
    for (const tenant of tenants) {
      const amount = b.niceAmount(rng.logNormal(landlord.country === 'US' ? 1600 : 350, 0.4), landlord.currency) * 5;
      const dueDay = rng.int(1, 5);
      for (const day of monthlyDays(b, dueDay)) {
        b.tx(tenant, landlord, b.at(day + rng.int(0, 2), 7, 21), amount, 'transfer', `Pago ${word} ${monthName(b, day)}`);
        spent++;
      }
    }
    b.benign.push({ kind: 'rent', accounts: [landlord, ...tenants] });
  }
}

function loans(b: CaseBuilder, budget: number) {
  const rng = b.rng;
  let spent = 0;
  let guard = 0;
  while (spent < budget && guard++ < 100_000) {
    const borrower = rng.chance(0.8) ? b.randomPerson() : b.randomCompany();
    const lender = b.institution('lender', borrower.country);
    if (lender.currency !== borrower.currency) continue;
    const instalment = b.money(rng.logNormal(borrower.holder.kind === 'company' ? 2500 : 180, 0.5), borrower.currency);
    const dueDay = rng.int(1, 28);
    let n = rng.int(1, 30);
    for (const day of monthlyDays(b, dueDay)) {
      b.tx(borrower, lender, b.at(day, 6, 22), instalment, 'transfer', `Cuota crédito ${n++}`);
      spent++;
    }
    b.institutionPattern.get(lender)?.accounts.push(borrower);
  }
}

function utilities(b: CaseBuilder, budget: number) {
  const rng = b.rng;
  let spent = 0;
  let guard = 0;
  while (spent < budget && guard++ < 100_000) {
    const customer = b.randomPerson();
    const utility = b.institution('utility', customer.country);
    if (utility.currency !== customer.currency) continue;
    const mean = rng.logNormal(45, 0.5);
    const dueDay = rng.int(5, 25);
    for (const day of monthlyDays(b, dueDay)) {
      b.tx(customer, utility, b.at(day + rng.int(0, 3), 6, 23), b.money(mean * rng.logNormal(1, 0.2), customer.currency), rng.chance(0.7) ? 'transfer' : 'card', rng.pick(['Pago servicios públicos', 'Pago factura servicio', 'Pago PSE servicios']));
      spent++;
    }
  }
}

function suppliers(b: CaseBuilder, budget: number) {
  const rng = b.rng;
  let spent = 0;
  let guard = 0;
  while (spent < budget && guard++ < 10_000) {
    const payer = b.randomCompany();
    if (payer.taken) continue;
    payer.taken = true;
    const vendors = Array.from({ length: rng.int(3, 10) }, () => b.randomCompany()).filter((v) => v !== payer && v.currency === payer.currency);
    if (vendors.length < 2) continue;
    // Many firms still pay some suppliers by cheque (more so in Panama, Honduras and the Dominican Republic).
    const chequeShare = ['PA', 'HN', 'DO'].includes(payer.country) ? 0.35 : 0.12;
    let chequeNumber = rng.int(1_000_000, 9_000_000);
    for (const vendor of vendors) {
      const mean = rng.logNormal(3000, 0.8);
      const byCheque = vendor.country === payer.country && rng.chance(chequeShare);
      let day = rng.between(0, 20);
      while (day < b.days) {
        const amount = b.money(mean * rng.logNormal(1, 0.35), payer.currency);
        if (byCheque) b.tx(payer, vendor, b.at(day), amount, 'check', `Cheque No. ${chequeNumber++} pago factura ${b.invoiceNumber()}`);
        else b.tx(payer, vendor, b.at(day), amount, 'transfer', `Pago factura ${b.invoiceNumber()}`);
        spent++;
        day += rng.between(14, 42);
      }
    }
    b.benign.push({ kind: 'suppliers', accounts: [payer, ...vendors] });
  }
}

/**
 * Shops bank their cash takings several times a week: many cash deposits into one
 * account, well under the threshold and varying — a look-alike of structuring that
 * lacks its signature (amounts just below the threshold, adding up past it in days).
 */
function cashTakings(b: CaseBuilder, budget: number) {
  const rng = b.rng;
  let spent = 0;
  for (const merchant of rng.sample(b.merchants, Math.max(1, Math.round(b.merchants.length * 0.25)))) {
    if (spent >= budget) break;
    const threshold = CASH_THRESHOLD[merchant.currency] ?? 10_000 * (UNITS_PER_USD[merchant.currency] ?? 1);
    const typical = threshold * rng.between(0.04, 0.22);
    let day = rng.between(0, 4);
    while (day < b.days && spent < budget) {
      const desk = b.cashDesk(merchant.bank);
      const amount = b.round(Math.min(threshold * 0.45, typical * rng.logNormal(1, 0.35)), merchant.currency);
      b.tx(desk, merchant, b.at(day, 9, 17), amount, 'cash', rng.pick(['Consignación en efectivo', 'Depósito de recaudo', 'Consignación ventas del día']), merchant.holder);
      spent++;
      day += rng.between(1.5, 5);
    }
  }
}

/**
 * People move part of their pay to their own account at another bank the day it
 * arrives: money in and straight out again, but between accounts of one holder.
 */
function ownTransfers(b: CaseBuilder, budget: number) {
  const rng = b.rng;
  let spent = 0;
  let guard = 0;
  while (spent < budget && guard++ < 20_000) {
    const account = b.randomPerson();
    const other = account.holder.accounts.find((a) => a !== account && a.currency === account.currency && !a.quiet);
    if (!other) continue;
    const monthly = rng.logNormal(300, 0.6);
    for (const day of monthlyDays(b, rng.pick([1, 15, 30]))) {
      b.tx(account, other, b.at(Math.min(b.days - 1, day + rng.between(0, 1.5)), 7, 22), b.money(monthly * rng.logNormal(1, 0.2), account.currency), 'transfer', rng.pick(['Traslado entre cuentas propias', 'Transferencia a cuenta propia', 'Ahorro']));
      spent++;
    }
  }
}

function families(b: CaseBuilder, budget: number) {
  const rng = b.rng;
  let spent = 0;
  let guard = 0;
  while (spent < budget && guard++ < 10_000) {
    const first = b.randomPerson();
    if (first.taken) continue;
    // Relatives: same country, or one member abroad in the US sending remittances home.
    const members = [first, ...Array.from({ length: rng.int(1, 3) }, () => (rng.chance(0.25) ? b.personIn('US') : b.personIn(first.country)))].filter((m, i, all) => all.indexOf(m) === i && !m.taken);
    if (members.length < 2) continue;
    for (const m of members) m.taken = true;
    const perMonth = rng.between(0.5, 3);
    const transfers = Math.max(2, Math.round(perMonth * (b.days / 30) * members.length));
    for (let i = 0; i < transfers; i++) {
      const from = rng.pick(members);
      let to = rng.pick(members);
      while (to === from) to = rng.pick(members);
      const channel = from.country !== to.country ? 'wire' : 'transfer';
      b.tx(from, to, b.at(rng.between(0, b.days - 1), 7, 22), b.money(rng.logNormal(150, 0.6), from.currency), channel, channel === 'wire' ? 'Remesa familiar' : rng.pick(['Para la casa', 'Transferencia', 'Mesada', 'Ayuda mamá', 'Préstamo familiar']));
      spent++;
    }
    b.benign.push({ kind: 'family', accounts: members });
  }
}

function cardPurchase(b: CaseBuilder) {
  const rng = b.rng;
  const customer = b.randomPerson();
  const merchant = b.merchants[rng.cumulativeIndex(b.merchantCumulative)] as AccountRec;
  b.tx(customer, merchant, b.at(rng.between(0, b.days - 1), 7, 22), b.money(rng.logNormal(25, 0.9), customer.currency), 'card', rng.pick(['Compra POS', 'Compra con tarjeta débito', 'Compra en comercio', 'Pago con tarjeta']));
}

function peerTransfer(b: CaseBuilder) {
  const rng = b.rng;
  const from = b.randomPerson();
  const to = rng.chance(0.85) ? b.personIn(from.country) : b.randomPerson();
  if (to === from) return false;
  b.tx(from, to, b.at(rng.between(0, b.days - 1), 6, 23), b.money(rng.logNormal(80, 1), from.currency), b.transferChannel(from, to), b.transferDescription(from, to));
  return true;
}

function cashMovement(b: CaseBuilder) {
  const rng = b.rng;
  const account = rng.chance(0.8) ? b.randomPerson() : b.randomCompany();
  const desk = b.cashDesk(account.bank);
  const threshold = CASH_THRESHOLD[account.currency] ?? 10_000;
  const day = rng.between(0, b.days - 1);
  if (rng.chance(0.62)) {
    b.tx(account, desk, b.at(day, 6, 22), b.niceAmount(rng.logNormal(90, 0.8), account.currency), 'cash', rng.pick(['Retiro en efectivo', 'Retiro cajero automático', 'Retiro por ventanilla']));
  } else if (account.holder.kind === 'company' && rng.chance(0.06)) {
    // An ordinary large deposit, above the threshold and reported: not structuring.
    b.tx(desk, account, b.at(day, 8, 16), b.round(threshold * rng.between(1.1, 3), account.currency), 'cash', 'Consignación en efectivo', account.holder);
  } else {
    const amount = Math.min(threshold * 0.6, b.money(rng.logNormal(account.holder.kind === 'company' ? 900 : 150, 0.9), account.currency));
    b.tx(desk, account, b.at(day, 8, 17), b.round(amount, account.currency), 'cash', rng.pick(CASH_DEPOSIT_WORDS), account.holder);
  }
}

function companyWire(b: CaseBuilder) {
  const rng = b.rng;
  const from = b.randomCompany();
  const to = b.randomCompany();
  if (from === to) return false;
  b.tx(from, to, b.at(rng.between(0, b.days - 1)), b.money(rng.logNormal(6000, 1), from.currency), b.transferChannel(from, to), `Pago factura ${b.invoiceNumber()}`);
  return true;
}

/** Builds a synthetic case with planted typologies and benign look-alikes; same options ⇒ same case. */
export function generateCase(options: GenerateOptions): GeneratedCase {
  if (!Number.isFinite(options.transactions) || options.transactions < 1) throw new Error('transactions must be a positive number');
  const target = Math.round(options.transactions);
  const layouts = { ...DEFAULT_LAYOUTS, ...options.layouts };
  const b = new CaseBuilder(options);
  // About one account per 8 transactions once the planted patterns have added theirs.
  b.buildPopulation(Math.min(400_000, Math.max(60, Math.round(target / 9.5))));

  const shipmentCount = Math.max(60, Math.round(target / 150));
  b.commodities = b.rng.sample(COMMODITIES, Math.min(COMMODITIES.length, Math.max(5, Math.round(shipmentCount / 12))));
  b.backgroundTrade(shipmentCount);

  // Benign look-alikes first, so the roles they give (employer, landlord, merchant) are
  // never handed to a planted pattern: a label is either planted or benign, not both.
  const remaining = () => target - b.transactions.length;
  const backgroundBudget = Math.max(0, remaining()) * 0.9;
  payroll(b, backgroundBudget * 0.16);
  rent(b, backgroundBudget * 0.06);
  loans(b, backgroundBudget * 0.05);
  utilities(b, backgroundBudget * 0.09);
  suppliers(b, backgroundBudget * 0.06);
  families(b, backgroundBudget * 0.05);
  cashTakings(b, backgroundBudget * 0.02);
  ownTransfers(b, backgroundBudget * 0.02);
  for (const merchant of b.merchants) b.benign.push({ kind: 'merchant', accounts: [merchant] });
  // Employees, tenants, borrowers, vendors and relatives stay out of planted patterns too.
  for (const pattern of b.benign) for (const account of pattern.accounts) account.taken = true;

  const plants = plantsPerTypology(target);
  for (let i = 0; i < plants; i++) {
    for (const typology of TYPOLOGY_IDS) PLANTERS[typology](b, i, i === 0);
  }

  // Random everyday activity fills up to the target exactly.
  const weights: readonly (readonly ['card' | 'p2p' | 'cash' | 'wire', number])[] = [['card', 30], ['p2p', 11], ['cash', 9], ['wire', 3]];
  while (remaining() > 0) {
    const kind = b.rng.weighted(weights);
    if (kind === 'card') cardPurchase(b);
    else if (kind === 'p2p') peerTransfer(b);
    else if (kind === 'cash') cashMovement(b);
    else companyWire(b);
  }
  // Recurring flows can overshoot the budget by one batch: trim ordinary rows only.
  if (remaining() < 0) trimBackground(b, -remaining());
  return b.finish(layouts);
}

function trimBackground(b: CaseBuilder, excess: number) {
  const planted = new Set<Transaction>();
  for (const d of b.patterns) for (const t of d.transactions) planted.add(t);
  // Drop random everyday rows (card, cash) from the end: they belong to no pattern, benign or planted.
  const drop = new Set<Transaction>();
  for (let i = b.transactions.length - 1; i >= 0 && drop.size < excess; i--) {
    const t = b.transactions[i] as Transaction;
    if (!planted.has(t) && (t.channel === 'card' || t.channel === 'cash')) drop.add(t);
  }
  const kept = b.transactions.filter((t) => !drop.has(t));
  b.transactions.length = 0;
  b.transactions.push(...kept);
}
