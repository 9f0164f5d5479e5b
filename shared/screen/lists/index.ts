import type { ParsedList } from '../types';
import { ListImportError, type ListFile } from './common';
import { looksLikeFtm, parseFtm } from './ftm';
import { looksLikeNationalCsv, parseNationalCsv } from './national';
import { ofacFileKind, parseOfac, type OfacFileKind } from './ofac';
import { looksLikeUnXml, parseUnXml } from './un';

export { ListImportError, decodeListBytes, parsePartialDate, isoDay } from './common';
export type { ListFile } from './common';
export { parseRemarks } from './ofac';

export type DetectedKind = 'un-xml' | 'ftm-jsonl' | `ofac-${OfacFileKind}` | 'national-csv';

/** What a list file is, from its content (never its name). */
export function detectListFile(text: string): DetectedKind | undefined {
  const head = text.slice(0, 65536);
  if (looksLikeUnXml(head)) return 'un-xml';
  if (looksLikeFtm(head)) return 'ftm-jsonl';
  const ofac = ofacFileKind(head);
  if (ofac) return `ofac-${ofac}`;
  if (looksLikeNationalCsv(head)) return 'national-csv';
  return undefined;
}

/**
 * Reads list files of any supported format. OFAC's alt.csv and add.csv join
 * the sdn.csv given with them; each other file is a list of its own.
 */
/**
 * Longest name kept: listed names are tens of characters. A 50 MB "name" in a
 * partner's CSV would be compared with every party of every screening run.
 */
export const MAX_LISTED_NAME_CHARS = 1024;

/** Leaves out entries with a name past MAX_LISTED_NAME_CHARS, with a warning naming the file and where the entry is. */
function withoutOverlongNames(list: ParsedList, fileName: string): ParsedList {
  const entries = list.entries.filter((entry) => {
    const long = entry.names.find((listed) => listed.name.length > MAX_LISTED_NAME_CHARS);
    if (!long) return true;
    list.warnings.push(`${fileName}, ${entry.location}: a name of ${long.name.length.toLocaleString('en')} characters (the limit is ${MAX_LISTED_NAME_CHARS.toLocaleString('en')}); entry left out`);
    return false;
  });
  return entries.length === list.entries.length ? list : { ...list, entries };
}

export function parseListFiles(files: readonly ListFile[]): { list: ParsedList; files: ListFile[] }[] {
  return parseListFilesUnbounded(files).map(({ list, files: read }) => ({ list: withoutOverlongNames(list, read[0]?.name ?? ''), files: read }));
}

function parseListFilesUnbounded(files: readonly ListFile[]): { list: ParsedList; files: ListFile[] }[] {
  const out: { list: ParsedList; files: ListFile[] }[] = [];
  const ofac: Partial<Record<OfacFileKind, ListFile>> = {};
  for (const file of files) {
    const kind = detectListFile(file.text);
    if (!kind) throw new ListImportError(file.name, '', 'not a list Caudal reads: expected UN consolidated XML, OFAC sdn.csv/alt.csv/add.csv, OpenSanctions FtM JSON lines, or a CSV with a name column', {
      message: 'no es una lista que Caudal lea: se esperaba el XML consolidado de la ONU, sdn.csv/alt.csv/add.csv de la OFAC, líneas JSON FtM de OpenSanctions o un CSV con una columna de nombre',
    });
    if (kind === 'un-xml') out.push({ list: parseUnXml(file), files: [file] });
    else if (kind === 'ftm-jsonl') out.push({ list: parseFtm(file), files: [file] });
    else if (kind === 'national-csv') out.push({ list: parseNationalCsv(file), files: [file] });
    else {
      const part = kind.slice(5) as OfacFileKind;
      if (ofac[part]) throw new ListImportError(file.name, '', `two OFAC ${part}.csv files given (${ofac[part]?.name} and ${file.name})`, {
          message: `se eligieron dos archivos ${part}.csv de la OFAC (${ofac[part]?.name} y ${file.name})`,
        });
      ofac[part] = file;
    }
  }
  if (ofac.sdn) {
    out.push({ list: parseOfac({ sdn: ofac.sdn, ...(ofac.alt ? { alt: ofac.alt } : {}), ...(ofac.add ? { add: ofac.add } : {}) }), files: [ofac.sdn, ...(ofac.alt ? [ofac.alt] : []), ...(ofac.add ? [ofac.add] : [])] });
  } else if (ofac.alt || ofac.add) {
    const orphan = (ofac.alt ?? ofac.add) as ListFile;
    throw new ListImportError(orphan.name, '', 'OFAC alt.csv/add.csv need the sdn.csv they belong to, given alongside', {
      message: 'alt.csv/add.csv de la OFAC necesitan el sdn.csv al que pertenecen, elegido junto con ellos',
    });
  }
  return out;
}
