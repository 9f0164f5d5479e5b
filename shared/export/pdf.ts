import { jsPDF } from 'jspdf';
import { channelName, formatAmount, formatDateTime, interpolate, type MessageParams } from '../i18n';
import type { Language } from '../model';
import type { AnnexRow } from './annex';
import { exportDocumentMessages } from './messages';

export const PAGE_FORMATS = ['a4', 'letter', 'a3'] as const;
export type PageFormat = (typeof PAGE_FORMATS)[number];
export type PageOrientation = 'landscape' | 'portrait';

export interface LegendEntry {
  label: string;
  colour: string;
  /** How the entry is drawn: a filled node swatch, a line, or a dashed line (partner data). */
  mark: 'node' | 'line' | 'dashed';
}

export interface ChartPdfInput {
  language: Language;
  format: PageFormat;
  orientation: PageOrientation;
  /** The chart is spread over columns × rows pages; 1 × 1 fits it on one page. */
  tiles: { columns: number; rows: number };
  title: string;
  caseInfo: { number: string; name: string; unit: string; analyst: string; classification: string };
  exportedAt: number;
  chartPng: Uint8Array;
  legend: LegendEntry[];
  annex: AnnexRow[];
  dataHash: string;
  /** The originator's caveat when the chart shows partner intelligence: stamped on every page. */
  caveat?: string;
}

const MARGIN = 10;
const HEADER_HEIGHT = 22;
const FOOTER_HEIGHT = 16;
const LEGEND_HEIGHT = 14;
const MARKING_RED: [number, number, number] = [179, 38, 30];

/** Width and height of a PNG from its IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (png.length < 24 || signature.some((byte, index) => png[index] !== byte)) throw new Error('the chart image is not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * A prosecutor's chart: title block with case data and classification on
 * every page, the chart (tiled over several pages when asked, each labelled
 * with its row and column), a legend, the SHA-256 of the evidence, and an
 * annex listing every transaction behind every drawn line with its source
 * file and line. Text stays text (searchable, extractable).
 */
export function buildChartPdf(input: ChartPdfInput): Uint8Array {
  const messages = exportDocumentMessages[input.language];
  const t = (key: keyof typeof messages, params?: MessageParams) => interpolate(messages[key], params);
  const doc = new jsPDF({ format: input.format, orientation: input.orientation, unit: 'mm', compress: true });
  doc.setProperties({ title: `${input.caseInfo.number} — ${input.title}`, subject: input.caseInfo.classification, creator: 'Caudal' });
  const pageWidth = doc.internal.pageSize.getWidth();
  const pageHeight = doc.internal.pageSize.getHeight();
  const columns = Math.max(1, Math.floor(input.tiles.columns));
  const rows = Math.max(1, Math.floor(input.tiles.rows));

  // Chart pages: the image is laid over a virtual canvas of columns × rows chart areas.
  const area = { x: MARGIN, y: MARGIN + HEADER_HEIGHT, width: pageWidth - 2 * MARGIN, height: pageHeight - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT - LEGEND_HEIGHT };
  const image = pngSize(input.chartPng);
  const scale = Math.min((area.width * columns) / image.width, (area.height * rows) / image.height);
  const drawnWidth = image.width * scale;
  const drawnHeight = image.height * scale;
  const offsetX = (area.width * columns - drawnWidth) / 2;
  const offsetY = (area.height * rows - drawnHeight) / 2;
  let first = true;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      if (!first) doc.addPage(input.format, input.orientation);
      first = false;
      doc.saveGraphicsState();
      doc.rect(area.x, area.y, area.width, area.height, null);
      doc.clip();
      doc.discardPath();
      doc.addImage(input.chartPng, 'PNG', area.x + offsetX - column * area.width, area.y + offsetY - row * area.height, drawnWidth, drawnHeight, 'chart', 'FAST');
      doc.restoreGraphicsState();
      doc.setDrawColor(200);
      doc.rect(area.x, area.y, area.width, area.height, 'S');
      if (columns * rows > 1) {
        doc.setFontSize(8);
        doc.setTextColor(90);
        doc.text(t('tile', { row: row + 1, rows, column: column + 1, columns }), area.x + area.width, area.y - 1.5, { align: 'right' });
      }
      drawLegend(doc, input.legend, t('legend'), t('edgeWidth'), { x: MARGIN, y: area.y + area.height + 3, width: area.width });
    }
  }

  // Annex pages: a table that repeats its header on every page.
  const annexColumns = [
    { title: t('colLink'), width: 0.24 },
    { title: t('colTransaction'), width: 0.14 },
    { title: t('colDate'), width: 0.13 },
    { title: t('colAmount'), width: 0.15, right: true },
    { title: t('colChannel'), width: 0.08 },
    { title: t('colSource'), width: 0.26 },
  ];
  const tableWidth = pageWidth - 2 * MARGIN;
  const rowHeight = 4.2;
  const startAnnexPage = (continued: boolean) => {
    doc.addPage(input.format, input.orientation);
    doc.setFontSize(11);
    doc.setTextColor(20);
    doc.setFont('helvetica', 'bold');
    doc.text(t('annexTitle'), MARGIN, MARGIN + HEADER_HEIGHT + 2);
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(8);
    if (!continued) doc.text(t('annexCount', { rows: input.annex.length, edges: new Set(input.annex.map((r) => r.edge)).size }), MARGIN, MARGIN + HEADER_HEIGHT + 7);
    const y = MARGIN + HEADER_HEIGHT + 12;
    doc.setFont('helvetica', 'bold');
    let x = MARGIN;
    for (const column of annexColumns) {
      doc.text(column.title, column.right ? x + column.width * tableWidth - 1 : x + 0.5, y, column.right ? { align: 'right' } : undefined);
      x += column.width * tableWidth;
    }
    doc.setFont('helvetica', 'normal');
    doc.setDrawColor(160);
    doc.line(MARGIN, y + 1, MARGIN + tableWidth, y + 1);
    return y + rowHeight + 0.5;
  };
  let y = startAnnexPage(false);
  const bottom = pageHeight - MARGIN - FOOTER_HEIGHT;
  doc.setFontSize(7);
  for (const row of input.annex) {
    if (y > bottom) {
      y = startAnnexPage(true);
      doc.setFontSize(7);
    }
    const cells = [
      `${row.fromAccount} > ${row.toAccount}`,
      row.transactionId,
      formatDateTime(row.timestamp, input.language),
      formatAmount(row.amount, row.currency, input.language),
      channelName(row.channel, input.language),
      `${row.sourceFile} : ${row.sourceLine}${row.grade ? ` · ${row.grade}` : ''}`,
    ];
    let x = MARGIN;
    cells.forEach((cell, index) => {
      const column = annexColumns[index]!;
      const width = column.width * tableWidth - 1;
      const text = fitText(doc, cell, width);
      doc.text(text, column.right ? x + width : x + 0.5, y, column.right ? { align: 'right' } : undefined);
      x += column.width * tableWidth;
    });
    y += rowHeight;
  }

  // Title block, markings, caveat and page numbers on every page, now that the count is known.
  const pages = doc.getNumberOfPages();
  for (let page = 1; page <= pages; page++) {
    doc.setPage(page);
    drawTitleBlock(doc, input, t, pageWidth);
    drawMarkings(doc, input.caseInfo.classification, pageWidth, pageHeight);
    doc.setFontSize(7);
    doc.setTextColor(70);
    doc.text(`${t('dataHash')}: ${input.dataHash}`, MARGIN, pageHeight - MARGIN - 7);
    doc.text(t('generatedBy'), MARGIN, pageHeight - MARGIN - 3.5);
    doc.text(t('page', { page, pages }), pageWidth - MARGIN, pageHeight - MARGIN - 3.5, { align: 'right' });
    if (input.caveat) {
      doc.setFontSize(7);
      doc.setTextColor(...MARKING_RED);
      doc.text(fitText(doc, input.caveat, pageWidth - 2 * MARGIN), MARGIN, pageHeight - MARGIN - 10.5);
    }
  }
  return new Uint8Array(doc.output('arraybuffer'));
}

type Translate = (key: keyof (typeof exportDocumentMessages)['en'], params?: MessageParams) => string;

function drawTitleBlock(doc: jsPDF, input: ChartPdfInput, t: Translate, pageWidth: number): void {
  const top = MARGIN + 4;
  doc.setTextColor(20);
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(12);
  doc.text(`${input.title} — ${input.caseInfo.number}`, MARGIN, top + 3);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(8);
  const facts = [
    `${t('case')}: ${input.caseInfo.number} · ${input.caseInfo.name}`,
    `${t('unit')}: ${input.caseInfo.unit}`,
    `${t('analyst')}: ${input.caseInfo.analyst}`,
    `${t('exported')}: ${formatDateTime(input.exportedAt, input.language)} UTC`,
  ];
  doc.text(fitText(doc, facts.slice(0, 2).join('   |   '), pageWidth - 2 * MARGIN), MARGIN, top + 8);
  doc.text(fitText(doc, facts.slice(2).join('   |   '), pageWidth - 2 * MARGIN), MARGIN, top + 12);
  doc.setDrawColor(20);
  doc.line(MARGIN, top + 14.5, pageWidth - MARGIN, top + 14.5);
}

function drawMarkings(doc: jsPDF, classification: string, pageWidth: number, pageHeight: number): void {
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(10);
  doc.setTextColor(...MARKING_RED);
  doc.text(classification, pageWidth / 2, MARGIN, { align: 'center' });
  doc.text(classification, pageWidth / 2, pageHeight - MARGIN + 4, { align: 'center' });
  doc.setFont('helvetica', 'normal');
}

function drawLegend(doc: jsPDF, entries: LegendEntry[], title: string, widthNote: string, box: { x: number; y: number; width: number }): void {
  doc.setFontSize(7.5);
  doc.setTextColor(20);
  doc.setFont('helvetica', 'bold');
  doc.text(`${title}:`, box.x, box.y + 2.5);
  doc.setFont('helvetica', 'normal');
  let x = box.x + doc.getTextWidth(`${title}: `) + 1;
  let y = box.y + 2.5;
  for (const entry of entries) {
    const labelWidth = doc.getTextWidth(entry.label) + 9;
    if (x + labelWidth > box.x + box.width) {
      x = box.x;
      y += 4;
    }
    const [r, g, b] = hexToRgb(entry.colour);
    if (entry.mark === 'node') {
      doc.setFillColor(r, g, b);
      doc.circle(x + 1.8, y - 1, 1.6, 'F');
    } else {
      doc.setDrawColor(r, g, b);
      doc.setLineWidth(0.7);
      if (entry.mark === 'dashed') doc.setLineDashPattern([1, 0.8], 0);
      doc.line(x, y - 1, x + 5, y - 1);
      doc.setLineDashPattern([], 0);
      doc.setLineWidth(0.2);
    }
    doc.text(entry.label, x + 6, y);
    x += labelWidth;
  }
  doc.setTextColor(70);
  doc.text(widthNote, box.x, y + 4);
}

function fitText(doc: jsPDF, text: string, width: number): string {
  if (doc.getTextWidth(text) <= width) return text;
  let end = text.length;
  while (end > 1 && doc.getTextWidth(`${text.slice(0, end)}…`) > width) end--;
  return `${text.slice(0, end)}…`;
}

function hexToRgb(hex: string): [number, number, number] {
  const value = /^#?([0-9a-f]{6})$/i.exec(hex)?.[1] ?? '777777';
  const number = Number.parseInt(value, 16);
  return [(number >> 16) & 255, (number >> 8) & 255, number & 255];
}
