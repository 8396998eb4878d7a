/**
 * The require bin/code-cache.cjs gives a chunk: a sibling chunk (`./x-hash.cjs`) is loaded without
 * Node's file lookup, so it must still behave as Node's require does: one module per file, kept in
 * require.cache under its full name, a cycle answered with the exports made so far, a chunk that
 * throws taken out of the cache (requiring it again runs it again), and everything that is not a
 * sibling chunk (node:…, a file in a subfolder, an unhashed name) left to Node. Synthetic chunks in a
 * temporary folder, loaded through the real loader in a child process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers/cli.js';

let dir: string;

const CHUNKS: Record<string, string> = {
  // a-… and b-… require each other: b sees a's exports as far as a had made them.
  'a-AAAAAAAA.cjs': `exports.early = 'early';
const b = require('./b-BBBBBBBB.cjs');
exports.late = 'late';
exports.fromB = b.sawA;
exports.bAgain = require('./b-BBBBBBBB.cjs') === b;
exports.selfName = module.filename;
exports.builtin = typeof require('node:path').join;
exports.nested = require('./sub/plain.cjs').nested;
exports.unhashed = require('./plain.cjs').plain;`,
  'b-BBBBBBBB.cjs': `const a = require('./a-AAAAAAAA.cjs');
exports.sawA = Object.keys(a).join(',');`,
  'c-CCCCCCCC.cjs': `globalThis.cRuns = (globalThis.cRuns ?? 0) + 1;
if (globalThis.cRuns === 1) throw new Error('c failed once');
exports.ok = true;`,
  'plain.cjs': `exports.plain = 'unhashed, by Node';`,
  'sub/plain.cjs': `exports.nested = 'subfolder, by Node';`,
  'entry-EEEEEEEE.cjs': `const a = require('./a-AAAAAAAA.cjs');
let first;
try { require('./c-CCCCCCCC.cjs'); } catch (e) { first = e.message; }
const inCacheAfterThrow = Object.keys(require.cache).some((k) => k.endsWith('c-CCCCCCCC.cjs'));
const second = require('./c-CCCCCCCC.cjs').ok;
let missing;
try { require('./d-DDDDDDDD.cjs'); } catch (e) { missing = e.code; }
process.stdout.write(JSON.stringify({
  a, first, inCacheAfterThrow, second, missing,
  cached: Object.keys(require.cache).filter((k) => k.startsWith(process.env.CHUNK_DIR)).map((k) => k.slice(process.env.CHUNK_DIR.length + 1)).sort(),
}));`,
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'oauth-tutor-chunks-'));
  mkdirSync(join(dir, 'sub'));
  for (const [name, text] of Object.entries(CHUNKS)) writeFileSync(join(dir, name), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a chunk's require of its siblings", () => {
  it('behaves as Node’s require: one module per file, cycles, throws, and the rest left to Node', () => {
    const loader = join(root, 'bin/code-cache.cjs');
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(loader)}).useCodeCache(${JSON.stringify(dir)}); require(${JSON.stringify(join(dir, 'entry-EEEEEEEE.cjs'))});`,
      ],
      { encoding: 'utf8', env: { ...process.env, CHUNK_DIR: dir } },
    );
    expect(r.status, r.stderr).toBe(0);
    const out: unknown = JSON.parse(r.stdout);
    expect(out).toEqual({
      a: {
        early: 'early',
        late: 'late',
        fromB: 'early',
        bAgain: true,
        selfName: join(dir, 'a-AAAAAAAA.cjs'),
        builtin: 'function',
        nested: 'subfolder, by Node',
        unhashed: 'unhashed, by Node',
      },
      first: 'c failed once',
      inCacheAfterThrow: false,
      second: true,
      missing: 'MODULE_NOT_FOUND',
      cached: [
        'a-AAAAAAAA.cjs',
        'b-BBBBBBBB.cjs',
        'c-CCCCCCCC.cjs',
        'entry-EEEEEEEE.cjs',
        'plain.cjs',
        'sub/plain.cjs',
      ],
    });
  });
});
