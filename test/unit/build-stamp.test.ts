/**
 * `npm run build` skips a build only when nothing it reads has changed and dist/ is as it
 * left it (scripts/build-stamp.mjs): every kind of change to an input, or to dist/, must
 * build again. Played on a small tree shaped like the package.
 */
import { describe, expect, it } from 'vitest';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  BUILD_INPUTS,
  clearStamp,
  inputsDigest,
  upToDate,
  writeStamp,
} from '../../scripts/build-stamp.mjs';
import { tempDir } from '../helpers/temp.js';

const TREE: Record<string, string> = {
  'src/cli/main.ts': 'export {};\n',
  'src/json.ts': 'export const a = 1;\n',
  'lessons/manifest.yaml': 'lessons: []\n',
  'lessons/decks/basics.yaml': 'title: Basics\n',
  'scripts/bundle-cli.mjs': '// bundle\n',
  'bin/code-cache.cjs': '// the loader the code cache is made through\n',
  'package.json': '{"name": "oauth-tutor"}\n',
  'package-lock.json': '{"lockfileVersion": 3}\n',
  'tsconfig.json': '{}\n',
  'node_modules/.package-lock.json': '{"packages": {"node_modules/jose": {"version": "6.0.0"}}}\n',
  'dist/cli/main.js': 'export {};\n',
  'dist/bin/main.cjs': 'require("./main-x.cjs");\n',
  'dist/bin/main-x.cache': 'V8',
  'README.md': '# oauth-tutor\n',
  'test/unit/a.test.ts': '// a test\n',
};

async function put(root: string, path: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

/** A tree as just built: the stamp written from the inputs' digest. */
async function built(): Promise<string> {
  const root = await tempDir('build-stamp-');
  for (const [path, text] of Object.entries(TREE)) await put(root, path, text);
  await writeStamp(root, await inputsDigest(root));
  return root;
}

const fresh = async (root: string) => upToDate(root, await inputsDigest(root));

describe('the build stamp', () => {
  it('a tree built from what is on disk is up to date; with no stamp it is not', async () => {
    const root = await built();
    expect(await fresh(root)).toBe(true);
    await clearStamp(root);
    expect(await fresh(root)).toBe(false);
  });

  it('every input the build reads is covered', () => {
    expect(BUILD_INPUTS).toEqual(
      expect.arrayContaining([
        'src',
        'lessons',
        'scripts',
        'bin',
        'package-lock.json',
        'tsconfig.json',
      ]),
    );
  });

  const inputFiles = Object.keys(TREE).filter((p) => !/^(dist|test)\/|^README/.test(p));
  it.each(inputFiles)('an edit to %s rebuilds', async (path) => {
    const root = await built();
    await put(root, path, `${TREE[path] ?? ''} `);
    expect(await fresh(root)).toBe(false);
  });

  it.each([
    ['a file added to src/', (root: string) => put(root, 'src/new.ts', '')],
    ['a file added to lessons/', (root: string) => put(root, 'lessons/extra.md', '')],
    ['a file removed from src/', (root: string) => rm(join(root, 'src/json.ts'))],
    [
      'a file renamed in src/',
      (root: string) => rename(join(root, 'src/json.ts'), join(root, 'src/json2.ts')),
    ],
    [
      'another install (node_modules/.package-lock.json gone)',
      (root: string) => rm(join(root, 'node_modules/.package-lock.json')),
    ],
    ['a dist/ file edited', (root: string) => put(root, 'dist/cli/main.js', '// by hand\n')],
    ['a dist/ file deleted', (root: string) => rm(join(root, 'dist/bin/main.cjs'))],
    ['a code cache deleted', (root: string) => rm(join(root, 'dist/bin/main-x.cache'))],
    ['dist/ deleted', (root: string) => rm(join(root, 'dist'), { recursive: true })],
  ])('%s rebuilds', async (_what, change) => {
    const root = await built();
    await change(root);
    expect(await fresh(root)).toBe(false);
  });

  it('a file the build does not read (README, a test) changes nothing', async () => {
    const root = await built();
    await put(root, 'README.md', '# changed\n');
    await put(root, 'test/unit/b.test.ts', '// another test\n');
    expect(await fresh(root)).toBe(true);
  });
});
