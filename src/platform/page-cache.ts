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
  private readonly entries = new Map<string, { body: string; expiresAt: number }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxEntries = 500,
  ) {}

  /** Returns the cached body, or renders, stores and returns a new one. */
  async get(key: string, now: Date, render: () => Promise<{ body: string; validUntil: Date | null } | null>): Promise<string | null> {
    const t = now.getTime();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > t) return hit.body;
    const fresh = await render();
    if (fresh === null) return null;
    let expiresAt = t + this.maxAgeMs;
    if (fresh.validUntil && fresh.validUntil.getTime() < expiresAt) expiresAt = fresh.validUntil.getTime();
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { body: fresh.body, expiresAt });
    return fresh.body;
  }

  clear(): void {
    this.entries.clear();
  }
}
