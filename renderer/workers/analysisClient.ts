import type { Alert } from '../../shared/model';
import type { UnitProfile } from '../../shared/profiles';

/** What the page asks the analysis worker to do. The worker reads the case's records from IndexedDB itself. */
export interface AnalysisRequest {
  type: 'run';
  requestId: number;
  caseId: string;
  profile: UnitProfile;
  /** Fingerprint of the run's inputs, stored with the run (see features/alerts/runKey.ts). */
  inputKey: string;
}

export type AnalysisResponse =
  | { type: 'phase'; requestId: number; phase: 'loading' | 'saving' }
  | { type: 'progress'; requestId: number; fraction: number; typologyId: string }
  | { type: 'done'; requestId: number; ranAt: number; alerts: Alert[] }
  | { type: 'failed'; requestId: number; message: string };

export type DetectionPhase = 'idle' | 'loading' | 'running' | 'saving' | 'done' | 'cancelled' | 'failed';

export interface DetectionStatus {
  phase: DetectionPhase;
  caseId: string | null;
  inputKey: string | null;
  /** 0..1 over all typologies. */
  fraction: number;
  typologyId: string | null;
  error: string | null;
}

export interface DetectionResult {
  caseId: string;
  profileId: string;
  inputKey: string;
  ranAt: number;
  alerts: Alert[];
}

export interface DetectionRunInput {
  caseId: string;
  profile: UnitProfile;
  inputKey: string;
}

/** The slice of the Worker API the client uses, so tests can drive it with a fake. */
export interface WorkerLike {
  postMessage(message: AnalysisRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<AnalysisResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

const IDLE: DetectionStatus = { phase: 'idle', caseId: null, inputKey: null, fraction: 0, typologyId: null, error: null };

interface Pending {
  requestId: number;
  input: DetectionRunInput;
  promise: Promise<DetectionResult | null>;
  resolve(result: DetectionResult | null): void;
}

/**
 * Runs detection in one Web Worker at a time. Detection is synchronous inside
 * the worker, so it cannot read a "cancel" message until it finishes; cancelling
 * therefore terminates the worker (the run's single IndexedDB write aborts with
 * it, so nothing half-written remains) and the next run starts a fresh one.
 * A finished or failed run ends its worker too: the worker reads its own copy
 * of the whole case (a million rows is ≈300 MB of heap beside the page's copy)
 * and would otherwise keep it for as long as the window stays open.
 *
 * A worker is started ahead of the next run, in idle time (`prepare`, and after
 * every run): loading and compiling the detectors' script took ≈400 ms of every
 * run on a 2-core laptop, most of the wait for the demo case's alerts. That
 * standby has read no case, so it holds only its code.
 *
 * It lives outside React so every view that needs alerts shares one run: the
 * alerts list, the profiles view and the chart never start the same work twice.
 */
export class AnalysisClient {
  private worker: WorkerLike | null = null;
  private pending: Pending | null = null;
  private nextRequestId = 1;
  private status: DetectionStatus = IDLE;
  private readonly listeners = new Set<() => void>();
  /** Inputs whose run the analyst cancelled: not restarted automatically, only by hand. */
  private readonly cancelledKeys = new Set<string>();

  constructor(
    private readonly createWorker: () => WorkerLike,
    private readonly whenIdle: (task: () => void) => void = runWhenIdle,
  ) {}

  /** Starts a worker for the next run in idle time, unless one is there already. */
  prepare(): void {
    this.whenIdle(() => {
      if (!this.worker) this.ensureWorker();
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getStatus = (): DetectionStatus => this.status;

  /** The run in progress for exactly these inputs, if any. */
  runningFor(inputKey: string): Promise<DetectionResult | null> | null {
    return this.pending && this.pending.input.inputKey === inputKey ? this.pending.promise : null;
  }

  wasCancelled(inputKey: string): boolean {
    return this.cancelledKeys.has(inputKey);
  }

  /** Starts a run; a run already in progress is superseded (its promise resolves to null). */
  run(input: DetectionRunInput): Promise<DetectionResult | null> {
    this.abandonCurrent();
    this.cancelledKeys.delete(input.inputKey);
    const requestId = this.nextRequestId++;
    let resolve!: (result: DetectionResult | null) => void;
    const promise = new Promise<DetectionResult | null>((settle) => (resolve = settle));
    this.pending = { requestId, input, promise, resolve };
    const worker = this.ensureWorker();
    this.setStatus({ phase: 'loading', caseId: input.caseId, inputKey: input.inputKey, fraction: 0, typologyId: null, error: null });
    worker.postMessage({ type: 'run', requestId, caseId: input.caseId, profile: input.profile, inputKey: input.inputKey });
    return promise;
  }

  cancel(): void {
    const pending = this.pending;
    if (!pending) return;
    this.cancelledKeys.add(pending.input.inputKey);
    this.abandonCurrent();
    this.setStatus({ ...this.status, phase: 'cancelled', caseId: pending.input.caseId, inputKey: pending.input.inputKey });
  }

  private abandonCurrent(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    this.releaseWorker();
    pending.resolve(null);
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      worker.terminate();
      if (this.worker !== worker) return;
      this.worker = null;
      // A standby that failed to start is dropped quietly: the next run starts its own and reports what happens then.
      if (this.pending) this.fail(event.message || 'the analysis worker stopped unexpectedly');
    };
    this.worker = worker;
    return worker;
  }

  private receive(message: AnalysisResponse): void {
    const pending = this.pending;
    if (!pending || message.requestId !== pending.requestId) return;
    switch (message.type) {
      case 'phase':
        this.setStatus({ ...this.status, phase: message.phase });
        break;
      case 'progress':
        this.setStatus({ ...this.status, phase: 'running', fraction: message.fraction, typologyId: message.typologyId });
        break;
      case 'done':
        this.pending = null;
        this.releaseWorker();
        this.setStatus({ ...this.status, phase: 'done', fraction: 1, typologyId: null });
        pending.resolve({
          caseId: pending.input.caseId,
          profileId: pending.input.profile.id,
          inputKey: pending.input.inputKey,
          ranAt: message.ranAt,
          alerts: message.alerts,
        });
        break;
      case 'failed':
        this.fail(message.message);
        break;
    }
  }

  /** Ends the worker that ran so its copy of the case is freed at once; a fresh one waits for the next run. */
  private releaseWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.prepare();
  }

  private fail(message: string): void {
    const pending = this.pending;
    this.pending = null;
    this.releaseWorker();
    this.setStatus({ ...this.status, phase: 'failed', error: message });
    pending?.resolve(null);
  }

  private setStatus(status: DetectionStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}

/** Idle time in a browser; elsewhere (Node, tests without a fake) a second later. */
function runWhenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => task(), { timeout: 2000 });
  else setTimeout(task, 1000);
}

export const analysisClient = new AnalysisClient(
  () => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'caudal-analysis' }) as unknown as WorkerLike,
);
