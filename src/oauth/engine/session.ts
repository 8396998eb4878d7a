/**
 * One run of the live flow: what the client knows so far (endpoints, its
 * credentials, state, PKCE verifier, tokens) and the bookkeeping every step
 * shares: recording through the redactor, handing records to the CLI, and
 * failing with the step (or extra) that failed. The step modules of each
 * grant read and fill it; the runner walks them in order.
 */
import type { JSONWebKeySet } from 'jose';
import {
  exchange,
  ExchangeError,
  jsonOf,
  type Exchange,
  type RecordedRequest,
} from '../exchange.js';
import type { CallbackReply, CallbackServer, ReceivedCallback } from '../callback-server.js';
import type { CheckedResponse } from '../authorization-response.js';
import { Redactor } from '../redact.js';
import { parseTokenResponse, type TokenResponse } from '../token-response.js';
import { ATTACK_INFO, type AttackName } from '../attack-labs.js';
import type { Endpoints } from './endpoints.js';
import {
  FlowError,
  type Extra,
  type FlowIO,
  type FlowOptions,
  type FlowTranscript,
  type GrantName,
  type StepRecord,
} from './types.js';

interface Shown {
  notes: number;
  exchanges: number;
  tokens: number;
  facts: number;
}

/**
 * What an earlier step set, for a step that needs it: its absence means the steps ran out of order,
 * a bug in oauth-tutor (and reported like one), never something the learner did.
 */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new Error(`${what} is not known yet: a flow step ran out of order`);
  return value;
}

export class Session {
  readonly t: FlowTranscript;
  readonly secrets: Redactor;
  /** Set by a step that ends the run (a lab's outcome, the user saying no). */
  stopped = false;

  // What the client knows, filled in step by step.
  private endpoints: Endpoints | undefined;
  /** The provider's endpoints, known from step 1 (discovery) on. */
  get ep(): Endpoints {
    return required(this.endpoints, "the provider's endpoints");
  }
  set ep(ep: Endpoints) {
    this.endpoints = ep;
  }
  clientId = '';
  clientSecret: string | undefined;
  /** How the client authenticates at the token endpoint (Basic for a confidential client). */
  headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  callback: CallbackServer | undefined;
  redirectUri = '';
  scope: string;
  usePkce = true;
  publicClient = false;
  state = '';
  nonce = '';
  verifier = '';
  params: Record<string, string> = {};
  authorizeUrl = '';
  received: ReceivedCallback | undefined;
  checked: CheckedResponse | undefined;
  answer: CallbackReply | undefined;
  /** The browser's request to the loopback callback, when this process plays the browser. */
  browserDone: Promise<unknown> = Promise.resolve();
  code = '';
  tokenParams: Record<string, string | undefined> = {};
  /** The token endpoint's checked answer (RFC 6749 §5.1), once the token request has succeeded. */
  tokens: TokenResponse | undefined;
  jwks: JSONWebKeySet | undefined;
  accessToken = '';
  /** The verified ID token's `sub`, which a UserInfo response must repeat (OIDC Core §5.3.2). */
  idTokenSub: string | undefined;

  private current = 1;
  private currentTitle = '';
  private extraTitle: string | undefined;
  private open: StepRecord | undefined;
  private shown = new Map<number, Shown>();

  constructor(
    readonly opts: FlowOptions,
    readonly io: FlowIO,
    readonly grant: GrantName,
  ) {
    this.t = { ok: false, grant, issuer: '', steps: [], extras: [] };
    this.secrets = new Redactor(opts.showSecrets === true);
    this.scope = opts.scope ?? 'openid profile email notes.read offline_access';
  }

  get timeoutMs(): number {
    return this.opts.timeoutMs ?? 300_000;
  }

  /** The account --auto signs in with (the built-in provider's demo users). */
  account(
    username = this.opts.user ?? 'alice',
  ): { username: string; password: string } | undefined {
    return this.opts.provider?.accounts.find((a) => a.username === username);
  }

  async begin(number: number, title: string): Promise<StepRecord> {
    this.current = number;
    this.currentTitle = title;
    await this.io.beforeStep?.(number, title);
    this.open = { number, title, notes: [], exchanges: [], tokens: [] };
    return this.open;
  }

  /** Shows what the step has so far (before the run waits on the user), without ending it. */
  show(s: StepRecord): void {
    const part = this.remainder(s);
    this.shown.set(s.number, {
      notes: s.notes.length,
      exchanges: s.exchanges.length,
      tokens: s.tokens.length,
      facts: s.facts?.length ?? 0,
    });
    this.io.step(part);
  }

  finish(s: StepRecord): void {
    if (this.open === s) this.open = undefined;
    // Redacted once: what is shown is (the rest of) what is recorded.
    const recorded = this.secrets.record(s);
    this.t.steps.push(recorded);
    this.io.step(this.remainder(s, recorded));
  }

  /** Opens an extra (after the steps): a failure now is named after it, not after the last step. */
  extra(title: string): Extra {
    this.extraTitle = title;
    return { title, notes: [], exchanges: [] };
  }

  pushExtra(x: Extra): void {
    this.extraTitle = undefined;
    const recorded = this.secrets.record(x);
    this.t.extras.push(recorded);
    this.io.extra?.(recorded);
  }

  /** Ends the run with a lab's outcome. */
  outcome(name: AttackName, blocked: boolean, evidence: string): void {
    const info = ATTACK_INFO[name];
    this.t.attack = {
      name,
      title: info.title,
      blocked,
      checkedBy: info.checkedBy,
      check: info.check,
      rfc: info.rfc,
      withoutCheck: info.withoutCheck,
      ...(info.defences === undefined ? {} : { defences: info.defences }),
      evidence: this.secrets.text(evidence),
    };
    this.t.ok = blocked;
    this.stopped = true;
  }

  /** Fails the step (or extra) under way; what it recorded so far is kept. */
  fail(message: string, hint: string): never {
    if (this.open !== undefined && this.extraTitle === undefined) this.finish(this.open);
    throw new FlowError(
      this.current,
      this.currentTitle,
      this.secrets.text(message),
      hint,
      this.t,
      this.extraTitle,
    );
  }

  /**
   * The tokens of a 200 from the token endpoint, checked against RFC 6749 §5.1 (the token response);
   * a body that is not one fails the step with the member that is wrong.
   */
  tokenResponse(e: Exchange): TokenResponse {
    const parsed = parseTokenResponse(jsonOf(e));
    if (parsed.ok) return parsed.tokens;
    return this.fail(
      `the token endpoint answered ${e.response.status}, but not with a token response: ${parsed.problem}`,
      'The provider does not answer the way RFC 6749 §5.1 requires; a client must not use this answer.',
    );
  }

  /** The protected API, sent the current access token (a Bearer credential, RFC 6750 §2.1). */
  callApi(
    note = 'the API call, with the access token as a Bearer credential (RFC 6750)',
  ): Promise<Exchange> {
    return this.call(
      {
        method: 'GET',
        url: this.ep.api,
        headers: { authorization: `Bearer ${this.accessToken}`, accept: 'application/json' },
      },
      note,
    );
  }

  async call(request: RecordedRequest, note?: string): Promise<Exchange> {
    try {
      const e = await exchange(request);
      this.secrets.fromResponse(jsonOf(e));
      return note === undefined ? e : { ...e, note };
    } catch (error) {
      if (error instanceof ExchangeError)
        return this.fail(
          error.message,
          this.opts.external
            ? 'Check the provider URL and that it is running.'
            : 'The built-in provider stopped answering; run the flow again.',
        );
      throw error;
    }
  }

  private remainder(s: StepRecord, recorded: StepRecord = this.secrets.record(s)): StepRecord {
    const before = this.shown.get(s.number);
    if (before === undefined) return recorded;
    return {
      ...recorded,
      notes: recorded.notes.slice(before.notes),
      exchanges: recorded.exchanges.slice(before.exchanges),
      tokens: recorded.tokens.slice(before.tokens),
      ...(recorded.facts === undefined ? {} : { facts: recorded.facts.slice(before.facts) }),
      continued: true,
    };
  }
}
