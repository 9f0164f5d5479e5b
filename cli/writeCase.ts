import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LAYOUTS, csvChunks, mappingSpecFor, type GeneratedCase } from '../shared/generator';
import { serializeMappingSpec } from '../shared/import';
import type { RecordKind } from '../shared/model';

export interface CaseFile {
  kind: RecordKind;
  path: string;
  mapping: string;
}

/** File names and saved mappings, in the order an analyst imports them. */
export const CASE_FILES: CaseFile[] = [
  { kind: 'transaction', path: 'transactions.csv', mapping: 'mappings/bancolombia-movimientos.json' },
  { kind: 'account', path: 'accounts.csv', mapping: 'mappings/bancolombia-productos.json' },
  { kind: 'party', path: 'parties.csv', mapping: 'mappings/registro-personas.json' },
  { kind: 'shipment', path: 'shipments.csv', mapping: 'mappings/dian-declaraciones.json' },
];

/** Writes through a temporary name and renames, so a reader never sees half a file. */
export function writeAtomically(path: string, write: (fd: number) => void): void {
  const temporary = `${path}.partial`;
  const fd = openSync(temporary, 'w');
  try {
    write(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/**
 * Writes a generated case as an analyst would receive it: each kind's CSV in
 * its default layout (bank exports with Excel's byte-order mark), the saved
 * mapping that reads it, and labels.json with the ground truth. CSVs are
 * streamed in chunks, so two million rows never become one string.
 */
export function writeGeneratedCase(outDir: string, generated: GeneratedCase, options: Record<string, unknown>): string[] {
  mkdirSync(join(outDir, 'mappings'), { recursive: true });
  const written: string[] = [];
  const { dataset } = generated;
  const recordsOf: Record<RecordKind, readonly unknown[]> = {
    transaction: dataset.transactions,
    account: dataset.accounts,
    party: dataset.parties,
    shipment: dataset.shipments,
  };
  for (const file of CASE_FILES) {
    const layout = DEFAULT_LAYOUTS[file.kind];
    writeAtomically(join(outDir, file.path), (fd) => {
      // Excel writes a byte-order mark in front of "CSV UTF-8"; bank exports keep it.
      if (layout === 'bank-es') writeSync(fd, '\uFEFF');
      for (const chunk of csvChunks(file.kind, recordsOf[file.kind] as never, layout)) writeSync(fd, chunk);
    });
    written.push(file.path);
    writeFileSync(join(outDir, file.mapping), serializeMappingSpec(mappingSpecFor(file.kind, layout)) + '\n', 'utf8');
    written.push(file.mapping);
  }
  writeAtomically(join(outDir, 'labels.json'), (fd) => {
    writeSync(fd, `{\n "generator": ${JSON.stringify(options)},\n "labels": [`);
    generated.labels.forEach((label, i) => writeSync(fd, `${i ? ',' : ''}\n  ${JSON.stringify(label)}`));
    writeSync(fd, '\n ],\n "benign": [');
    generated.benign.forEach((pattern, i) => writeSync(fd, `${i ? ',' : ''}\n  ${JSON.stringify(pattern)}`));
    writeSync(fd, '\n ]\n}\n');
  });
  written.push('labels.json');
  return written;
}
