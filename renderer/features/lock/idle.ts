/** Idle lock: minutes without input before Caudal locks itself; 0 turns it off. Kept per workstation. */
export const IDLE_MINUTES_KEY = 'caudal.idleLockMinutes';
export const DEFAULT_IDLE_MINUTES = 15;
export const MAX_IDLE_MINUTES = 240;

export function parseIdleMinutes(value: string | null | undefined): number {
  if (value === null || value === undefined || value.trim() === '') return DEFAULT_IDLE_MINUTES;
  const minutes = Number(value);
  if (!Number.isFinite(minutes) || minutes < 0) return DEFAULT_IDLE_MINUTES;
  return Math.min(MAX_IDLE_MINUTES, Math.round(minutes * 10) / 10);
}

export function readIdleMinutes(): number {
  return parseIdleMinutes(globalThis.localStorage?.getItem(IDLE_MINUTES_KEY));
}

export function writeIdleMinutes(minutes: number): number {
  const clean = parseIdleMinutes(String(minutes));
  globalThis.localStorage?.setItem(IDLE_MINUTES_KEY, String(clean));
  return clean;
}

/** True when the last activity is older than the limit (a limit of 0 never locks). */
export const idleExpired = (lastActivity: number, now: number, minutes: number): boolean => minutes > 0 && now - lastActivity >= minutes * 60_000;
