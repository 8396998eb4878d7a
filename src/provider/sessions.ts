/**
 * Sign-in sessions and remembered consent: what lets a real provider send a returning user straight
 * back to the app with a code. A session is made when a password is checked on the sign-in page; the
 * browser holds only its id, in an HttpOnly cookie. Both stores live in memory only (never in
 * --state-dir): a restart signs everyone out, which is what a teaching server should do.
 *
 * OIDC Core §3.1.2.3: "The methods used by the Authorization Server to Authenticate the End-User (e.g.,
 * username and password, session cookies, etc.) are beyond the scope of this specification."
 */
import type { IncomingMessage } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';
import { randomToken } from '../protocol/random.js';
import { TtlStore } from './store.js';

export interface Session {
  id: string;
  sub: string;
  /** When the user typed their password (provider clock, seconds): the ID token's auth_time (OIDC Core §2). */
  auth_time: number;
  /** When the session was made; it never outlives created + maxTtl, however often it is used. */
  created: number;
}

export interface SessionOptions {
  /** The cookie's name (the provider's port is in it: cookies are not isolated by port, RFC 6265 §8.5). */
  cookieName: string;
  /** Seconds a session lives after its last use. */
  idleTtl: number;
  /** Seconds a session lives at most after the sign-in that made it. */
  maxTtl: number;
  /** Sessions held; over the cap the oldest is dropped (its user signs in again). */
  max: number;
  /** Seconds an approval is remembered after it was last given or used. */
  consentTtl: number;
  /** (user, client) approvals held; over the cap the oldest is forgotten. */
  maxConsents: number;
  now: () => number;
}

/** A session id as made here: 32 random bytes, base64url (43 characters). */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * The value of the cookie named `name` in a Cookie header, if it has the shape of a session id. Parsed by
 * the `cookie` library (RFC 6265 §4.2.1: cookie-pair *( ";" SP cookie-pair )), which never throws; when
 * a name is sent twice the first one counts (RFC 6265 §5.4: longer paths first, so the most specific).
 */
export function sessionIdFrom(header: string | undefined, name: string): string | undefined {
  if (header === undefined || header === '') return undefined;
  const value = parseCookie(header)[name];
  return value !== undefined && SESSION_ID.test(value) ? value : undefined;
}

export class Sessions {
  readonly cookieName: string;
  readonly idleTtl: number;
  readonly maxTtl: number;
  private readonly now: () => number;
  private readonly consentTtl: number;
  private readonly sessions: TtlStore<string, Session>;
  /** Approved scopes per user and client (key: sub, NUL, client_id). */
  private readonly consents: TtlStore<string, Set<string>>;

  constructor(opts: SessionOptions) {
    this.cookieName = opts.cookieName;
    this.idleTtl = opts.idleTtl;
    this.maxTtl = opts.maxTtl;
    this.now = opts.now;
    this.consentTtl = opts.consentTtl;
    this.sessions = new TtlStore({ kind: 'sign-in sessions', max: opts.max, now: opts.now });
    this.consents = new TtlStore({
      kind: 'remembered consents',
      max: opts.maxConsents,
      now: opts.now,
    });
  }

  /** The live session the request's cookie names, its idle lifetime renewed; undefined when there is none. */
  current(req: IncomingMessage): Session | undefined {
    const id = sessionIdFrom(req.headers.cookie, this.cookieName);
    if (id === undefined) return undefined;
    const session = this.sessions.get(id);
    if (session === undefined) return undefined;
    // Set again, not just extended: the store drops its oldest entry first when full, and a session in
    // use moves to the back, so the cap ends sessions least recently used (not the one being used).
    this.sessions.set(id, session, this.until(session));
    return session;
  }

  /**
   * A new session for `sub`, signed in now, and the Set-Cookie header that hands its id to the browser.
   * A session the browser already had is ended: every sign-in gets a new id (no session fixation).
   */
  start(
    sub: string,
    previous?: Session,
  ): { session: Session; setCookie: string; evicted: boolean } {
    if (previous !== undefined) this.sessions.delete(previous.id);
    const now = this.now();
    // 256 bits from node:crypto's CSPRNG (RFC 6749 §10.10 asks at most 2^-128 for guessing a credential).
    const session: Session = { id: randomToken(32), sub, auth_time: now, created: now };
    const evicted = this.sessions.set(session.id, session, this.until(session));
    return { session, setCookie: this.cookie(session.id), evicted };
  }

  /**
   * The Set-Cookie value for a session id:
   * - HttpOnly, RFC 6265 §4.1.2.6: "The HttpOnly attribute limits the scope of the cookie to HTTP requests."
   *   No page script ever needs it.
   * - SameSite=Lax (draft-ietf-httpbis-rfc6265bis, "The SameSite Attribute"): sent when the browser
   *   navigates to /authorize from the app (a top-level GET), withheld from POSTs of other sites. On
   *   loopback every port of 127.0.0.1 is the same site, so the forms' real defences are their CSRF token
   *   (RFC 6749 §10.12) and the Sec-Fetch-Site or Origin check (page-form.ts).
   * - Path=/authorize, not Path=/: only /authorize and /authorize/decision need it, so a browser does
   *   not send it with the learner's own requests to paths elsewhere. This is tidiness, not a boundary
   *   (RFC 6265 §4.1.2.4: Path does not protect against other pages of the host), and cookies are not
   *   kept apart by port either ("Cookies do not provide isolation by port", RFC 6265 §8.5): any program
   *   on 127.0.0.1 can read or set them. A real provider serves https with Secure cookies on its own host.
   * - No Secure attribute: this provider serves plain http, and a browser may refuse to send a Secure
   *   cookie over it (RFC 6265 §4.1.2.5 limits Secure cookies to secure channels; some browsers count
   *   localhost as one, not every browser counts 127.0.0.1).
   * - Max-Age: the browser forgets it when the server would anyway (at most maxTtl).
   */
  cookie(id: string): string {
    return stringifySetCookie({
      name: this.cookieName,
      value: id,
      httpOnly: true,
      sameSite: 'lax',
      path: '/authorize',
      maxAge: this.maxTtl,
    });
  }

  /** Whether `sub` already approved every one of `scopes` for this client (renewing the approval when so). */
  consented(sub: string, clientId: string, scopes: readonly string[]): boolean {
    const key = consentKey(sub, clientId);
    const approved = this.consents.get(key);
    if (approved === undefined || !scopes.every((s) => approved.has(s))) return false;
    this.consents.extend(key, this.now() + this.consentTtl);
    return true;
  }

  /** Remembers that `sub` approved `scopes` for this client, with what was approved before. Returns true on eviction. */
  remember(sub: string, clientId: string, scopes: readonly string[]): boolean {
    const key = consentKey(sub, clientId);
    const approved = new Set(this.consents.get(key));
    for (const s of scopes) approved.add(s);
    return this.consents.set(key, approved, this.now() + this.consentTtl);
  }

  /** Forgets what `sub` approved for this client; true when there was something to forget. */
  forget(sub: string, clientId: string): boolean {
    const key = consentKey(sub, clientId);
    if (this.consents.get(key) === undefined) return false;
    this.consents.delete(key);
    return true;
  }

  get size(): number {
    return this.sessions.size;
  }

  get consentCount(): number {
    return this.consents.size;
  }

  sweep(): void {
    this.sessions.sweep();
    this.consents.sweep();
  }

  private until(session: Session): number {
    return Math.min(session.created + this.maxTtl, this.now() + this.idleTtl);
  }
}

function consentKey(sub: string, clientId: string): string {
  return `${sub}\u0000${clientId}`;
}
