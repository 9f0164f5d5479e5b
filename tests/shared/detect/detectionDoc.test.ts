import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SENSITIVITIES, sensitivityParameters, type SensitivityParameters } from '../../../shared/detect/sensitivity';
import { scoreFromSurprise } from '../../../shared/detect/relative/surprise';

/** docs/DETECTION.md is what an analyst or a court reads about the method: its figures must be the code's. */
const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/DETECTION.md'), 'utf8');

function tableRows(heading: string): string[][] {
  const at = doc.indexOf(heading);
  expect(at, `docs/DETECTION.md has no table starting "${heading}"`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of doc.slice(at).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

describe('docs/DETECTION.md states the code’s figures', () => {
  it('lists every sensitivity parameter with the value each level uses', () => {
    const rows = tableRows('| parameter | conservative | balanced | exhaustive |');
    const keys = Object.keys(sensitivityParameters()) as (keyof SensitivityParameters)[];
    expect(rows.map((row) => row[0]).sort()).toEqual([...keys].sort());
    for (const row of rows) {
      SENSITIVITIES.forEach((level, column) => {
        expect(Number(row[column + 1]), `${row[0]} (${level})`).toBe(sensitivityParameters(level)[row[0] as keyof SensitivityParameters]);
      });
    }
  });

  it('maps surprise to score as the code does', () => {
    const rows = tableRows('| S | E (patterns this strong expected by chance in the case) | score |');
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const [surprise, , score] of rows) expect(Number.parseInt(score as string, 10), `S = ${surprise}`).toBe(scoreFromSurprise(Number(surprise)));
  });
});
