/**
 * Country names as lists write them (English, Spanish, demonyms) → ISO 3166
 * alpha-2, for comparing a listed nationality with a party's. Unknown words
 * are kept as written and never count as a contradiction.
 */
const NAMES: Record<string, string> = {
  colombia: 'CO', colombian: 'CO', colombiano: 'CO', colombiana: 'CO',
  mexico: 'MX', mexican: 'MX', mexicano: 'MX', mexicana: 'MX',
  venezuela: 'VE', venezuelan: 'VE', venezolano: 'VE', venezolana: 'VE', 'venezuela bolivarian republic of': 'VE', 'bolivarian republic of venezuela': 'VE',
  ecuador: 'EC', ecuadorian: 'EC', ecuatoriano: 'EC', ecuatoriana: 'EC',
  peru: 'PE', peruvian: 'PE', peruano: 'PE', peruana: 'PE',
  bolivia: 'BO', bolivian: 'BO', boliviano: 'BO', 'bolivia plurinational state of': 'BO',
  chile: 'CL', chilean: 'CL', chileno: 'CL', chilena: 'CL',
  argentina: 'AR', argentine: 'AR', argentinian: 'AR', argentino: 'AR',
  uruguay: 'UY', uruguayan: 'UY', uruguayo: 'UY',
  paraguay: 'PY', paraguayan: 'PY', paraguayo: 'PY',
  brazil: 'BR', brasil: 'BR', brazilian: 'BR', brasileno: 'BR', brasileiro: 'BR',
  panama: 'PA', panamanian: 'PA', panameno: 'PA', panamena: 'PA',
  'costa rica': 'CR', 'costa rican': 'CR', costarricense: 'CR',
  nicaragua: 'NI', nicaraguan: 'NI', nicaraguense: 'NI',
  honduras: 'HN', honduran: 'HN', hondureno: 'HN', hondurena: 'HN',
  'el salvador': 'SV', salvadoran: 'SV', salvadoreno: 'SV',
  guatemala: 'GT', guatemalan: 'GT', guatemalteco: 'GT', guatemalteca: 'GT',
  cuba: 'CU', cuban: 'CU', cubano: 'CU', cubana: 'CU',
  'dominican republic': 'DO', 'republica dominicana': 'DO', dominican: 'DO', dominicano: 'DO', dominicana: 'DO',
  'puerto rico': 'PR', haiti: 'HT', jamaica: 'JM',
  spain: 'ES', espana: 'ES', spanish: 'ES', espanol: 'ES', espanola: 'ES',
  portugal: 'PT', italy: 'IT', italia: 'IT', france: 'FR', francia: 'FR', germany: 'DE', alemania: 'DE',
  'united states': 'US', 'united states of america': 'US', usa: 'US', 'estados unidos': 'US', american: 'US', estadounidense: 'US',
  'united kingdom': 'GB', 'united kingdom of great britain and northern ireland': 'GB', british: 'GB', 'reino unido': 'GB',
  canada: 'CA', china: 'CN', chinese: 'CN', russia: 'RU', 'russian federation': 'RU', russian: 'RU', iran: 'IR', 'iran islamic republic of': 'IR', iranian: 'IR',
  iraq: 'IQ', iraqi: 'IQ', syria: 'SY', 'syrian arab republic': 'SY', syrian: 'SY', lebanon: 'LB', lebanese: 'LB', afghanistan: 'AF', afghan: 'AF',
  pakistan: 'PK', pakistani: 'PK', yemen: 'YE', yemeni: 'YE', somalia: 'SO', somali: 'SO', libya: 'LY', libyan: 'LY', sudan: 'SD', sudanese: 'SD',
  'saudi arabia': 'SA', saudi: 'SA', egypt: 'EG', egyptian: 'EG', jordan: 'JO', jordanian: 'JO', kuwait: 'KW', kuwaiti: 'KW', qatar: 'QA',
  'united arab emirates': 'AE', turkey: 'TR', turkiye: 'TR', israel: 'IL', india: 'IN', indonesia: 'ID', philippines: 'PH', mali: 'ML', nigeria: 'NG',
  "democratic people's republic of korea": 'KP', 'democratic peoples republic of korea': 'KP', 'north korea': 'KP', 'korea democratic peoples republic of': 'KP',
  'republic of korea': 'KR', 'south korea': 'KR', japan: 'JP', netherlands: 'NL', belgium: 'BE', switzerland: 'CH', algeria: 'DZ', tunisia: 'TN', morocco: 'MA',
};

/** ISO alpha-2 for a country name, demonym or code as lists write them; undefined when not recognised. */
export function countryCode(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const trimmed = raw.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  const folded = trimmed
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return NAMES[folded] ?? NAMES[folded.replace(/'/g, '')] ?? NAMES[folded.replace(/^the /, '')];
}
