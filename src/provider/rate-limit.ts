/**
 * A fixed-window counter per key (a remote address, a username), kept in a
 * bounded store so that the limiter itself cannot be used to fill memory.
 */
import { TtlStore } from './store.js';

export interface RateLimitOptions {
  kind: string;
  /** Attempts allowed per window. */
  limit: number;
  /** Window length in seconds. */
  window: number;
  now: () => number;
  /** Keys tracked at once (oldest forgotten first). */
  maxKeys?: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfter: number };

interface Window {
  start: number;
  count: number;
}

export class RateLimiter {
  readonly limit: number;
  readonly window: number;
  private readonly now: () => number;
  private readonly windows: TtlStore<string, Window>;

  constructor(opts: RateLimitOptions) {
    this.limit = opts.limit;
    this.window = opts.window;
    this.now = opts.now;
    this.windows = new TtlStore({ kind: opts.kind, max: opts.maxKeys ?? 10_000, now: opts.now });
  }

  /** Whether `key` is over its limit now, without counting an attempt. */
  check(key: string): RateDecision {
    const w = this.windows.get(key);
    if (w === undefined || w.count < this.limit) return { ok: true };
    return { ok: false, retryAfter: Math.max(1, w.start + this.window - this.now()) };
  }

  /** Counts one attempt for `key`; refused when the window already holds `limit` of them. */
  hit(key: string): RateDecision {
    const decision = this.check(key);
    if (!decision.ok) return decision;
    const now = this.now();
    const w = this.windows.get(key);
    if (w === undefined) this.windows.set(key, { start: now, count: 1 }, now + this.window);
    else w.count++;
    return { ok: true };
  }

  /** Forgets `key` (a successful sign-in clears its failures). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }
}
