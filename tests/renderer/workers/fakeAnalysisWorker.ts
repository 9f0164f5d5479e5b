import { builtinProfile } from '../../../shared/profiles';
import { AnalysisClient, type AnalysisRequest, type AnalysisResponse, type WorkerLike } from '../../../renderer/workers/analysisClient';

/** A stand-in for the analysis worker: records what the page posts and answers as the test says. */
export class FakeAnalysisWorker implements WorkerLike {
  posted: AnalysisRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<AnalysisResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: AnalysisRequest) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  reply(message: AnalysisResponse) {
    this.onmessage?.({ data: message } as MessageEvent<AnalysisResponse>);
  }
  /** The worker's script failed to load or threw outside a run. */
  crash(message: string) {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

/**
 * An analysis client whose every worker is a fake, kept in `workers` in the order they were started. What the
 * client leaves for idle time waits until the test calls `runIdle()`.
 */
export function analysisClientWithFakes() {
  const workers: FakeAnalysisWorker[] = [];
  const idle: (() => void)[] = [];
  const client = new AnalysisClient(
    () => {
      const worker = new FakeAnalysisWorker();
      workers.push(worker);
      return worker;
    },
    (task) => idle.push(task),
  );
  const runIdle = () => {
    for (const task of idle.splice(0)) task();
  };
  const profile = builtinProfile('co-uiaf');
  if (!profile) throw new Error('co-uiaf missing');
  return { client, workers, profile, runIdle };
}
