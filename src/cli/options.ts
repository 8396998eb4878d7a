/**
 * The values command-line options may take: the lists commander checks with
 * `choices()` (and prints in --help), and the parsers that turn numbers and
 * seeds into typed values. A bad value is a commander error: two lines (what
 * is wrong, where the help is) and exit 2, printed before any command loads.
 *
 * program.ts loads this on every run, --help included: the lists come from
 * modules that import nothing.
 */
import { InvalidArgumentError } from '@commander-js/extra-typings';

// Each list comes from its owner's import-free module (the owners themselves load jose, the flow
// engine…), so --help stays light and a new grant, lab or algorithm needs no edit here.
export { ATTACKS, GRANTS } from '../oauth/names.js';
import { isProviderAlg, PROVIDER_ALGS, type ProviderAlg } from '../provider/algs.js';
export { PROVIDER_ALGS };
import { isSigningAlg, SIGNING_ALGS, type SigningAlg } from '../jwt/algs.js';
export { SIGNING_ALGS };
export { DEMO_IDS } from '../jwt/demos/ids.js';

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

/**
 * A parser for an --alg that takes the names `listed` in --help, and also the deprecated "EdDSA" (RFC 9864
 * §4.1.2), which still works for trying out an old client; the command prints the deprecation. The
 * error names the listed (fully-specified) names only.
 */
function algParser<A extends string>(
  accepts: (value: string) => value is A,
  listed: readonly string[],
): (value: string) => A {
  return (value) => {
    if (!accepts(value))
      throw new InvalidArgumentError(`Allowed choices are ${listed.join(', ')}.`);
    return value;
  };
}

/** `provider --alg` and `flow --alg`. */
export const parseProviderAlg: (value: string) => ProviderAlg = algParser(
  isProviderAlg,
  PROVIDER_ALGS,
);
/** `jwt sign --alg` and `jwt keys --alg`. */
export const parseSigningAlg: (value: string) => SigningAlg = algParser(isSigningAlg, SIGNING_ALGS);

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
