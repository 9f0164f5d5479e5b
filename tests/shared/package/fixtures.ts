import type { Alert, CaseDataset } from '../../../shared/model';
import type { ChartInput } from '../../../shared/package';

const source = (line: number) => ({ file: 'ab'.repeat(32), line });
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Raw identifying values the leak test hunts for, in every normalisation. */
export const SECRETS = {
  names: ['José Ramírez Peñaloza', 'Inversiones Añil del Caribe S.A.S.', 'María Fernanda Ocampo Úsuga'],
  idNumbers: ['1.023.456.789', '900.555.321-7', '52.987.654'],
  accounts: ['0012345678901', 'PA39 BANP 0000 0012 3456 7899', '445566778899'],
};

export function demoDataset(): CaseDataset {
  return {
    parties: [
      { id: 'CC:1023456789', name: SECRETS.names[0]!, kind: 'person', idType: 'CC', idNumber: SECRETS.idNumbers[0]!, nationality: 'CO', birthDate: day('1979-03-14'), pep: false, source: source(2) },
      { id: 'NIT:9005553217', name: SECRETS.names[1]!, kind: 'company', idType: 'NIT', idNumber: SECRETS.idNumbers[1]!, nationality: 'CO', pep: false, source: source(3) },
      { id: 'CC:52987654', name: SECRETS.names[2]!, kind: 'person', idType: 'CC', idNumber: SECRETS.idNumbers[2]!, nationality: 'CO', birthDate: day('1985-11-02'), pep: true, source: source(4) },
    ],
    accounts: [
      { id: '0012345678901', institution: 'Banco de Bogotá', holderId: 'CC:1023456789', holderName: SECRETS.names[0]!, currency: 'COP', country: 'CO', opened: day('2019-05-20'), source: source(2) },
      { id: 'PA39BANP0000001234567899', iban: SECRETS.accounts[1]!, institution: 'Banco Panameño', holderId: 'NIT:9005553217', holderName: SECRETS.names[1]!, currency: 'USD', country: 'PA', source: source(3) },
      { id: '445566778899', institution: 'Bancolombia', holderId: 'CC:52987654', holderName: SECRETS.names[2]!, currency: 'COP', country: 'CO', source: source(4) },
    ],
    transactions: [
      { id: 'T-1', timestamp: day('2026-03-03'), fromAccount: '0012345678901', toAccount: 'PA39BANP0000001234567899', amount: 9_400_000, currency: 'COP', channel: 'wire', description: `Pago a ${SECRETS.names[1]!}`, fromPartyName: SECRETS.names[0]!, fromPartyId: 'CC:1023456789', toPartyName: SECRETS.names[1]!, toPartyId: 'NIT:9005553217', fromBank: 'Banco de Bogotá', toBank: 'Banco Panameño', fromCountry: 'CO', toCountry: 'PA', source: source(2) },
      { id: 'T-2', timestamp: day('2026-03-05'), fromAccount: 'PA39BANP0000001234567899', toAccount: '445566778899', amount: 2_250, currency: 'USD', channel: 'transfer', fromPartyName: SECRETS.names[1]!, toPartyName: SECRETS.names[2]!, toPartyId: 'CC:52987654', source: source(3) },
      { id: 'T-3', timestamp: day('2026-03-09'), fromAccount: '445566778899', toAccount: '0012345678901', amount: 9_800_000, currency: 'COP', channel: 'cash', source: source(4) },
      { id: 'T-4', timestamp: day('2026-04-01'), fromAccount: '9999', toAccount: '8888', amount: 10, currency: 'COP', channel: 'cash', source: source(5) },
    ],
    shipments: [],
  };
}

export function demoAlerts(): Alert[] {
  return [
    {
      id: 'cycle:0012345678901|445566778899|PA39BANP0000001234567899',
      typology: 'cycle',
      score: 82,
      accounts: ['0012345678901', 'PA39BANP0000001234567899', '445566778899'],
      parties: ['CC:1023456789'],
      transactions: ['T-1', 'T-2', 'T-3'],
      shipments: [],
      window: { from: day('2026-03-03'), to: day('2026-03-09') },
      totals: { COP: 19_200_000, USD: 2_250 },
      explanation: { es: `Ciclo desde la cuenta 0012345678901 de ${SECRETS.names[0]!}`, en: `Cycle from account 0012345678901 of ${SECRETS.names[0]!}` },
      focus: '0012345678901',
    },
  ];
}

export function demoCharts(): ChartInput[] {
  return [
    {
      id: 'chart-1',
      name: 'Ciclo marzo',
      view: 'accounts',
      nodes: [
        { id: '0012345678901', x: 10, y: 20 },
        { id: 'PA39BANP0000001234567899', x: 110, y: 20 },
        { id: '445566778899', x: 60, y: 90 },
        { id: '9999', x: 0, y: 0 },
      ],
    },
  ];
}

export const FULL_SELECTION = {
  parties: ['CC:1023456789', 'NIT:9005553217', 'CC:52987654'],
  accounts: ['0012345678901', 'PA39BANP0000001234567899', '445566778899'],
  transactions: ['T-1', 'T-2', 'T-3'],
  shipments: [],
  alerts: ['cycle:0012345678901|445566778899|PA39BANP0000001234567899'],
  charts: ['chart-1'],
};

export const HEADER = {
  originatingUnit: 'UIAF Colombia',
  recipientUnit: 'UAF Panamá',
  reference: 'UIAF-2026-0042',
  purpose: 'Analysis of a suspected round-tripping scheme (request UAF-REQ-17)',
  legalBasis: 'Egmont Principles for Information Exchange; MoU UIAF–UAF 2014',
  classification: 'RESERVADO',
  caveat: { en: 'No onward dissemination or evidential use without the originator’s prior written consent.', es: 'Prohibida su difusión a terceros sin consentimiento previo.' },
  expiresAt: day('2027-01-01'),
  contact: 'analista@uiaf.example',
  createdAt: day('2026-11-28'),
};

export const NOW = day('2026-11-28');
