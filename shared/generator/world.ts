import { clabe, iban } from './ids';
import type { Rng } from './prng';

export interface Bank {
  name: string;
  /** Short code used in cash-desk pseudo accounts and BBANs. */
  code: string;
  country: string;
  accountNumber(rng: Rng): { id: string; iban?: string };
}

const digits = (n: number) => (rng: Rng) => ({ id: String(rng.int(1, 9)) + rng.digits(n - 1) });

/** The countries whose units use Caudal, plus the US (correspondent banking, remittances). */
export const HOME_COUNTRIES = ['CO', 'EC', 'PA', 'MX', 'HN', 'DO', 'US'] as const;
export type HomeCountry = (typeof HOME_COUNTRIES)[number];

export const CURRENCY_OF: Record<string, string> = {
  CO: 'COP', EC: 'USD', PA: 'USD', MX: 'MXN', HN: 'HNL', DO: 'DOP', US: 'USD',
  CN: 'USD', HK: 'USD', ES: 'EUR', VE: 'USD', HT: 'USD', IR: 'USD', KP: 'USD', MM: 'USD', SY: 'USD', YE: 'USD',
};

/** Rough units per USD, used only to scale amounts so every currency looks plausible. */
export const UNITS_PER_USD: Record<string, number> = { USD: 1, COP: 4000, MXN: 18, HNL: 25, DOP: 60, EUR: 0.92 };

/**
 * Cash reporting thresholds per account currency, for planting structuring just
 * below them (REFERENCE.md: UIAF COP 10M; UAFE/UAF USD 10,000; Mexico USD 7,500
 * equivalent; Honduras USD 10,000 eq.; Dominican Republic USD 15,000 eq.).
 * Legal figures change: these are the defaults units are asked to confirm.
 */
export const CASH_THRESHOLD: Record<string, number> = { COP: 10_000_000, USD: 10_000, MXN: 135_000, HNL: 250_000, DOP: 900_000 };

export const BANKS: Bank[] = [
  { name: 'Bancolombia', code: '007', country: 'CO', accountNumber: digits(11) },
  { name: 'Banco de Bogotá', code: '001', country: 'CO', accountNumber: digits(9) },
  { name: 'Davivienda', code: '051', country: 'CO', accountNumber: digits(12) },
  { name: 'BBVA Colombia', code: '013', country: 'CO', accountNumber: digits(10) },
  { name: 'Banco de Occidente', code: '023', country: 'CO', accountNumber: digits(9) },
  { name: 'Banco Caja Social', code: '032', country: 'CO', accountNumber: digits(11) },
  { name: 'Scotiabank Colpatria', code: '019', country: 'CO', accountNumber: digits(10) },
  { name: 'Banco Pichincha', code: '010', country: 'EC', accountNumber: digits(10) },
  { name: 'Banco Guayaquil', code: '017', country: 'EC', accountNumber: digits(10) },
  { name: 'Produbanco', code: '036', country: 'EC', accountNumber: digits(11) },
  { name: 'Banco del Pacífico', code: '030', country: 'EC', accountNumber: digits(8) },
  { name: 'Banco General', code: '071', country: 'PA', accountNumber: (rng) => ({ id: '04' + rng.digits(2) + rng.digits(9) }) },
  { name: 'Banistmo', code: '026', country: 'PA', accountNumber: digits(10) },
  { name: 'BAC Panamá', code: '045', country: 'PA', accountNumber: digits(9) },
  { name: 'Global Bank', code: '057', country: 'PA', accountNumber: digits(12) },
  { name: 'BBVA México', code: '012', country: 'MX', accountNumber: (rng) => ({ id: clabe('012', rng) }) },
  { name: 'Banorte', code: '072', country: 'MX', accountNumber: (rng) => ({ id: clabe('072', rng) }) },
  { name: 'Santander México', code: '014', country: 'MX', accountNumber: (rng) => ({ id: clabe('014', rng) }) },
  { name: 'Banamex', code: '002', country: 'MX', accountNumber: (rng) => ({ id: clabe('002', rng) }) },
  { name: 'Banco Atlántida', code: 'ATL', country: 'HN', accountNumber: digits(12) },
  { name: 'Banco Ficohsa', code: 'FIC', country: 'HN', accountNumber: digits(12) },
  { name: 'BAC Credomatic Honduras', code: 'BAC', country: 'HN', accountNumber: digits(9) },
  { name: 'Banpaís', code: 'BPA', country: 'HN', accountNumber: digits(11) },
  { name: 'Banco Popular Dominicano', code: 'BPDO', country: 'DO', accountNumber: (rng) => dominicanIban('BPDO', rng) },
  { name: 'Banreservas', code: 'BRRD', country: 'DO', accountNumber: (rng) => dominicanIban('BRRD', rng) },
  { name: 'Banco BHD', code: 'BCBH', country: 'DO', accountNumber: (rng) => (rng.chance(0.5) ? dominicanIban('BCBH', rng) : { id: rng.digits(10) }) },
  { name: 'JPMorgan Chase Bank', code: 'CHAS', country: 'US', accountNumber: digits(10) },
  { name: 'Bank of America', code: 'BOFA', country: 'US', accountNumber: digits(12) },
  { name: 'Wells Fargo Bank', code: 'WFBI', country: 'US', accountNumber: digits(10) },
  { name: 'City National Bank of Florida', code: 'CNBF', country: 'US', accountNumber: digits(10) },
  { name: 'Ocean Bank', code: 'OCBK', country: 'US', accountNumber: digits(9) },
  // Trade counterparties abroad.
  { name: 'Bank of China', code: 'BKCH', country: 'CN', accountNumber: digits(12) },
  { name: 'Industrial and Commercial Bank of China', code: 'ICBK', country: 'CN', accountNumber: digits(19) },
  { name: 'HSBC Hong Kong', code: 'HSBC', country: 'HK', accountNumber: (rng) => ({ id: rng.digits(3) + rng.digits(6) + rng.digits(3) }) },
  { name: 'CaixaBank', code: 'CAIX', country: 'ES', accountNumber: (rng) => spanishIban('2100', rng) },
  { name: 'Banco Sabadell', code: 'BSAB', country: 'ES', accountNumber: (rng) => spanishIban('0081', rng) },
  // Banks in high-risk or monitored jurisdictions.
  { name: 'Banesco Banco Universal', code: '0134', country: 'VE', accountNumber: (rng) => ({ id: '0134' + rng.digits(16) }) },
  { name: 'Banco de Venezuela', code: '0102', country: 'VE', accountNumber: (rng) => ({ id: '0102' + rng.digits(16) }) },
  { name: 'Unibank', code: 'UNIB', country: 'HT', accountNumber: digits(11) },
  { name: 'Bank Melli Iran', code: '017', country: 'IR', accountNumber: (rng) => ibanAccount('IR', '0170000000' + rng.digits(12)) },
  { name: 'Foreign Trade Bank of the DPRK', code: 'FTBD', country: 'KP', accountNumber: digits(13) },
  { name: 'Myanma Foreign Trade Bank', code: 'MFTB', country: 'MM', accountNumber: digits(14) },
  { name: 'Commercial Bank of Syria', code: 'CBOS', country: 'SY', accountNumber: digits(12) },
  { name: 'Yemen Kuwait Bank', code: 'YKBT', country: 'YE', accountNumber: digits(12) },
];

function ibanAccount(country: string, bban: string): { id: string; iban: string } {
  const value = iban(country, bban);
  return { id: value, iban: value };
}

function dominicanIban(bankCode: string, rng: Rng): { id: string; iban: string } {
  return ibanAccount('DO', bankCode + rng.digits(20));
}

function spanishIban(bankCode: string, rng: Rng): { id: string; iban: string } {
  return ibanAccount('ES', bankCode + rng.digits(16));
}

export const BANKS_BY_COUNTRY: Record<string, Bank[]> = {};
for (const bank of BANKS) (BANKS_BY_COUNTRY[bank.country] ??= []).push(bank);

/**
 * FATF lists used for planting. DATED: "call for action" and "increased
 * monitoring" as published by FATF in 2025 (revised three times a year). The
 * authoritative, editable list lives in the unit profile (shared/profiles), not here.
 */
export const FATF_BLACK_2025 = ['KP', 'IR', 'MM'] as const;
export const FATF_GREY_2025_SAMPLE = ['VE', 'HT', 'SY', 'YE'] as const;

export interface Port {
  country: string;
  name: string;
}

export const PORTS: Port[] = [
  { country: 'CO', name: 'Buenaventura' },
  { country: 'CO', name: 'Cartagena' },
  { country: 'CO', name: 'Barranquilla' },
  { country: 'CO', name: 'Santa Marta' },
  { country: 'EC', name: 'Guayaquil' },
  { country: 'EC', name: 'Posorja' },
  { country: 'PA', name: 'Colón (Manzanillo)' },
  { country: 'PA', name: 'Balboa' },
  { country: 'MX', name: 'Manzanillo' },
  { country: 'MX', name: 'Veracruz' },
  { country: 'MX', name: 'Lázaro Cárdenas' },
  { country: 'HN', name: 'Puerto Cortés' },
  { country: 'DO', name: 'Caucedo' },
  { country: 'DO', name: 'Haina' },
  { country: 'US', name: 'Miami' },
  { country: 'US', name: 'Houston' },
  { country: 'US', name: 'Los Angeles' },
  { country: 'CN', name: 'Shanghai' },
  { country: 'CN', name: 'Ningbo' },
  { country: 'CN', name: 'Shenzhen' },
  { country: 'HK', name: 'Hong Kong' },
  { country: 'ES', name: 'Valencia' },
  { country: 'ES', name: 'Algeciras' },
];

export interface Commodity {
  hsCode: string;
  goods: string;
  unit: string;
  /** Typical declared value per unit, USD: the norm under/over-invoicing departs from. */
  unitValueUsd: number;
  /** Typical shipment size in units (median). */
  typicalQuantity: number;
  exporters: string[];
  importers: string[];
}

export const COMMODITIES: Commodity[] = [
  { hsCode: '090111', goods: 'Café verde sin tostar', unit: 'kg', unitValueUsd: 5.5, typicalQuantity: 19_200, exporters: ['CO', 'HN', 'MX'], importers: ['US', 'ES'] },
  { hsCode: '080390', goods: 'Bananos frescos', unit: 'kg', unitValueUsd: 0.6, typicalQuantity: 40_000, exporters: ['EC', 'CO', 'HN'], importers: ['US', 'ES'] },
  { hsCode: '060311', goods: 'Rosas frescas cortadas', unit: 'kg', unitValueUsd: 6, typicalQuantity: 4_000, exporters: ['CO', 'EC'], importers: ['US', 'ES'] },
  { hsCode: '030617', goods: 'Camarones congelados', unit: 'kg', unitValueUsd: 7.5, typicalQuantity: 18_000, exporters: ['EC', 'HN', 'MX'], importers: ['US', 'ES', 'CN'] },
  { hsCode: '180100', goods: 'Cacao en grano', unit: 'kg', unitValueUsd: 6, typicalQuantity: 12_500, exporters: ['EC', 'DO', 'CO'], importers: ['US', 'ES'] },
  { hsCode: '710812', goods: 'Oro en bruto, uso no monetario', unit: 'g', unitValueUsd: 95, typicalQuantity: 8_000, exporters: ['CO', 'EC', 'PA', 'HN'], importers: ['US', 'HK', 'ES'] },
  { hsCode: '851713', goods: 'Teléfonos inteligentes', unit: 'u', unitValueUsd: 180, typicalQuantity: 2_000, exporters: ['CN', 'HK', 'PA', 'US'], importers: ['CO', 'EC', 'PA', 'MX', 'HN', 'DO'] },
  { hsCode: '847130', goods: 'Computadores portátiles', unit: 'u', unitValueUsd: 450, typicalQuantity: 600, exporters: ['CN', 'US', 'PA'], importers: ['CO', 'EC', 'MX', 'HN', 'DO'] },
  { hsCode: '852872', goods: 'Televisores', unit: 'u', unitValueUsd: 250, typicalQuantity: 800, exporters: ['CN', 'MX', 'PA'], importers: ['CO', 'EC', 'HN', 'DO'] },
  { hsCode: '620342', goods: 'Pantalones de algodón para hombre', unit: 'u', unitValueUsd: 8, typicalQuantity: 12_000, exporters: ['CN', 'HN', 'CO'], importers: ['US', 'CO', 'PA', 'MX'] },
  { hsCode: '640399', goods: 'Calzado de cuero', unit: 'par', unitValueUsd: 18, typicalQuantity: 5_000, exporters: ['CN', 'MX', 'CO'], importers: ['US', 'CO', 'PA', 'EC'] },
  { hsCode: '870323', goods: 'Automóviles de 1.500 a 3.000 cm³', unit: 'u', unitValueUsd: 18_000, typicalQuantity: 40, exporters: ['MX', 'US', 'CN'], importers: ['CO', 'EC', 'PA', 'HN', 'DO'] },
  { hsCode: '401110', goods: 'Neumáticos para automóviles', unit: 'u', unitValueUsd: 70, typicalQuantity: 2_500, exporters: ['CN', 'MX', 'US'], importers: ['CO', 'EC', 'HN', 'DO', 'PA'] },
  { hsCode: '300490', goods: 'Medicamentos dosificados', unit: 'kg', unitValueUsd: 60, typicalQuantity: 1_500, exporters: ['MX', 'CO', 'US', 'ES'], importers: ['EC', 'HN', 'DO', 'PA', 'CO'] },
  { hsCode: '720839', goods: 'Laminados planos de hierro o acero', unit: 'kg', unitValueUsd: 0.75, typicalQuantity: 120_000, exporters: ['CN', 'MX', 'US'], importers: ['CO', 'EC', 'HN', 'DO'] },
  { hsCode: '220830', goods: 'Whisky', unit: 'l', unitValueUsd: 12, typicalQuantity: 9_000, exporters: ['US', 'PA', 'ES'], importers: ['CO', 'DO', 'PA', 'HN'] },
  { hsCode: '100630', goods: 'Arroz blanqueado', unit: 'kg', unitValueUsd: 0.55, typicalQuantity: 100_000, exporters: ['US', 'EC', 'CO'], importers: ['HN', 'DO', 'PA', 'CO'] },
  { hsCode: '940360', goods: 'Muebles de madera', unit: 'u', unitValueUsd: 120, typicalQuantity: 900, exporters: ['CN', 'CO', 'MX', 'HN'], importers: ['US', 'PA', 'DO', 'CO'] },
  { hsCode: '330499', goods: 'Preparaciones de belleza y maquillaje', unit: 'kg', unitValueUsd: 25, typicalQuantity: 3_000, exporters: ['CO', 'MX', 'US', 'ES'], importers: ['EC', 'PA', 'HN', 'DO', 'US'] },
  { hsCode: '271019', goods: 'Aceites combustibles (diésel)', unit: 'l', unitValueUsd: 0.8, typicalQuantity: 500_000, exporters: ['US', 'MX'], importers: ['CO', 'HN', 'DO', 'PA', 'EC'] },
];
