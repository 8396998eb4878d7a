/**
 * The registered clients. Pre-registered ones (the demo clients, `--client`)
 * live for the provider's lifetime; dynamically registered ones (RFC 7591) have a
 * lifetime: a registration never used (no sign-in, no token) is dropped after
 * `unusedClientTtl`, a used one after `idleClientTtl` without use. At the cap,
 * a new registration evicts the oldest never-used one, so anonymous spam
 * cannot lock a class out of registering; only when every registration has
 * been used does the least recently used one go.
 */
import type { Client } from './model.js';

export interface StoredClient {
  client: Client;
  registered_at: number;
  /** Undefined until the client is first used at /authorize (a sign-in) or /token. */
  last_used_at?: number;
}

export interface ClientRegistryOptions {
  max: number;
  unusedTtl: number;
  idleTtl: number;
  now: () => number;
}

export class ClientRegistry {
  private readonly fixed = new Map<string, Client>();
  // Insertion order = registration order: the first unused entry is the oldest unused one.
  private readonly dynamic = new Map<string, StoredClient>();
  /** When each client's last use was last reported to be worth saving (in memory only). */
  private readonly savedUse = new Map<string, number>();

  constructor(private readonly opts: ClientRegistryOptions) {}

  addFixed(client: Client): void {
    this.fixed.set(client.client_id, client);
  }

  get(id: string): Client | undefined {
    const fixed = this.fixed.get(id);
    if (fixed !== undefined) return fixed;
    const stored = this.dynamic.get(id);
    if (stored === undefined) return undefined;
    if (this.ended(stored, this.opts.now())) {
      this.dynamic.delete(id);
      this.savedUse.delete(id);
      return undefined;
    }
    return stored.client;
  }

  /**
   * Records a use. True when it is worth saving: the first use, or the first in an hour, so that a saved
   * last_used_at is never more than an hour behind (a restart must not drop a client still in use).
   */
  markUsed(id: string): boolean {
    const stored = this.dynamic.get(id);
    if (stored === undefined) return false;
    const now = this.opts.now();
    const previous = stored.last_used_at;
    stored.last_used_at = now;
    const lastSaved = this.savedUse.get(id) ?? previous;
    if (lastSaved !== undefined && now - lastSaved < 3600) return false;
    this.savedUse.set(id, now);
    return true;
  }

  /** Adds a dynamic registration; returns the client_id it evicted to make room, if any. */
  register(stored: StoredClient): string | undefined {
    this.sweep();
    let evicted: string | undefined;
    if (this.dynamic.size >= this.opts.max) {
      evicted = this.oldestUnused() ?? this.leastRecentlyUsed();
      if (evicted !== undefined) {
        this.dynamic.delete(evicted);
        this.savedUse.delete(evicted);
      }
    }
    this.dynamic.set(stored.client.client_id, stored);
    return evicted;
  }

  /** Live dynamic registrations, oldest first (what --state-dir saves). */
  registrations(): StoredClient[] {
    this.sweep();
    return [...this.dynamic.values()];
  }

  /** Live dynamic registrations. */
  get size(): number {
    this.sweep();
    return this.dynamic.size;
  }

  /** Drops ended registrations; true when any went. */
  sweep(): boolean {
    const now = this.opts.now();
    let dropped = false;
    for (const [id, s] of this.dynamic) {
      if (this.ended(s, now)) {
        this.dynamic.delete(id);
        this.savedUse.delete(id);
        dropped = true;
      }
    }
    return dropped;
  }

  private ended(s: StoredClient, now: number): boolean {
    return s.last_used_at === undefined
      ? now > s.registered_at + this.opts.unusedTtl
      : now > s.last_used_at + this.opts.idleTtl;
  }

  private oldestUnused(): string | undefined {
    for (const [id, s] of this.dynamic) if (s.last_used_at === undefined) return id;
    return undefined;
  }

  private leastRecentlyUsed(): string | undefined {
    let best: StoredClient | undefined;
    for (const s of this.dynamic.values())
      if (best === undefined || (s.last_used_at ?? 0) < (best.last_used_at ?? 0)) best = s;
    return best?.client.client_id;
  }
}
