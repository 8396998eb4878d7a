/**
 * A bounded in-memory store: every entry has an end of life (seconds on the
 * provider's clock) and is deleted when it comes; at most `max` entries are
 * kept, the oldest evicted first. This is what keeps a provider that is left
 * running for a week, or flooded by anonymous requests, within a fixed
 * amount of memory (node-oidc-provider gives every stored model an expiry
 * that its adapter honours; we do the same in memory).
 */

export interface StoreOptions {
  /** What is stored, for the log ("pending authorizations"). */
  kind: string;
  /** The most entries kept; inserting one more evicts the oldest. */
  max: number;
  /** Seconds since the epoch, the provider's clock (tests move it). */
  now: () => number;
}

interface Entry<V> {
  value: V;
  /** Deleted once now() > until. */
  until: number;
}

export class TtlStore<K, V> {
  readonly kind: string;
  readonly max: number;
  private readonly now: () => number;
  // A Map iterates in insertion order, so its first entry is always the oldest.
  private readonly map = new Map<K, Entry<V>>();
  private lastSweep = Number.NEGATIVE_INFINITY;
  /** How many entries were evicted by the cap since the start (the log reports it). */
  evicted = 0;

  constructor(opts: StoreOptions) {
    this.kind = opts.kind;
    this.max = opts.max;
    this.now = opts.now;
  }

  /**
   * Stores `value` until `until` (re-setting a key moves it to the newest end).
   * Returns true when the cap made room by evicting the oldest entry.
   */
  set(key: K, value: V, until: number): boolean {
    this.sweepIfDue();
    this.map.delete(key);
    let evicted = false;
    while (this.map.size >= this.max) {
      const oldest = this.map.keys().next();
      if (oldest.done === true) break;
      this.map.delete(oldest.value);
      this.evicted++;
      evicted = true;
    }
    this.map.set(key, { value, until });
    return evicted;
  }

  /** The live value, or undefined when there is none or its life has ended. */
  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (e === undefined) return undefined;
    if (this.now() > e.until) {
      this.map.delete(key);
      return undefined;
    }
    return e.value;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** Changes how long an entry lives without moving it. */
  extend(key: K, until: number): void {
    const e = this.map.get(key);
    if (e !== undefined) e.until = Math.max(e.until, until);
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  /** The number of live entries (ended ones are deleted first). */
  get size(): number {
    this.sweep();
    return this.map.size;
  }

  /** Deletes every entry whose life has ended. */
  sweep(): void {
    const now = this.now();
    this.lastSweep = now;
    for (const [k, e] of this.map) if (now > e.until) this.map.delete(k);
  }

  /** A full sweep at most once per clock second, so inserts stay O(1) amortised. */
  private sweepIfDue(): void {
    if (this.now() - this.lastSweep >= 1) this.sweep();
  }
}
