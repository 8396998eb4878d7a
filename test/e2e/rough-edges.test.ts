/**
 * Rough edges a newcomer met trying every command: where `jwt decode` puts a token that cannot be
 * decoded, and how commander's usage errors read next to the program's own. The real binary,
 * stdout, stderr and exit codes.
 */
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { run } from '../helpers/cli.js';

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const INPUT = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64('{"sub":"alice"}')}`;
const TOKEN = `${INPUT}.${createHmac('sha256', 'a-secret-long-enough-for-hs256-32b').update(INPUT).digest('base64url')}`;

/** An error as the program prints it: "error: " and a sentence, then an indented line saying what to do. */
const TWO_LINES = /^error: [A-Z][^\n]*[.?]\n {2}[A-Z][^\n]*\.\n$/;

describe('jwt decode: the decoded token is data (stdout), input that is no token a diagnostic (stderr)', () => {
  it('garbage: nothing on stdout, the two-line error on stderr, exit 2', async () => {
    const r = await run(['jwt', 'decode', 'garbage']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(TWO_LINES);
    expect(r.stderr).toMatch(/^error: This is not a JWT: a JWT has 3 parts .* this has 1\.\n/);
    expect(r.stderr).not.toMatch(/DECODED ONLY/);
  });

  it.each([
    ['two parts', INPUT, /this has 2\./],
    ['a header that does not decode', `abc.${TOKEN.split('.').slice(1).join('.')}`, /header/],
    ['nothing but whitespace', '   ', /empty/],
  ])('%s: exit 2, the error on stderr only', async (_name, input, why) => {
    const r = await run(['jwt', 'decode', input]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(TWO_LINES);
    expect(r.stderr).toMatch(why);
  });

  it('--json: still one valid JSON document on stdout, naming the problems; the error on stderr; exit 2', async () => {
    const r = await run(['jwt', 'decode', 'garbage', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({
      header: null,
      verified: false,
      format: 'unknown',
      problems: expect.arrayContaining([
        { part: 'token', message: expect.stringMatching(/3 parts/) },
      ]),
    });
    expect(r.stderr).toMatch(TWO_LINES);
  });

  it('a token with a broken signature still decodes: the report on stdout, the problem named in it, exit 0', async () => {
    const r = await run(['jwt', 'decode', `${INPUT}.c2lnb`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Header\n {2}alg {2}HS256/);
    expect(r.stdout).toMatch(/✗ signature: not base64url/);
    expect(r.stdout).toMatch(/DECODED ONLY/);
    expect(r.stderr).toBe('');
  });

  it('what was cleaned off the input is a note on stderr; stdout starts with the token', async () => {
    const r = await run(['jwt', 'decode', '-'], { input: `Bearer ${TOKEN}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(TOKEN);
    expect(r.stderr).toBe('(removed surrounding whitespace, a "Bearer " prefix)\n');
  });

  it('--help documents where each goes and the exit codes', async () => {
    const r = await run(['jwt', 'decode', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Exit codes: 0 decoded \(even with a broken payload or signature\) · 2 not a JWT, or bad flags/,
    );
    expect(r.stdout).toMatch(/is an error on stderr/);
  });
});

describe('usage errors read like the program’s own errors', () => {
  // One of each kind end to end; each kind for several commands (an unknown option, a close
  // misspelling, a bad value, a missing argument, an unknown subcommand, the program's own
  // options; `lessons` without a subcommand) is parsed in process: test/unit/usage-errors.test.ts.
  it('an unknown option: two lines on stderr, nothing on stdout, exit 2, naming its own --help', async () => {
    const r = await run(['jwt', 'decode', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(TWO_LINES);
    expect(r.stderr).toMatch(/^error: Unknown option '--bogus'\.\n/);
    expect(r.stderr.split('\n')[1]).toBe(
      '  Run `oauth-tutor jwt decode --help` for its usage and examples.',
    );
  });

  it('jwt without a subcommand: its help on stderr, nothing on stdout, exit 2 (a usage error)', async () => {
    const r = await run(['jwt']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: oauth-tutor jwt \[options\] \[command\]\n/);
    // Asked for, the same help is data: stdout, exit 0.
    const asked = await run(['jwt', '--help']);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toBe(r.stderr);
  });

  it('in colour, the same "error:" as a program error', async () => {
    const colour = { NO_COLOR: undefined, FORCE_COLOR: '1' };
    const ours = await run(['nope'], { env: colour });
    const commanders = await run(['jwt', 'decode', '--bogus'], { env: colour });
    expect(ours.code).toBe(2);
    expect(commanders.code).toBe(2);
    const prefix = (s: string) => s.slice(0, s.indexOf(':') + 1 + '\x1b[39m'.length);
    expect(prefix(ours.stderr)).toBe('\x1b[31merror:\x1b[39m');
    expect(prefix(commanders.stderr)).toBe(prefix(ours.stderr));
    // --no-color turns both off.
    const plain = await run(['jwt', 'decode', '--bogus', '--no-color'], { env: colour });
    expect(plain.stderr).toMatch(/^error: Unknown option '--bogus'\./);
  });
});
