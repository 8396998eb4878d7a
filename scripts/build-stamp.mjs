// Whether dist/ is the build of what is on disk now, so `npm run build` can skip a build that
// would make the same files: `npm ci` builds (the `prepare` script) and `npm test`'s pretest
// builds again, on the same inputs. The stamp records a SHA-256 over everything the build
// reads (BUILD_INPUTS, names and bytes) and over everything it wrote (dist/). The build is
// skipped only when both still match: an edited, added, removed or renamed input, a different
// Node, another install (node_modules/.package-lock.json is npm's record of the installed
// tree, whose packages the bundle contains), or a dist/ file changed or deleted by hand all
// rebuild. The stamp lives in node_modules/.cache/ (like the type-check's), not in dist/,
// so it is never packed.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

/** What the build reads: folders (every file below them) and files, from the package root. */
export const BUILD_INPUTS = [
  'src',
  'lessons',
  'scripts',
  // The bundle's loader and import(): the code cache is made by running bin/oauth-tutor.cjs.
  'bin',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'node_modules/.package-lock.json',
];

export const STAMP_FILE = 'node_modules/.cache/oauth-tutor/build-stamp.json';

/** Every file below `dir` (or `dir` itself if it is a file), as paths from `root` with `/`. */
async function filesOf(root, path) {
  const full = join(root, path);
  let entries;
  try {
    entries = await readdir(full, { recursive: true, withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOTDIR') return [path];
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) =>
      relative(root, join(e.parentPath ?? e.path, e.name))
        .split(sep)
        .join('/'),
    );
}

/** SHA-256 over the names and contents of every file under `paths` (a missing path counts as absent). */
export async function digest(root, paths, extra = '') {
  const hash = createHash('sha256').update(`${extra}\0`);
  for (const path of paths) {
    const files = (await filesOf(root, path)).sort();
    hash.update(`${path}\0${files.length}\0`);
    for (const file of files) {
      const bytes = await readFile(join(root, file));
      hash.update(`${file}\0${bytes.length}\0`).update(bytes);
    }
  }
  return hash.digest('hex');
}

/** The digest of the build's inputs (and the Node that runs the build). */
export const inputsDigest = (root) => digest(root, BUILD_INPUTS, process.version);
const outputsDigest = (root) => digest(root, ['dist']);

/** True when the stamp says dist/ was built from exactly these inputs and is untouched since. */
export async function upToDate(root, inputs) {
  let stamp;
  try {
    stamp = JSON.parse(await readFile(join(root, STAMP_FILE), 'utf8'));
  } catch {
    return false;
  }
  return stamp?.inputs === inputs && stamp?.outputs === (await outputsDigest(root));
}

/** Forgets the stamp: called before building, so a build that fails or is stopped leaves none. */
export const clearStamp = (root) => rm(join(root, STAMP_FILE), { force: true });

/** Records that dist/ is now the build of `inputs` (the digest taken before building). */
export async function writeStamp(root, inputs) {
  const file = join(root, STAMP_FILE);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ inputs, outputs: await outputsDigest(root) })}\n`);
}
