/**
 * The values command-line options may take: the lists commander checks with
 * `choices()` (and prints in --help), and the parsers that turn numbers and
 * seeds into typed values. A bad value is a commander error: two lines (what
 * is wrong, where the help is) and exit 2, printed before any command loads.
 *
 * program.ts loads this on every run, --help included, so it imports nothing
 * from the modules that own these lists (they load jose, the flow engine…):
 * each list is written out here, and the compiler checks it names every value
 * of the type its owner declares.
 */
import { InvalidArgumentError } from '@commander-js/extra-typings';
import type { AttackName } from '../oauth/attack-labs.js';
import type { GrantName } from '../oauth/flow.js';
import type { ProviderAlg } from '../provider/keys.js';
import type { SigningAlg } from '../jwt/keys.js';
import type { DemoId } from '../jwt/demos/ids.js';

/** What the compiler says when a list leaves a value out. */
interface Missing<T> {
  missing: T;
}

/**
 * The list, checked to hold every member of T (a missing one is a compile
 * error naming it). Curried so T is given and the list's literal types are
 * inferred.
 */
function allOf<T extends string>() {
  return <const L extends readonly T[]>(
    list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : Missing<Exclude<T, L[number]>>),
  ): L => list;
}

/** src/oauth/engine/types.ts GRANTS. */
export const GRANTS = allOf<GrantName>()(['code', 'device', 'client-credentials', 'refresh']);
/** src/oauth/attack-labs.ts ATTACKS. */
export const ATTACKS = allOf<AttackName>()([
  'state',
  'replay',
  'verifier',
  'redirect',
  'no-pkce',
  'scope',
  'mix-up',
  'dpop-replay',
]);
/** src/provider/keys.ts PROVIDER_ALGS. */
export const PROVIDER_ALGS = allOf<ProviderAlg>()(['ES256', 'RS256', 'EdDSA']);
/** src/jwt/keys.ts SIGNING_ALGS. */
export const SIGNING_ALGS = allOf<SigningAlg>()([
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
]);
/** src/jwt/demos/ids.ts DEMO_IDS. */
export const DEMO_IDS = allOf<DemoId>()([
  'structure',
  'hmac',
  'tamper',
  'asymmetric',
  'jwe',
  'attack-none',
  'attack-confusion',
  'attack-expired',
  'attack-audience',
  'attack-weak-secret',
  'attack-jku',
  'basic-vs-bearer',
]);
export const PAPER_FORMATS = ['md', 'html'] as const;
export const KEY_FORMATS = ['pem', 'jwk'] as const;

/** A number the user typed: blank is not 0 (Number('') is). */
function numberOf(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value);
}

/** `--timeout`: seconds, more than 0. */
export function parseSeconds(value: string): number {
  const n = numberOf(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('Give a number of seconds greater than 0, e.g. 60.');
  return n;
}

/** `--count`: a whole number, 1 or more. */
export function parseCount(value: string): number {
  const n = numberOf(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('Give a whole number of questions, 1 or more.');
  return n;
}

/** `provider --port`: 0 to 65535, 0 picks a free port. */
export function parseListenPort(value: string): number {
  const n = numberOf(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('Give a port number, 0–65535 (0 picks a free one).');
  return n;
}

/** `--redirect-port`: a port a redirect URI can name, 1 to 65535. */
export function parsePort(value: string): number {
  const n = numberOf(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new InvalidArgumentError('Give a port number, 1–65535.');
  return n;
}

/** `--seed`: any word or number (src/random.ts turns it into the shuffle), but not blank. */
export function parseSeed(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('Give a seed, e.g. --seed 7.');
  return value;
}

function isSigningAlg(value: string): value is SigningAlg {
  return SIGNING_ALGS.some((a) => a === value);
}

/** `jwt verify --alg`: repeatable, and each may be a comma-separated list. */
export function parseSigningAlgs(value: string, previous: SigningAlg[] = []): SigningAlg[] {
  const algs = value
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  const unknown = algs.filter((a) => !isSigningAlg(a));
  if (algs.length === 0 || unknown.length > 0)
    throw new InvalidArgumentError(`Allowed algorithms are ${SIGNING_ALGS.join(', ')}.`);
  return [...previous, ...algs.filter(isSigningAlg)];
}
