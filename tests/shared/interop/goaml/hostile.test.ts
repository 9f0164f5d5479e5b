import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importGoaml, parseGoamlAmount, parseGoamlDate, GoamlFileError } from '../../../../shared/interop/goaml';
import { createCase } from '../../../../renderer/db/cases';
import { loadCaseDataset } from '../../../../renderer/db/dataset';
import { commitImport } from '../../../../renderer/db/imports';
import { CaudalDatabase } from '../../../../renderer/db/schema';
import { runGoamlJob } from '../../../../renderer/features/import/goaml/goamlJob';
import type { FromGoamlWorker, GoamlJob } from '../../../../renderer/features/import/goaml/goamlProtocol';
import { report, runGoaml, SHA, twoParty } from './helpers';

/**
 * goAML files that play the attacker, beyond the DOCTYPE, text, element and
 * depth bounds goaml.test.ts covers: tokens saxes would otherwise hold whole
 * (a huge attribute, comment or run of text between units), namespaces that
 * would make the reader skip everything, amounts and time zones that are
 * well-formed but absurd, and a file that breaks after a batch was written.
 */

const encoder = new TextEncoder();

/**
 * A file of `head`, then `filler` repeated until `fillerBytes`, then `tail`,
 * streamed in 64 KB pieces without building it; counts the bytes the importer pulled.
 */
function hugeSource(head: string, filler: string, fillerBytes: number, tail: string) {
  const piece = encoder.encode(filler.repeat(Math.ceil(65_536 / filler.length)));
  const pulled = { bytes: 0 };
  const headBytes = encoder.encode(head);
  const tailBytes = encoder.encode(tail);
  const pieces = Math.ceil(fillerBytes / piece.length);
  const source = {
    name: 'hostil.xml',
    size: headBytes.length + pieces * piece.length + tailBytes.length,
    async *stream() {
      pulled.bytes += headBytes.length;
      yield headBytes;
      for (let index = 0; index < pieces; index += 1) {
        pulled.bytes += piece.length;
        yield piece;
      }
      pulled.bytes += tailBytes.length;
      yield tailBytes;
    },
  };
  return { source, pulled };
}

async function refusal(head: string, filler: string, tail: string): Promise<{ error: unknown; pulledMb: number }> {
  const { source, pulled } = hugeSource(head, filler, 200 * 1024 * 1024, tail);
  const error = await importGoaml(source, { sha256: SHA, defaultCurrency: 'COP', onBatch: () => undefined }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return { error, pulledMb: pulled.bytes / 1048576 };
}

describe('goAML import: tokens a streaming parser would otherwise hold whole', () => {
  const start = report(twoParty('OK-1')).replace('\n</report>\n', '\n');

  it('refuses a 200 MB attribute after reading about 1 MB of it, naming file, line and the open element', async () => {
    const { error, pulledMb } = await refusal(`${start}<transaction note="`, 'a', '"/></report>');
    expect(error).toBeInstanceOf(GoamlFileError);
    expect((error as GoamlFileError).code).toBe('xml');
    expect((error as Error).message).toMatch(/^hostil\.xml, line \d+, column \d+: more than 1,048,576 characters without the end of a tag.* inside <report>.*refused; nothing was imported$/);
    expect(pulledMb).toBeLessThan(3);
  });

  it('refuses a 200 MB comment, a 200 MB run of whitespace between transactions and a 200 MB processing instruction the same way', async () => {
    for (const [head, filler, tail] of [
      [`${start}<!--`, 'c', '--></report>'],
      [start, ' ', '</report>'],
      [`${start}<?pi `, 'x', '?></report>'],
    ] as const) {
      const { error, pulledMb } = await refusal(head, filler, tail);
      expect((error as Error).message).toMatch(/more than 1,048,576 characters without the end/);
      expect(pulledMb).toBeLessThan(3);
    }
  });

  it('refuses a tag holding a million attributes (each one small) before the tag ends', async () => {
    const { error, pulledMb } = await refusal(`${start}<transaction `, 'a="1" ', '/></report>');
    expect((error as Error).message).toMatch(/more than 1,048,576 characters without the end/);
    expect(pulledMb).toBeLessThan(3);
  });

  it('still reads long but legitimate text (60,000 characters of comments) in one element', async () => {
    const outcome = await runGoaml(report(twoParty('LONG-1').replace('<transmode_code>', `<comments>${'palabra '.repeat(7_500)}</comments><transmode_code>`)), { chunkSize: 4096 });
    expect(outcome.counts).toMatchObject({ read: 1, imported: 1 });
  });

  it('says each refusal in Spanish too: a DOCTYPE, a foreign root, an empty file, and saxes\'s own errors in a Spanish frame', async () => {
    const spanish = async (xml: string) => ((await runGoaml(xml).catch((caught: unknown) => caught)) as GoamlFileError).messageEs;
    expect(await spanish('<?xml version="1.0"?><!DOCTYPE report SYSTEM "file:///etc/passwd"><report/>')).toMatch(/^report\.xml, línea 1, columna \d+: un reporte goAML no admite una declaración DOCTYPE — se rechaza; no se importó nada$/);
    expect(await spanish('<html/>')).toBe('report.xml: el elemento raíz es <html>, no un <report> o <reportdata> de goAML');
    expect(await spanish('')).toBe('report.xml: el archivo está vacío');
    expect(await spanish('<report><a></b></report>')).toMatch(/^report\.xml, línea 1, columna \d+: .+ — XML mal formado; no se importó nada$/);
  });

  it('says "refused", not "not well-formed", for a file past a bound', async () => {
    const deep = `<report>${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</report>`;
    await expect(runGoaml(deep)).rejects.toThrow(/nested deeper than 64 levels — refused; nothing was imported/);
    await expect(runGoaml('<report><a></b></report>')).rejects.toThrow(/not well-formed XML; nothing was imported/);
  });
});

describe('goAML import: entities and namespaces', () => {
  it('never resolves an entity it was not given: an undeclared &xxe; is an error with line and column', async () => {
    await expect(runGoaml(report(twoParty('X-1').replace('<transmode_code>B', '<transmode_code>&xxe;')))).rejects.toThrow(/report\.xml, line 9, column \d+: undefined entity/);
  });

  it('refuses elements in another namespace instead of silently reading nothing', async () => {
    const prefixed = report(twoParty('N-1').replace(/<(\/?)transaction>/g, '<$1x:transaction>')).replace('<report>', '<report xmlns:x="urn:otro">');
    const error = await runGoaml(prefixed).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GoamlFileError);
    expect((error as Error).message).toMatch(/report\.xml, line 6, column \d+: <x:transaction> carries a namespace prefix/);
    // Namespace declarations and xsi attributes on the root are fine: only prefixed elements are foreign.
    const declared = report(twoParty('N-2')).replace('<report>', '<report xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="goAML.xsd">');
    expect((await runGoaml(declared)).counts.imported).toBe(1);
  });
});

describe('goAML import: an encoding declaration that lies', () => {
  it('reads UTF-8 bytes under an ISO-8859-1 declaration as UTF-8 instead of turning every accent into mojibake', async () => {
    const xml = report(twoParty('ENC-1').replace('Berta', 'Begoña')).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const outcome = await runGoaml(xml);
    expect(outcome.file.encoding).toBe('UTF-8');
    expect(outcome.records.parties.map((party) => party.name)).toContain('Begoña Ruiz');
  });

  it('still reads a real ISO-8859-1 file by its declaration', async () => {
    const text = report(twoParty('ENC-2').replace('Berta', 'Begoña')).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const outcome = await runGoaml(Uint8Array.from(text, (char) => char.charCodeAt(0)));
    expect(outcome.file.encoding).toBe('WINDOWS-1252');
    expect(outcome.records.parties.map((party) => party.name)).toContain('Begoña Ruiz');
  });
});

describe('goAML import: values that are well-formed and absurd', () => {
  it('takes amounts below 10^15 and refuses what would lose cents or become Infinity', () => {
    expect(parseGoamlAmount('999999999999999.99')).toBeGreaterThan(999_999_999_999_999);
    expect(parseGoamlAmount('000000000000000000001.50')).toBe(1.5);
    expect(parseGoamlAmount('1000000000000000')).toBeUndefined();
    expect(parseGoamlAmount('9'.repeat(400))).toBeUndefined();
    for (const text of ['1e309', 'NaN', 'Infinity', '-0', '0x10', '１２']) expect(parseGoamlAmount(text)).toBeUndefined();
  });

  it('quarantines a 400-digit amount with its element path instead of storing Infinity', async () => {
    const outcome = await runGoaml(report(twoParty('BIG-1', { amount: `<amount_local>${'9'.repeat(400)}</amount_local>` })));
    expect(outcome.records.transactions).toHaveLength(0);
    expect(outcome.quarantine).toEqual([expect.objectContaining({ line: 10, field: 'amount_local', column: '/report[1]/transaction[1]/amount_local[1]', reason: expect.stringMatching(/below 10\^15/) })]);
  });

  it('refuses time-zone offsets no place has, instead of shifting the time by days', async () => {
    expect(parseGoamlDate('2025-06-01T10:00:00+14:00')).toBe(Date.UTC(2025, 5, 1, 10) - 14 * 3_600_000);
    expect(parseGoamlDate('2025-06-01T10:00:00+99:99')).toBeUndefined();
    expect(parseGoamlDate('2025-06-01T10:00:00-05:75')).toBeUndefined();
    const outcome = await runGoaml(report(twoParty('TZ-1', { date: '2025-06-01T10:00:00+99:99' })));
    expect(outcome.quarantine).toEqual([expect.objectContaining({ line: 8, field: 'date_transaction', value: '2025-06-01T10:00:00+99:99' })]);
  });
});

describe('goAML import: a hostile file that breaks after a batch was written', () => {
  let db: CaudalDatabase;
  let caseId: string;
  let counter = 0;
  const job = (text: string, name: string): GoamlJob => {
    const bytes = encoder.encode(text);
    return { caseId, blob: new Blob([bytes]), name, size: bytes.byteLength, defaultCurrency: 'COP' };
  };
  const run = async (goamlJob: GoamlJob) => {
    const messages: FromGoamlWorker[] = [];
    await runGoamlJob(db, goamlJob, new AbortController().signal, (message) => messages.push(message));
    return messages;
  };

  beforeEach(async () => {
    counter += 1;
    db = new CaudalDatabase(`caudal-goaml-hostile-${process.pid}-${counter}`);
    caseId = (await createCase(db, { number: 'H-1', name: 'hostil', profileId: 'co-uiaf', analyst: '', classification: 'RESERVADO' })).id;
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('leaves the case exactly as before: earlier evidence intact, nothing of the refused file stored', async () => {
    const first = await run(job(report(twoParty('PREVIO-1')), 'previo.xml'));
    await commitImport(db, (first.find((m) => m.type === 'staged') as { importId: string }).importId);
    const before = await loadCaseDataset(db, caseId);
    const chunksBefore = await db.chunks.count();
    expect(before.transactions.map((t) => t.id)).toEqual(['PREVIO-1']);

    // 6,000 good transactions (more than one 5,000-record batch, so chunks were written), then a 2 MB comment.
    const body = Array.from({ length: 6_000 }, (_, index) => twoParty(`H-${index}`)).join('\n');
    const hostile = report(`${body}\n<!--${'c'.repeat(2 * 1024 * 1024)}-->`);
    const messages = await run(job(hostile, 'hostil.xml'));
    expect(messages.at(-1)).toMatchObject({
      type: 'failed',
      code: 'xml',
      message: expect.stringMatching(/^hostil\.xml, line \d+, column \d+: more than 1,048,576 characters/),
      messageEs: expect.stringMatching(/^hostil\.xml, línea \d+, columna \d+: más de 1\.048\.576 caracteres sin que termine .* se rechaza; no se importó nada$/),
    });

    expect(await db.imports.count()).toBe(1);
    expect(await db.chunks.count()).toBe(chunksBefore);
    expect(await loadCaseDataset(db, caseId)).toEqual(before);
  }, 60_000);
});
