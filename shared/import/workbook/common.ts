import { unzipSync, type UnzipFileInfo } from 'fflate';
import { StatementFileError } from '../statement/errors';
import { MAX_LINE_CHARS } from '../chunker';

/**
 * What the two workbook readers share (.xlsx through read-excel-file in
 * read.ts, .ods through ods.ts): the limits, the unzip with its checks (both
 * formats are zips of XML, unpacked here once with the same refusals), and the
 * names of cells in messages.
 */
export const WORKBOOK_LIMITS = {
  /** Compressed file size read at all. */
  maxFileBytes: 100 * 1024 * 1024,
  /** Uncompressed bytes of all entries together, as declared by the zip (fflate allocates by the declared size, so a lying entry is cut, not grown). */
  maxUncompressedBytes: 400 * 1024 * 1024,
  maxEntries: 2_000,
  /**
   * Rows × columns of the used range of one sheet. Measured (Node 20, `npm run
   * bench:hostile`): 2M cells peak at ≈ 1.0 GB, 4M at 1.8 GB, 8M at 3.9 GB; a
   * statement that size is better imported as CSV, which streams.
   */
  maxCellsPerSheet: 3_000_000,
  /** XML tags in one sheet or sharedStrings.xml: a cell is 4–6 (`<c><v>…</v></c>`, inline strings `<is><t>`). */
  maxTagsPerPart: 15_000_000,
  /** Characters of one cell's text (or one tag): the CSV engine's line cap, so one rule for both. */
  maxCellChars: MAX_LINE_CHARS,
  maxRowsPerSheet: 1_048_576,
  /**
   * Cells of all sheets together (.ods). An .ods sheet declares repeats
   * (`number-rows-repeated`), so a few hundred bytes can fill maxCellsPerSheet
   * in each of a thousand sheets; an .xlsx spells every cell out, so its bytes
   * bound it already.
   */
  maxCellsPerWorkbook: 6_000_000,
  /** XML elements open at once in an .ods content.xml (LibreOffice writes about a dozen; a cell's text spans nest a few more). */
  maxXmlDepth: 100,
} as const;

/** The two zip formats read, as named in the analyst's messages. */
export type ZipWorkbookKind = 'xlsx' | 'ods';

const WRITER: Record<ZipWorkbookKind, { en: string; es: string }> = {
  xlsx: { en: 'a workbook Excel wrote', es: 'un libro escrito por Excel' },
  ods: { en: 'a spreadsheet LibreOffice wrote', es: 'una hoja escrita por LibreOffice' },
};

export const mb = (bytes: number) => (bytes / 1048576).toFixed(0);

/**
 * Unpacks the entries `keep` selects, refusing first what a hostile zip would
 * do: a file past maxFileBytes, more than maxEntries entries, entries
 * declaring more than maxUncompressedBytes together (a zip bomb; fflate
 * allocates by the declared size, so a lying entry is cut, not grown), and two
 * entries of one name (which one counts would be a guess). Every entry is
 * counted, kept or not. A zip that does not unpack is refused as not readable.
 */
export function unzipWorkbook(bytes: Uint8Array, fileName: string, kind: ZipWorkbookKind, keep: (name: string) => boolean): Record<string, Uint8Array> {
  const fail = (message: string, spanish: string): never => {
    throw new StatementFileError('workbook', message, { file: fileName }, spanish);
  };
  if (bytes.length > WORKBOOK_LIMITS.maxFileBytes) {
    fail(
      `the workbook is ${mb(bytes.length)} MB; the limit is ${mb(WORKBOOK_LIMITS.maxFileBytes)} MB (save the sheet as CSV and import that)`,
      `el libro pesa ${mb(bytes.length)} MB; el límite es ${mb(WORKBOOK_LIMITS.maxFileBytes)} MB (guarde la hoja como CSV e importe ese archivo)`,
    );
  }
  let entries = 0;
  let declared = 0;
  const names = new Set<string>();
  const writer = WRITER[kind];
  try {
    return unzipSync(bytes, {
      filter(file: UnzipFileInfo) {
        entries += 1;
        declared += file.originalSize;
        // Two entries of one name: two readers (a guard and a library) could each read a different one (fflate keeps whichever finishes last).
        if (names.has(file.name)) fail(`the zip holds two entries named ${file.name}; refused (${writer.en} never does, and which one counts would be a guess)`, `el zip contiene dos entradas llamadas ${file.name}; se rechaza (${writer.es} nunca las tiene, y cuál vale sería una conjetura)`);
        names.add(file.name);
        if (entries > WORKBOOK_LIMITS.maxEntries) fail(`the workbook holds more than ${WORKBOOK_LIMITS.maxEntries} parts; refused as a possible zip bomb`, `el libro contiene más de ${WORKBOOK_LIMITS.maxEntries} partes; se rechaza como posible bomba zip`);
        if (declared > WORKBOOK_LIMITS.maxUncompressedBytes) {
          fail(
            `the workbook would unpack to more than ${mb(WORKBOOK_LIMITS.maxUncompressedBytes)} MB (entry ${file.name}: ${mb(file.originalSize)} MB from ${(file.size / 1024).toFixed(0)} KB); refused as a possible zip bomb`,
            `el libro se descomprimiría en más de ${mb(WORKBOOK_LIMITS.maxUncompressedBytes)} MB (entrada ${file.name}: ${mb(file.originalSize)} MB a partir de ${(file.size / 1024).toFixed(0)} KB); se rechaza como posible bomba zip`,
          );
        }
        return keep(file.name);
      },
    });
  } catch (error) {
    if (error instanceof StatementFileError) throw error;
    return fail(`not a readable .${kind} ${kind === 'xlsx' ? 'workbook' : 'spreadsheet'} (${(error as Error).message})`, `no es ${kind === 'xlsx' ? 'un libro .xlsx legible' : 'una hoja .ods legible'} (${(error as Error).message})`);
  }
}

/** A cell's name as the spreadsheet shows it: row 4, column 3 is C4 (both 1-based). */
export function cellName(row: number, column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}
