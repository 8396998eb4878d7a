/**
 * The data of the live flow: what each step records (shown by the CLI, kept in
 * `--json` and `--transcript`), the options a run takes, and what the run asks
 * of the terminal (FlowIO). Nothing here prints.
 */
import type { Exchange } from '../exchange.js';
import type { CheckedToken } from '../token-checks.js';
import type { AttackName, AttackOutcome } from '../attack-labs.js';
import { TutorError } from '../../errors.js';

import type { GrantName } from '../names.js';
export { GRANTS, type GrantName } from '../names.js';

export interface Fact {
  name: string;
  value: string;
  meaning: string;
}

export interface StepRecord {
  number: number;
  title: string;
  /** What happened, in words: one item per line. */
  notes: string[];
  exchanges: Exchange[];
  tokens: CheckedToken[];
  /** Key facts for the learner (e.g. the authorize URL's parameters). */
  facts?: Fact[];
  /**
   * Set on what is handed to `io.step()` when part of the step was already shown (e.g. step 3's parameters,
   * before the browser opens): only the rest is in this record. The transcript always holds the whole step.
   */
  continued?: boolean;
  /** The device flow: the user code and where to type it, to show large (RFC 8628 §3.3). */
  userCode?: { code: string; uri: string; complete?: string };
}

export interface Extra {
  title: string;
  notes: string[];
  exchanges: Exchange[];
}

export interface FlowTranscript {
  ok: boolean;
  grant: GrantName;
  issuer: string;
  clientId?: string;
  steps: StepRecord[];
  extras: Extra[];
  attack?: AttackOutcome;
  /** Set when the learner said no at step 2. */
  declined?: boolean;
}

/** The built-in provider, started by the CLI and handed to the flow. */
export interface FlowProvider {
  issuer: string;
  /** Accounts the client side may play: the user under --auto, and the attacker of the CSRF lab. */
  accounts: { username: string; password: string }[];
  /** A second provider, run by the attacker (the mix-up lab). */
  attacker?: { issuer: string };
}

export interface ExternalProvider {
  issuer?: string;
  clientId: string;
  clientSecret?: string;
  authorizeUrl?: string;
  tokenUrl?: string;
  apiUrl?: string;
  jwksUrl?: string;
  redirectPort?: number;
  /** The redirect URI's path registered at the provider (default /callback). */
  redirectPath?: string;
}

export interface FlowOptions {
  grant?: GrantName;
  /** The seven step titles of the authorization-code flow, in order, in the wording of the ordering lesson. */
  titles: string[];
  auto: boolean;
  user?: string;
  scope?: string;
  attack?: AttackName;
  extras?: boolean;
  /** Record tokens and secrets whole (the learner asked for it explicitly); by default they are shortened. */
  showSecrets?: boolean;
  timeoutMs?: number;
  /** The built-in provider (the CLI starts it); or else `external`. */
  provider?: FlowProvider;
  /** Against a provider of the learner's choosing. */
  external?: ExternalProvider;
  /**
   * Waits between device-flow polls. Injectable so that tests (and `--auto`) need not wait out the interval:
   * the client still honours every interval the provider asks for, and records it.
   */
  sleep?: (ms: number) => Promise<void>;
  /** The time the client checks tokens against (moved on with `sleep` when the waits are fast-forwarded). */
  now?: () => Date;
}

export interface FlowIO {
  beforeStep?(number: number, title: string): Promise<void>;
  step(record: StepRecord): void;
  extra?(extra: Extra): void;
  askSignIn(): Promise<boolean>;
  /** After the last step: try the extras (refresh, revoke, a call with the revoked token) on this session's tokens? */
  offerExtras?(): Promise<boolean>;
  /** Show the URL (always) and open a browser (unless --no-browser). */
  openBrowser(url: string): Promise<void>;
  waiting?(message: string): { stop(): void };
}

/**
 * A step (or an extra) failed: a TutorError (ERR_FAILED) whose hint says what to do next, plus what the
 * learner needs to see where: the step's number and title, the extra's title, and the transcript so far.
 */
export class FlowError extends TutorError {
  override name = 'FlowError';
  /** Always set: every failed step says what to do next. */
  declare readonly hint: string;

  constructor(
    readonly step: number,
    readonly title: string,
    message: string,
    hint: string,
    readonly transcript?: FlowTranscript,
    /** Set when the failure happened in an extra after the steps, not in a step. */
    readonly extra?: string,
  ) {
    super('ERR_FAILED', message, { hint });
  }
}

/** A secret as the flow shows it: the one rule, in redact.ts. */
export { shortSecret as mask } from '../redact.js';
