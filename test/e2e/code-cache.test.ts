/**
 * V8's code cache for dist/bin/ (bin/code-cache.cjs, made by scripts/code-cache.mjs at build time):
 * the main commands compile every chunk they load from its cache; a cache that does not match its
 * chunk is passed over without a word and the command does what it always does; and a run writes
 * nothing into the package.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, root } from '../helpers/cli.js';

const sheet = join(root, 'test/fixtures/answers/table-and-bold.md');
const COMMANDS = [['--help'], ['check', sheet, '--no-save'], ['flow', '--auto', '--json']];

let home: string;
let copy: string;

function runIn(pkg: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(pkg, 'bin/oauth-tutor.cjs'), ...args], {
    env: baseEnv({ OAUTH_TUTOR_HOME: home, ...extra }),
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return r;
}

/** What a run said of each chunk it loaded: `{ 'check-x.cjs': 'used' }`. */
function report(pkg: string, args: string[]): Record<string, string> {
  const { stderr } = runIn(pkg, args, { OAUTH_TUTOR_CODE_CACHE: 'report' });
  return Object.fromEntries(
    [...stderr.matchAll(/^code cache: (\S+) (\w+)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}

/** The package's chunks and caches, with their sizes and modification times. */
const listing = (pkg: string) =>
  readdirSync(join(pkg, 'dist/bin')).map((f) => {
    const s = statSync(join(pkg, 'dist/bin', f));
    return `${f} ${s.size} ${s.mtimeMs}`;
  });

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'oauth-tutor-home-'));
  copy = mkdtempSync(join(tmpdir(), 'oauth-tutor-package-'));
  for (const dir of ['bin', 'dist', 'lessons'])
    cpSync(join(root, dir), join(copy, dir), { recursive: true });
  cpSync(join(root, 'package.json'), join(copy, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
});
afterAll(() => {
  rmSync(copy, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe('the code cache of dist/bin/', () => {
  it.each(COMMANDS)('%s compiles every chunk it loads from its cache', (...args) => {
    const chunks = report(root, args);
    expect(Object.keys(chunks).length).toBeGreaterThan(2);
    expect(chunks).toEqual(Object.fromEntries(Object.keys(chunks).map((c) => [c, 'used'])));
  });

  it('passes over a cache that does not match its chunk, quietly, and writes nothing', () => {
    const expected = COMMANDS.slice(0, 2).map((args) => runIn(root, args).stdout);
    for (const f of readdirSync(join(copy, 'dist/bin')).filter((f) => f.endsWith('.cache')))
      writeFileSync(join(copy, 'dist/bin', f), 'not what V8 wrote');
    const before = listing(copy);
    for (const [i, args] of COMMANDS.slice(0, 2).entries()) {
      const r = runIn(copy, args);
      expect(r.stdout).toBe(expected[i]);
      expect(r.stderr).toBe('');
    }
    expect(Object.values(report(copy, ['--help']))).toContain('rejected');
    expect(listing(copy)).toEqual(before);
  });
});
