/**
 * Typed command-line options (src/cli/options.ts, declared in src/cli/program.ts):
 * enumerations are commander choices that --help lists, numbers and seeds go
 * through parsers, and a bad value is a two-line usage error naming what is
 * allowed, raised before any command runs. The real program is parsed in
 * process; no command's code is loaded for a bad value.
 */
import { describe, expect, it } from 'vitest';
import { CommanderError, type CommandUnknownOpts } from '@commander-js/extra-typings';
import fc from 'fast-check';
import { buildProgram } from '../../src/cli/program.js';
import {
  parseCount,
  parseListenPort,
  parsePort,
  parseSeconds,
  parseSeed,
  parseSigningAlgs,
} from '../../src/cli/options.js';

/** Every command, each writing to `lines` instead of the terminal. */
function program(lines: string[]): CommandUnknownOpts {
  const root = buildProgram();
  const capture = (c: CommandUnknownOpts): void => {
    c.configureOutput({
      writeErr: (s) => void lines.push(...s.trimEnd().split('\n')),
      writeOut: (s) => void lines.push(...s.trimEnd().split('\n')),
    });
    c.commands.forEach(capture);
  };
  capture(root);
  return root;
}

async function usageError(args: string[]): Promise<{ code: string; lines: string[] }> {
  const lines: string[] = [];
  const error = await program(lines)
    .parseAsync(args, { from: 'user' })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!(error instanceof CommanderError)) throw new Error(`${args.join(' ')} did not fail`);
  return { code: error.code, lines };
}

function helpOf(args: string[]): string {
  let command = program([]);
  for (const name of args) {
    const sub = command.commands.find((c) => c.name() === name);
    if (sub === undefined) throw new Error(`no command ${name}`);
    command = sub;
  }
  return command.helpInformation().replace(/\s+/g, ' ');
}

describe('a bad option value: two lines, the allowed values and where the help is', () => {
  it.each([
    [
      ['flow', '--grant', 'implicit'],
      /'implicit' is invalid\. Allowed choices are code, device, client-credentials, refresh\.$/,
      'flow',
    ],
    [
      ['flow', '--attack', 'nope'],
      /Allowed choices are state, replay, verifier, redirect, no-pkce, scope, mix-up, dpop-replay\.$/,
      'flow',
    ],
    [
      ['flow', '--alg', 'HS256'],
      /'HS256' is invalid\. Allowed choices are ES256, RS256, Ed25519\.$/,
      'flow',
    ],
    [
      ['flow', '--timeout', 'soon'],
      /'soon' is invalid\. Give a number of seconds greater than 0/,
      'flow',
    ],
    [['flow', '--timeout', '0'], /'0' is invalid\. Give a number of seconds/, 'flow'],
    [
      ['flow', '--redirect-port', '70000'],
      /'70000' is invalid\. Give a port number, 1–65535\.$/,
      'flow',
    ],
    [['provider', '--port', '-1'], /'-1' is invalid\. Give a port number, 0–65535/, 'provider'],
    [['provider', '--alg', 'none'], /Allowed choices are ES256, RS256, Ed25519\.$/, 'provider'],
    [
      ['quiz', '--count', '2.5'],
      /'2\.5' is invalid\. Give a whole number of questions, 1 or more\.$/,
      'quiz',
    ],
    [['quiz', '--seed', ' '], /' ' is invalid\. Give a seed, e\.g\. --seed 7\.$/, 'quiz'],
    [
      ['quiz', 'export', 'jwt', '--format', 'pdf'],
      /'pdf' is invalid\. Allowed choices are md, html\.$/,
      'quiz export',
    ],
    [
      ['quiz', 'export', 'jwt', '--count', '0'],
      /'0' is invalid\. Give a whole number of questions/,
      // `quiz` declares --count too and takes it (see program.ts).
      'quiz',
    ],
    [['order', '--seed', ''], /'' is invalid\. Give a seed/, 'order'],
    [['learn', '--seed', ''], /'' is invalid\. Give a seed/, 'learn'],
    [['check', '--template', '--seed', ''], /'' is invalid\. Give a seed/, 'check'],
    [
      ['jwt', 'sign', '--alg', 'none'],
      /'none' is invalid\. Allowed choices are HS256, .*, ES512, Ed25519\.$/,
      'jwt sign',
    ],
    [
      ['jwt', 'keys', '--format', 'der'],
      /'der' is invalid\. Allowed choices are pem, jwk\.$/,
      'jwt keys',
    ],
    [['jwt', 'keys', '--alg', 'HS1'], /Allowed choices are HS256, /, 'jwt keys'],
    [
      ['jwt', 'verify', 't', '--alg', 'HS256,none'],
      /'HS256,none' is invalid\. Allowed algorithms are HS256, /,
      'jwt verify',
    ],
    [
      ['jwt', 'demo', 'nope'],
      /'nope' is invalid for argument 'id'\. Allowed choices are structure, /,
      'jwt demo',
    ],
  ])('%j', async (args, message, command) => {
    const { code, lines } = await usageError(args);
    expect(code).toMatch(/^commander\.invalid/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(message);
    expect(lines[1]).toBe(`  Run \`oauth-tutor ${command} --help\` for its usage and examples.`);
  });
});

describe('--help lists the allowed values', () => {
  it.each([
    [
      ['flow'],
      /--grant <grant> .*\(choices: "code", "device", "client-credentials", "refresh", default: "code"\)/,
    ],
    [
      ['flow'],
      /--attack <lab> .*\(choices: "state", "replay", "verifier", "redirect", "no-pkce", "scope", "mix-up", "dpop-replay"\)/,
    ],
    [['flow'], /--alg <alg> .*\(choices: "ES256", "RS256", "Ed25519"\)/],
    [['flow'], /--timeout <seconds> .*\(default: 300\)/],
    [['provider'], /--alg <alg> .*\(choices: "ES256", "RS256", "Ed25519", default: "ES256"\)/],
    [['provider'], /--port <port> .*\(default: 4000\)/],
    [['quiz', 'export'], /--format <format> .*\(choices: "md", "html", default: "md"\)/],
    [['jwt', 'keys'], /--format <format> .*\(choices: "pem", "jwk", default: "pem"\)/],
    [['jwt', 'sign'], /--alg <alg> .*\(choices: "HS256", .*"ES512", "Ed25519"\)/],
    [['jwt', 'verify'], /--alg <alg> .*: HS256, HS384, .*, ES512, Ed25519(?!,)/],
    [['jwt', 'demo'], /\[id\] .*\(choices: "structure", "hmac", /],
  ])('%j', (command, listed) => {
    expect(helpOf(command)).toMatch(listed);
  });
});

describe('the parsers', () => {
  it('turn numbers into numbers and keep seeds as typed', () => {
    expect(parseSeconds('1.5')).toBe(1.5);
    expect(parseCount('3')).toBe(3);
    expect(parseListenPort('0')).toBe(0);
    expect(parsePort('65535')).toBe(65535);
    expect(parseSeed(' class-1 ')).toBe(' class-1 ');
    expect(parseSigningAlgs('HS256, ES256', ['RS256'])).toEqual(['RS256', 'HS256', 'ES256']);
  });

  it('never accept a blank number (Number("") is 0)', () => {
    for (const parse of [parseSeconds, parseCount, parseListenPort, parsePort])
      expect(() => parse(' ')).toThrow(/Give a/);
  });

  it('accept every port in range and nothing outside it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (n) => {
        const ok = n >= 0 && n <= 65535;
        if (ok) expect(parseListenPort(String(n))).toBe(n);
        else expect(() => parseListenPort(String(n))).toThrow(/0–65535/);
      }),
    );
  });
});
