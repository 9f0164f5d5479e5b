import { ListImportError, screenAgainstLists } from '../../../shared/screen';
import type { ParseRequest, ParseResponse, ScreeningRequest, ScreeningResponse, WorkerHit } from './protocol';
import { parsePickedFiles } from './parse';

/** Screens parties against list versions off the UI thread, reporting progress every few hundred parties. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ScreeningRequest | ParseRequest>) => void) | null;
  postMessage(message: ScreeningResponse | ParseResponse): void;
}

const scope = self as unknown as WorkerScope;
const post = (message: ScreeningResponse) => scope.postMessage(message);

scope.onmessage = (event) => {
  const request = event.data;
  if (request?.type === 'parse') {
    try {
      scope.postMessage({ type: 'parsed', lists: parsePickedFiles(request.files) });
    } catch (error) {
      const refusal: ParseResponse = { type: 'error', message: error instanceof Error ? error.message : String(error), ...(error instanceof ListImportError ? { messageEs: error.messageEs } : {}) };
      scope.postMessage(refusal);
    }
    return;
  }
  if (request?.type !== 'screen') return;
  try {
    const started = performance.now();
    let lastPost = 0;
    const hits =
      screenAgainstLists(request.subjects, request.lists, {
        threshold: request.threshold,
        onProgress: (done, total) => {
          const now = performance.now();
          if (now - lastPost > 100 || done === total) {
            lastPost = now;
            post({ type: 'progress', done, total });
          }
        },
      }) ?? [];
    const slim: WorkerHit[] = hits.map(({ entry: _entry, ...hit }) => hit);
    post({ type: 'done', hits: slim, ms: performance.now() - started });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
