/**
 * Runs a step-wise builder (shared/graph's *Steps generators) on the UI
 * thread a slice at a time, giving the browser a turn whenever a slice has
 * used up its time budget, so a million transactions never freeze the page.
 * Resolves to null when cancelled.
 */
export async function runInSlices<T>(steps: Generator<number, T, void>, isCancelled: () => boolean, onProgress?: (fraction: number) => void, budgetMs = 40): Promise<T | null> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= budgetMs) {
      onProgress?.(step.value);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      if (isCancelled()) return null;
      sliceStart = performance.now();
    }
  }
}
