/**
 * Usage errors read like the program's own errors: an unknown option or command, a missing
 * argument or a bad value is "error: " and a sentence, then, indented, which help to read (that
 * command's own); a command group run without a subcommand prints its help as the error. Parsed
 * in process as main.ts parses a command line (buildProgram(argv), then report() for the exit
 * code), what commander writes captured. That the binary prints them on stderr only, with
 * nothing on stdout, and exits 2, is test/e2e/rough-edges.test.ts, one of each kind.
 * Bad input that the command itself refuses, before it prints anything, is a TutorError with
 * exit code 2 (report() prints it in the same two lines): end to end in test/e2e/jwt.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { buildProgram } from '../../src/cli/program.js';
import { report } from '../../src/cli/report.js';
import { TutorError } from '../../src/errors.js';

/** An error as the program prints it: "error: " and a sentence, then an indented line saying what to do. */
const TWO_LINES = /^error: [A-Z][^\n]*[.?]\n {2}[A-Z][^\n]*\.\n$/;

/** `oauth-tutor ...args` as main.ts runs it without a terminal: what goes to stdout and stderr, and the exit code. */
async function parse(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = [process.execPath, 'oauth-tutor', ...args];
  const program = buildProgram(argv);
  let stdout = '';
  let stderr = '';
  const capture = (c: CommandUnknownOpts): void => {
    c.configureOutput({
      writeOut: (s) => void (stdout += s),
      writeErr: (s) => void (stderr += s),
      getErrHasColors: () => false,
    });
    c.commands.forEach(capture);
  };
  capture(program);
  const code = await program.parseAsync(argv).then(
    () => 0,
    (error: unknown) => report(error),
  );
  return { code, stdout, stderr };
}

describe('usage errors read like the program’s own errors', () => {
  it.each([
    [['jwt', 'decode', '--bogus'], /^error: Unknown option '--bogus'\.\n/, 'jwt decode'],
    [['check', '--summary', '--bogus'], /^error: Unknown option '--bogus'\.\n/, 'check'],
    [['order', '--bogus'], /^error: Unknown option '--bogus'\.\n/, 'order'],
    [
      ['jwt', 'decode', '--jsn'],
      /^error: Unknown option '--jsn'\. Did you mean --json\?\n/,
      'jwt decode',
    ],
    [['flow', '--grant', 'nope'], /^error: Option '--grant <grant>' argument 'nope' is/, 'flow'],
    [['quiz', 'export'], /^error: Missing required argument 'deck'\.\n/, 'quiz export'],
    [['jwt', 'nope'], /^error: Unknown command 'nope'\.\n/, 'jwt'],
    [['--bogus'], /^error: Unknown option '--bogus'\.\n/, ''],
  ])('%j: two lines, exit 2, naming its own --help', async (args, first, command) => {
    const r = await parse(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(TWO_LINES);
    expect(r.stderr).toMatch(first);
    expect(r.stderr.split('\n')[1]).toBe(
      `  Run \`${['oauth-tutor', command].join(' ').trim()} --help\` for its usage and examples.`,
    );
  });

  it.each([['jwt'], ['lessons']])(
    '%s without a subcommand: its help as the error, exit 2; asked for, the same help is data, exit 0',
    async (group) => {
      const r = await parse([group]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        new RegExp(`^Usage: oauth-tutor ${group} \\[options\\] \\[command\\]\\n`),
      );
      const asked = await parse([group, '--help']);
      expect(asked.code).toBe(0);
      expect(asked.stderr).toBe('');
      expect(asked.stdout).toBe(r.stderr);
    },
  );
});

describe('bad input a command refuses before printing anything: a usage error, exit 2', () => {
  const SECRET = 'a-random-looking-secret-of-32-bytes!!';
  it.each([
    [['jwt', 'verify', 'not.a.jwt!', '--secret', SECRET], /not a well-formed signed JWT/],
    [['jwt', 'verify', 'a.b.c'], /needs exactly one of --secret, --key or --jwks/],
    [['jwt', 'sign', '--claims', '{nope', '--secret', SECRET], /--claims is not a JSON object/],
    [
      ['jwt', 'sign', '--claims', '{}', '--secret', SECRET, '--exp', 'soon'],
      /--exp "soon" is not a duration/,
    ],
  ])('%j', async (args, message) => {
    const argv = [process.execPath, 'oauth-tutor', ...args];
    const error: unknown = await buildProgram(argv)
      .parseAsync(argv)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TutorError);
    expect(error).toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
  });
});
