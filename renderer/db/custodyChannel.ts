import { custodySession } from './audit';
import { sealingDisabled, setSealingKeyProvider, setSealingOffInWorker } from './sealing';

/**
 * Workers (import, detection, packages) open their own database connection
 * and need the data key to read and write sealed rows. The page that holds the
 * unlocked session hands it over on a same-origin BroadcastChannel when a
 * worker asks; a locked page does not answer, and the worker's database then
 * refuses to open.
 */
const CHANNEL = 'caudal-custody';
const WORKER_KEY_TIMEOUT_MS = 15_000;

interface KeyRequest {
  type: 'key-request';
  nonce: string;
}
interface KeyAnswer {
  type: 'key';
  nonce: string;
  key: Uint8Array;
  /** The benchmark/test switch (sealing.ts), which a worker cannot read from localStorage itself. */
  sealingOff: boolean;
}

export const inWorker = (): boolean => typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined' && typeof (globalThis as { window?: unknown }).window === 'undefined';

let pageChannel: BroadcastChannel | null = null;

/** In the page: the session's data key seals rows, and workers that ask get it while unlocked. */
export function serveDataKeyToWorkers(): void {
  setSealingKeyProvider(() => custodySession.get()?.dataKey ?? null);
  if (pageChannel || typeof BroadcastChannel === 'undefined') return;
  pageChannel = new BroadcastChannel(CHANNEL);
  pageChannel.onmessage = (event: MessageEvent<KeyRequest>) => {
    const session = custodySession.get();
    if (event.data?.type !== 'key-request' || !session) return;
    pageChannel?.postMessage({ type: 'key', nonce: event.data.nonce, key: session.dataKey, sealingOff: sealingDisabled() } satisfies KeyAnswer);
  };
}

/** In a worker: asks the page for the data key; rejects when no unlocked page answers. */
export function receiveDataKeyFromPage(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const channel = new BroadcastChannel(CHANNEL);
    const nonce = crypto.randomUUID();
    const timer = setTimeout(() => {
      channel.close();
      reject(new Error('Caudal is locked: no unlocked window handed this worker the data key'));
    }, WORKER_KEY_TIMEOUT_MS);
    channel.onmessage = (event: MessageEvent<KeyAnswer>) => {
      if (event.data?.type !== 'key' || event.data.nonce !== nonce) return;
      clearTimeout(timer);
      channel.close();
      const key = Uint8Array.from(event.data.key);
      setSealingKeyProvider(() => key);
      setSealingOffInWorker(event.data.sealingOff === true);
      resolve();
    };
    channel.postMessage({ type: 'key-request', nonce } satisfies KeyRequest);
  });
}
