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

  it('asks the writer for the file hash with the Blob by reference, and takes only a well-formed answer (round 8)', async () => {
    vi.stubGlobal('Worker', FakeWriter);
    const sink = workerSink();
    const writer = FakeWriter.last as FakeWriter;
    const blob = new Blob(['Fecha;Monto\n01/02/2025;10\n']);
    const file = { name: 'extracto.csv', size: blob.size, blob };
    const hashed = sink.sha256(file, new AbortController().signal);
    const asked = writer.sent[0]?.message as Extract<ToChunkWriter, { hash: unknown }>;
    expect(asked.hash.blob).toBe(blob);
    expect(asked.hash.name).toBe('extracto.csv');
    const sha = 'ab'.repeat(32);
    writer.answer({ seq: asked.seq, ok: true, sha256: sha });
    await expect(hashed).resolves.toBe(sha);

    // An answer without a hash (or not 64 hex digits) is a failure, never an empty provenance.
    const malformed = sink.sha256(file, new AbortController().signal);
    writer.answer({ seq: (writer.sent[1]?.message as ToChunkWriter).seq, ok: true });
    await expect(malformed).rejects.toThrow(/without a hash/);
    const failed = sink.sha256(file, new AbortController().signal);
    writer.answer({ seq: (writer.sent[2]?.message as ToChunkWriter).seq, ok: false, message: 'NotReadableError: the file changed' });
    await expect(failed).rejects.toThrow('NotReadableError');
  });

  it('a cancelled import stops waiting for the hash, and a dead writer fails it', async () => {
    vi.stubGlobal('Worker', FakeWriter);
    const sink = workerSink();
    const writer = FakeWriter.last as FakeWriter;
    const blob = new Blob(['a;b\n']);
    const controller = new AbortController();
    const hashed = sink.sha256({ name: 'a.csv', size: blob.size, blob }, controller.signal);
    controller.abort();
    await expect(hashed).rejects.toMatchObject({ name: 'AbortError' });
    const open = sink.sha256({ name: 'a.csv', size: blob.size, blob }, new AbortController().signal);
    writer.onerror?.({ message: 'renderer crashed', preventDefault: () => undefined } as ErrorEvent);
    await expect(open).rejects.toThrow('renderer crashed');
  });
});
