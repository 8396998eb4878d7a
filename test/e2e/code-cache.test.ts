/**
 * V8's code cache for dist/bin/ (bin/code-cache.cjs, made by scripts/code-cache.mjs at build time):
 * the main commands, the lesson renderer and the prompts compile every chunk they load from its
 * cache; a cache V8 rejects, or one older than its chunk (a chunk edited after the build, even to
 * the same length: V8 checks only the length), is passed over without a word and the command does
 * what its chunks say; and a run writes nothing into the package.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
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
const COMMANDS = [
  ['--help'],
  ['check', sheet, '--no-save'],
  // Saving the review queue loads its modules after grading, with V8's flags as they were set back.
  ['check', sheet],
  ['flow', '--auto', '--json'],
  // yaml, bundled.
  ['lessons', 'lint'],
];

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

/** Every file of the package (node_modules aside), with its size and modification time. */
const listing = (pkg: string) =>
  readdirSync(pkg, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.startsWith('node_modules'))
    .map((f) => {
      const s = statSync(join(pkg, f));
      return `${f} ${s.size} ${s.mtimeMs}`;
    })
    .sort();

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'oauth-tutor-home-'));
  copy = mkdtempSync(join(tmpdir(), 'oauth-tutor-package-'));
  // As npm installs a package: each file keeps its modification time.
  for (const dir of ['bin', 'dist', 'lessons'])
    cpSync(join(root, dir), join(copy, dir), { recursive: true, preserveTimestamps: true });
  cpSync(join(root, 'package.json'), join(copy, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
});
afterAll(() => {
  rmSync(copy, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe('the code cache of dist/bin/', () => {
  it.each(COMMANDS.map((args) => [args.join(' ').replace(sheet, 'sheet.md'), args] as const))(
    '%s compiles every chunk it loads from its cache',
    (_, args) => {
      const chunks = report(root, args);
      expect(Object.keys(chunks).length).toBeGreaterThan(2);
      expect(chunks).toEqual(Object.fromEntries(Object.keys(chunks).map((c) => [c, 'used'])));
    },
  );

  // No command shows lesson prose or a prompt without a terminal: the build renders and answers them
  // in runs of their own, and so does this test.
  it.each([
    ['code-cache-markdown.cjs', /^marked/, 2],
    ['code-cache-prompts.cjs', /./, 3],
  ] as const)('%s: the chunks it loads (%s) have their cache too', (script, names, atLeast) => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', script)], {
      env: baseEnv({ OAUTH_TUTOR_HOME: home, OAUTH_TUTOR_CODE_CACHE: 'report' }),
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const said = Object.fromEntries(
      [...r.stderr.matchAll(/^code cache: (\S+) (\w+)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    const chunks = Object.keys(said).filter((c) => names.test(c));
    expect(chunks.length).toBeGreaterThanOrEqual(atLeast);
    expect(Object.fromEntries(chunks.map((c) => [c, said[c]]))).toEqual(
      Object.fromEntries(chunks.map((c) => [c, 'used'])),
    );
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

  it('runs a chunk edited after the build as edited, even at the same length', () => {
    const pkg = mkdtempSync(join(tmpdir(), 'oauth-tutor-package-'));
    try {
      for (const dir of ['bin', 'dist', 'lessons'])
        cpSync(join(root, dir), join(pkg, dir), { recursive: true, preserveTimestamps: true });
      cpSync(join(root, 'package.json'), join(pkg, 'package.json'));
      symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'));
      // The chunk that holds what --help says of `learn`: two letters changed, same length.
      const said = 'lessons with a menu';
      const chunk = readdirSync(join(pkg, 'dist/bin')).find(
        (f) => f.endsWith('.cjs') && readFileSync(join(pkg, 'dist/bin', f), 'utf8').includes(said),
      );
      expect(chunk).toBeDefined();
      expect(report(pkg, ['--help'])[chunk ?? '']).toBe('used');
      const file = join(pkg, 'dist/bin', chunk ?? '');
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace(said, 'lessons with a MEnu'));
      expect(readFileSync(file, 'utf8')).toHaveLength(text.length);
      expect(runIn(pkg, ['--help']).stdout).toContain('lessons with a MEnu');
      expect(report(pkg, ['--help'])[chunk ?? '']).toBe('stale');
    } finally {
      rmSync(pkg, { recursive: true, force: true });
    }
  });
});
