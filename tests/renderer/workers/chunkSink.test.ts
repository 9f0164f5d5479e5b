import { afterEach, describe, expect, it, vi } from 'vitest';
import { workerSink, type ChunkWrite, type FromChunkWriter, type ToChunkWriter } from '../../../renderer/workers/chunkSink';
import { packRows } from '../../../renderer/db/packedRows';

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

const chunk = (index: number): ChunkWrite => ({
  caseId: 'c',
  importId: 'i',
  kind: 'transaction',
  index,
  packed: packRows(Array.from({ length: 16 }, (_, row) => ({ id: `t${index}-${row}`, amount: row, currency: 'COP', source: { file: 'f'.repeat(64), line: row + 2 } }))),
});

describe('the chunk writer sink of the import worker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('settles each write by its own answer, in any order, and moves the typed arrays instead of copying them', async () => {
    vi.stubGlobal('Worker', FakeWriter);
    const sink = workerSink();
    const writer = FakeWriter.last as FakeWriter;
    const first = sink.write(chunk(0));
    const second = sink.write(chunk(1));
    expect(writer.sent.map((sent) => sent.message.seq)).toEqual([0, 1]);
    // amount (Float64Array), currency codes (Uint8Array) and the source lines are transferred.
    expect(writer.sent[0]?.transfer.length).toBe(3);
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
