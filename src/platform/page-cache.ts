/**
 * Rendered pages that change only at phase instants (or when an administrator edits
 * something) are kept for a few seconds. Rendering dominates the cost of a public page,
 * so this is what lets the award page keep up under a nomination rush.
 *
 * Each process has its own copy; an entry never outlives `maxAgeMs`, so with several
 * processes an edit is visible everywhere within that time, and never outlives the next
 * phase instant, so nothing is shown a second early or late.
 */
export class PageCache {
  // Bodies are kept encoded: sending a Buffer skips measuring and encoding the string per request.
  private readonly entries = new Map<string, { body: Buffer; expiresAt: number }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxEntries = 500,
  ) {}

  /** Returns the cached body, or renders, stores and returns a new one. */
  async get(key: string, now: Date, render: () => Promise<{ body: string; validUntil: Date | null } | null>): Promise<Buffer | null> {
    const t = now.getTime();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > t) return hit.body;
    const fresh = await render();
    if (fresh === null) return null;
    let expiresAt = t + this.maxAgeMs;
    if (fresh.validUntil && fresh.validUntil.getTime() < expiresAt) expiresAt = fresh.validUntil.getTime();
    const body = Buffer.from(fresh.body, 'utf8');
    if (this.maxAgeMs <= 0) return body;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { body, expiresAt });
    return body;
  }

  clear(): void {
    this.entries.clear();
  }
}
