import type { JurisdictionList } from './schema';

/**
 * FATF public statements as dated data. FATF revises these lists at each
 * plenary (February, June, October), so this is a starting point every unit
 * must check against fatf-gafi.org and edit in its profile — never code.
 *
 * The grey list below is the June 2025 plenary list as best known when this
 * file was written; it may already be out of date.
 */
export const FATF_LISTS: JurisdictionList = {
  asOf: '2025-06-13',
  source:
    'FATF "High-risk jurisdictions subject to a call for action" and "Jurisdictions under increased monitoring", June 2025 plenary (best knowledge at time of writing; verify at fatf-gafi.org)',
  // Democratic People's Republic of Korea, Iran, Myanmar.
  highRisk: ['KP', 'IR', 'MM'],
  monitored: [
    'DZ', // Algeria
    'AO', // Angola
    'BO', // Bolivia
    'BG', // Bulgaria
    'BF', // Burkina Faso
    'CM', // Cameroon
    'CI', // Côte d'Ivoire
    'CD', // Democratic Republic of the Congo
    'HT', // Haiti
    'KE', // Kenya
    'LA', // Lao PDR
    'LB', // Lebanon
    'MC', // Monaco
    'MZ', // Mozambique
    'NA', // Namibia
    'NP', // Nepal
    'NG', // Nigeria
    'ZA', // South Africa
    'SS', // South Sudan
    'SY', // Syria
    'VE', // Venezuela
    'VN', // Vietnam
    'VG', // British Virgin Islands
    'YE', // Yemen
  ],
  unitAdded: [],
};
