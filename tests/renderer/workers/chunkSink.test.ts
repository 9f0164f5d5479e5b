import { afterEach, describe, expect, it, vi } from 'vitest';
import { workerSink, type ChunkWrite, type FromChunkWriter, type ToChunkWriter } from '../../../renderer/workers/chunkSink';
import { FIELD_DEFINITIONS, type RecordColumns } from '../../../shared/import';
import { columnsToWire } from '../../../renderer/workers/columnWire';

/** A stand-in for the chunk writer worker: records what it was sent and answers when told. */
class FakeWriter {
  static last: FakeWriter | null = null;
  onmessage: ((event: MessageEvent<FromChunkWriter>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  sent: { message: ToChunkWriter; transfer: Transferable[] }[] = [];
  terminated = false;
  constructor() {
    FakeWriter.last = this;
  }
  postMessage(message: ToChunkWriter, transfer: Transferable[]) {
    this.sent.push({ message, transfer });
  }
  terminate() {
    this.terminated = true;
  }
  answer(reply: FromChunkWriter) {
    this.onmessage?.({ data: reply } as MessageEvent<FromChunkWriter>);
  }
}

/** A batch as the engine writes it (id and currency text, amount numbers), in its wire form. */
function chunk(index: number): ChunkWrite {
  const fields = FIELD_DEFINITIONS.transaction.map((definition) => definition.name);
  const columns: RecordColumns['columns'] = fields.map(() => null);
  columns[fields.indexOf('id')] = Array.from({ length: 16 }, (_, row) => `t${index}-${row}`);
  columns[fields.indexOf('amount')] = Float64Array.from({ length: 16 }, (_, row) => row + 1);
  columns[fields.indexOf('currency')] = Array.from({ length: 16 }, () => 'COP');
  const firstRow = Int32Array.from(fields, (_, slot) => (columns[slot] ? 0 : -1));
  const batch: RecordColumns = { kind: 'transaction', length: 16, fields, columns, firstRow, sourceFile: 'f'.repeat(64), lines: Float64Array.from({ length: 16 }, (_, row) => row + 2) };
  return { caseId: 'c', importId: 'i', kind: 'transaction', index, columns: columnsToWire(batch) };
}

describe('the chunk writer sink of the import worker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('settles each write by its own answer, in any order, and moves the typed arrays instead of copying them', async () => {
    vi.stubGlobal('Worker', FakeWriter);
    const sink = workerSink();
    const writer = FakeWriter.last as FakeWriter;
    const first = sink.write(chunk(0));
    const second = sink.write(chunk(1));
    expect(writer.sent.map((sent) => sent.message.seq)).toEqual([0, 1]);
    // The first rows, the lines, the amounts and the two text columns' end offsets are moved, not copied.
    expect(writer.sent[0]?.transfer.length).toBe(5);
    expect(writer.sent[0]?.message.chunk.columns.columns.filter((column) => column?.form === 'text').map((column) => (column as { text: string }).text)).toEqual([
      Array.from({ length: 16 }, (_, row) => `t0-${row}`).join(''),
      'COP'.repeat(16),
    ]);
    writer.answer({ seq: 1, ok: false, message: 'QuotaExceededError' });
    writer.answer({ seq: 0, ok: true });
    await expect(first).resolves.toBeUndefined();
    await expect(second).rejects.toThrow('QuotaExceededError');
  });

  it('a writer that dies fails every open and every later write, so the import stops and discards its chunks', async () => {
    vi.stubGlobal('Worker', FakeWriter);
    const sink = workerSink();
    const writer = FakeWriter.last as FakeWriter;
    const open = sink.write(chunk(0));
    writer.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent);
    await expect(open).rejects.toThrow('out of memory');
    await expect(sink.write(chunk(1))).rejects.toThrow('out of memory');
    sink.close();
    expect(writer.terminated).toBe(true);
  });
});
