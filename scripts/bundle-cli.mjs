// Build step after scripts/transpile-src.mjs: the command-line program as a code-split CommonJS
// bundle in dist/bin/ (bin/oauth-tutor.cjs requires dist/bin/main.cjs), made by
// Rollup from the per-file output in dist/. Each command stays behind its dynamic import, so it
// loads a few chunks instead of dozens of files: start-up here is mostly Node
// finding, reading and compiling modules (about a third of a millisecond per
// file even when the file is tiny), not running them. Rollup then merges chunks
// smaller than MIN_CHUNK into the chunks that are loaded with them, which
// esbuild's splitting does not do: `learn --list` went from 27 files to 12,
// `check` from 26 to 12 and `flow --auto --json` from 53 to 20. (Measured at
// 5, 10, 20 and 30 KB: 10 KB loads the fewest files for the fewest bytes; 5 KB
// left one or two more files per command, 20 KB added 13–27 KB to each.)
//
// The chunks are CommonJS, not ES modules, for two reasons measured on Node 20. A CommonJS
// program starts without Node's ES module loader, which costs about a fifth of `node -e 0`
// (an empty .mjs file against an empty .cjs one). And Node 20 has no compile cache for ES modules
// (module.enableCompileCache came in Node 22), but CommonJS code can be compiled with V8's code
// cache: scripts/code-cache.mjs makes one for each chunk after this step, and bin/oauth-tutor.cjs
// uses it. Dependencies the bundle leaves out (open, qrcode, yocto-spinner) are
// loaded with require() when first needed; Node ≥ 20.19 requires an ES module package as well.
//
// dist/ module by module (scripts/transpile-src.mjs) is what tests and
// benchmarks import directly, and this bundle's input. dist/bin/ sits two levels below the package root,
// like dist/cli/ and dist/tutor/, so `new URL('../..', import.meta.url)` finds
// the same root.
import { rollup } from '@rollup/wasm-node';
import { parseAst } from '@rollup/wasm-node/parseAst';
import { CJS_OUTPUT, cliPlugins, isExternal } from './rollup-plugins.mjs';
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bin`;
const MIN_CHUNK = 10_000;

const TEXT_WIDTH =
  /[\\/]node_modules[\\/]fast-(string-width|string-truncated-width|wrap-ansi)[\\/]|[\\/]dist[\\/]cli[\\/](score-bar|wrap)\.js$/;

// A package that is an ES module only (`"type": "module"`, no `require` export): the chunks
// import() it through bin/import.cjs, which Node compiles itself. Every other package left out of
// the bundle is loaded with require().
const esmOnly = (id) => {
  try {
    const pkg = JSON.parse(readFileSync(`${root}node_modules/${id}/package.json`, 'utf8'));
    return pkg.type === 'module' && !JSON.stringify(pkg.exports ?? {}).includes('"require"');
  } catch {
    return false; // a built-in, or a path inside a package
  }
};
const importThroughBin = {
  name: 'import-through-bin',
  renderDynamicImport({ targetModuleId }) {
    return targetModuleId !== null && esmOnly(targetModuleId)
      ? { left: "require('../../bin/import.cjs')(", right: ')' }
      : null;
  },
};

await rm(outdir, { recursive: true, force: true });
const bundle = await rollup({
  input: `${root}dist/cli/main.js`,
  external: isExternal,
  plugins: [...cliPlugins(), importThroughBin],
  onLog(level, log, handler) {
    // Circular imports between dependency modules (and `this` at the top of TypeScript's helpers)
    // are how those packages are written, and the chunk merger reports its counts; anything else
    // is worth a look.
    if (
      ['CIRCULAR_DEPENDENCY', 'THIS_IS_UNDEFINED', 'OPTIMIZE_CHUNK_STATUS'].includes(log.code ?? '')
    )
      return;
    handler(level, log);
  },
});
const { output } = await bundle.write({
  ...CJS_OUTPUT,
  dir: outdir,
  entryFileNames: 'main.cjs',
  chunkFileNames: '[name]-[hash].cjs',
  experimentalMinChunkSize: MIN_CHUNK,
  // Text width and wrapping (fast-string-width, fast-wrap-ansi) build their Unicode-property
  // regular expressions (\p{Emoji}, \p{Script=Han}…) as they load: about 8 M instructions, a
  // tenth of `node -e 0`. Rollup counts that as free, and merged them, or a module of ours that
  // imports them, into a chunk every command loads. They and the two modules of ours that import
  // nothing else (the score bars, the wrapper) are one chunk, loaded only where text is measured;
  // test/e2e/startup.test.ts checks which commands do not load it.
  manualChunks: (id) => (TEXT_WIDTH.test(id) ? 'text-width' : undefined),
});
await bundle.close();

// Libraries name errors after their class (commander: this.name = this.constructor.name), and
// report.ts tells them apart by name; Rollup renames a top-level name that clashes with another
// module's (Foo → Foo$1). Refuse a bundle where that happened to a class.
const renamed = output.flatMap((o) =>
  o.type === 'chunk'
    ? [...o.code.matchAll(/\bclass ([\w$]+\$\d+)\b/g)].map((m) => `${o.fileName}: ${m[1]}`)
    : [],
);
if (renamed.length > 0) {
  console.error(`bundle-cli: classes renamed by the bundler: ${renamed.join(', ')}`);
  process.exit(1);
}

// A chunk is compiled with vm.Script (bin/code-cache.cjs), where import() would need
// --experimental-vm-modules: refuse a bundle in which one is left (in code, not in a comment).
const importsLeft = (node) =>
  Array.isArray(node)
    ? node.some(importsLeft)
    : typeof node === 'object' && node !== null
      ? node.type === 'ImportExpression' || Object.values(node).some(importsLeft)
      : false;
const dynamic = output.filter((o) => o.type === 'chunk' && importsLeft(parseAst(o.code)));
if (dynamic.length > 0) {
  console.error(`bundle-cli: import() left in ${dynamic.map((o) => o.fileName).join(', ')}`);
  process.exit(1);
}

// Which source modules each chunk holds, as paths from the package root (src/….ts for our own,
// node_modules/… for dependencies): the start-up test and bench/modules.mjs map the chunks a
// command loads back to modules and packages with it.
const sourceOf = (id) => {
  const file = id.replace(/^\0/, '').replace(/\?.*$/, '');
  // A dependency by its path from node_modules/, wherever node_modules is (it may be a symlink).
  const dep = /[\\/]node_modules[\\/](?!.*[\\/]node_modules[\\/])(.*)$/.exec(file);
  if (dep?.[1] !== undefined) return `node_modules/${dep[1].replaceAll('\\', '/')}`;
  const path = relative(root, file);
  return /^dist\/.*\.js$/.test(path)
    ? path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')
    : path;
};
const chunks = Object.fromEntries(
  output
    .filter((o) => o.type === 'chunk')
    .map((o) => [o.fileName, Object.keys(o.modules).map(sourceOf)]),
);
await writeFile(`${outdir}/modules.json`, JSON.stringify(chunks, null, 1));
