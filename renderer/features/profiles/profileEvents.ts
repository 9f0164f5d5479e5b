/**
 * Bumped whenever a stored profile changes, so views that depend on a
 * profile's content (detection, banners) re-read it even though the case
 * still names the same profile id.
 */
let version = 0;
const listeners = new Set<() => void>();

export const profileChanges = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getVersion(): number {
    return version;
  },
  notify(): void {
    version += 1;
    for (const listener of listeners) listener();
  },
};
