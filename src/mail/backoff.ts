/** The first retry waits this long; each further one waits twice as long as the one before. */
export const FIRST_RETRY_MS = 30_000;
/** No retry waits longer than this. */
export const MAX_RETRY_MS = 30 * 60_000;

/**
 * How long to wait before the next try of a message that has failed `attempts` times
 * (attempts ≥ 1): 30 s, 1 min, 2 min, 4 min … capped at 30 min.
 */
export function retryDelayMs(attempts: number): number {
  if (!Number.isFinite(attempts) || attempts < 1) return FIRST_RETRY_MS;
  const exponent = Math.min(Math.floor(attempts) - 1, 30);
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, MAX_RETRY_MS);
}

/** The instant of the next try after a failure at `now`. */
export function nextAttemptAt(now: Date, attempts: number): Date {
  return new Date(now.getTime() + retryDelayMs(attempts));
}
