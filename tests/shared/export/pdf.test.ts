import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { annexToCsv, buildChartPdf, buildEvidenceAnnex, evidenceHash, pngSize, type ChartPdfInput } from '../../../shared/export';
import type { Transaction } from '../../../shared/model';
import { solidPng } from '../../helpers/png';

const FILE = 'a'.repeat(64);

function transaction(id: string, from: string, to: string, amount: number, day: number, line: number): Transaction {
  return { id, timestamp: Date.UTC(2025, 2, day), fromAccount: from, toAccount: to, amount, currency: 'COP', channel: 'wire', source: { file: FILE, line } };
}

const transactions: Transaction[] = [];
for (let i = 0; i < 150; i++) transactions.push(transaction(`TX-${String(i).padStart(4, '0')}`, `ACC-${i % 7}`, 'ACC-HUB', 1_000_000 + i, 1 + (i % 27), i + 2));
// Transactions on the case that are not under any drawn edge must stay out of the annex.
transactions.push(transaction('TX-UNDRAWN', 'ACC-X', 'ACC-Y', 5, 3, 500));

const edges = Array.from({ length: 7 }, (_, k) => ({
  id: `ACC-${k}->ACC-HUB`,
  source: `ACC-${k}`,
  target: 'ACC-HUB',
  transactionIds: transactions.filter((t) => t.fromAccount === `ACC-${k}`).map((t) => t.id),
}));

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string[] }> {
  const document = await getDocument({ data: bytes.slice(), isEvalSupported: false, standardFontDataUrl: join(import.meta.dirname, '../../../node_modules/pdfjs-dist/standard_fonts/') }).promise;
  const text: string[] = [];
  for (let page = 1; page <= document.numPages; page++) {
    const content = await (await document.getPage(page)).getTextContent();
    text.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
  }
  return { pages: document.numPages, text };
}

function input(overrides: Partial<ChartPdfInput> = {}): ChartPdfInput {
  const annex = buildEvidenceAnnex(edges, { transactions }, new Map([[FILE, 'movimientos_marzo.csv']]));
  return {
    language: 'es',
    format: 'a4',
    orientation: 'landscape',
    tiles: { columns: 1, rows: 1 },
    title: 'Red de cuentas',
    caseInfo: { number: 'UIAF-2026-0042', name: 'Operación Caudal', unit: 'UIAF (Colombia)', analyst: 'Ana Pérez', classification: 'RESERVADO' },
    exportedAt: Date.UTC(2026, 10, 28, 12),
    chartPng: solidPng(800, 500),
    legend: [
      { label: 'Cuenta', colour: '#1c7ed6', mark: 'node' },
      { label: 'Evidencia', colour: '#d6336c', mark: 'line' },
      { label: 'Unidad asociada', colour: '#9c36b5', mark: 'dashed' },
    ],
    annex,
    dataHash: evidenceHash(annex),
    ...overrides,
  };
}

describe('evidence annex', () => {
  it('lists exactly the transactions under the drawn edges, with provenance', () => {
    const annex = buildEvidenceAnnex(edges, { transactions }, new Map([[FILE, 'movimientos_marzo.csv']]));
    expect(annex).toHaveLength(150);
    expect(annex.some((row) => row.transactionId === 'TX-UNDRAWN')).toBe(false);
    const first = annex.find((row) => row.transactionId === 'TX-0007');
    expect(first).toMatchObject({ sourceFile: 'movimientos_marzo.csv', sourceSha256: FILE, sourceLine: 9, edge: 'ACC-0->ACC-HUB' });
  });

  it('hashes the same evidence to the same value whatever the edge order, and different evidence differently', () => {
    const a = evidenceHash(buildEvidenceAnnex(edges, { transactions }));
    const b = evidenceHash(buildEvidenceAnnex([...edges].reverse(), { transactions }));
    const c = evidenceHash(buildEvidenceAnnex(edges.slice(1), { transactions }));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('writes CSV that Excel opens safely: BOM, quoted commas, formula injection neutralised', () => {
    const csv = annexToCsv([{ ...buildEvidenceAnnex(edges, { transactions })[0]!, sourceFile: '=HYPERLINK("x"),a.csv' }]);
    expect(csv.startsWith('\uFEFFedge,from,to,transaction_id')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x""),a.csv"`);
  });
});

describe('chart PDF for prosecutors', () => {
  it('prints each annex row in the reader’s words: the channel by name and the amount with its cents and currency', async () => {
    const row = { ...input().annex[0]!, amount: 1438.3, currency: 'MXN', channel: 'card' };
    const spanish = (await pdfText(buildChartPdf(input({ annex: [row], dataHash: evidenceHash([row]) })))).text.join('\n');
    expect(spanish).toMatch(/1\.438,30/);
    expect(spanish).toContain('MXN');
    expect(spanish).toContain('tarjeta');
    expect(spanish).not.toMatch(/\bcard\b/);
    const english = (await pdfText(buildChartPdf(input({ language: 'en', annex: [row], dataHash: evidenceHash([row]) })))).text.join('\n');
    expect(english).toMatch(/1,438\.30/);
    expect(english).toMatch(/\bcard\b/);
  });

  it('has the title block, marking and an annex whose rows are the transactions under the drawn edges', async () => {
    const pdf = buildChartPdf(input());
    const { pages, text } = await pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (const page of text) {
      expect(page).toContain('UIAF-2026-0042');
      expect(page).toContain('RESERVADO');
    }
    const all = text.join('\n');
    const listed = new Set(all.match(/TX-\d{4}/g));
    expect([...listed].sort()).toEqual(edges.flatMap((e) => e.transactionIds).sort());
    expect(all).not.toContain('TX-UNDRAWN');
    expect(all).toContain(evidenceHash(input().annex));
    expect(all).toContain('movimientos_marzo.csv : 2');
    expect(all).toContain(`Página ${pages} de ${pages}`);
  });

  it('tiles a large chart across columns × rows pages, each labelled with its section', async () => {
    const single = await pdfText(buildChartPdf(input({ format: 'a3', orientation: 'portrait' })));
    const tiled = await pdfText(buildChartPdf(input({ tiles: { columns: 2, rows: 2 }, format: 'a3', orientation: 'portrait' })));
    expect(tiled.pages).toBe(single.pages + 3);
    expect(tiled.text[0]).toContain('Sección fila 1/2, columna 1/2');
    expect(tiled.text[3]).toContain('Sección fila 2/2, columna 2/2');
  });

  it('stamps a partner unit’s caveat on every page and speaks English when asked', async () => {
    const caveat = 'PARTNER INTELLIGENCE FROM UAFE — no onward dissemination without prior written consent';
    const { text } = await pdfText(buildChartPdf(input({ language: 'en', caveat })));
    for (const page of text) expect(page).toContain('PARTNER INTELLIGENCE FROM UAFE');
    expect(text.join('\n')).toContain('Evidence annex');
  });

  it('refuses an image that is not a PNG', () => {
    expect(() => pngSize(new Uint8Array([1, 2, 3]))).toThrow(/not a PNG/);
    expect(() => buildChartPdf(input({ chartPng: new Uint8Array(40) }))).toThrow(/not a PNG/);
  });
});
