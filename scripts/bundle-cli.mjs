// Build step after `tsc`: the command-line program as a code-split ES module
// bundle in dist/bin/ (bin/oauth-tutor.js imports dist/bin/main.js), made by
// Rollup from tsc's output. Each command stays behind its dynamic import, so it
// loads a few chunks instead of dozens of files: start-up here is mostly Node
// finding, reading and compiling modules (about a third of a millisecond per
// file even when the file is tiny), not running them. Rollup then merges chunks
// smaller than MIN_CHUNK into the chunks that are loaded with them, which
// esbuild's splitting does not do: `learn --list` went from 27 files to 12,
// `check` from 26 to 12 and `flow --auto --json` from 53 to 20. (Measured at
// 5, 10, 20 and 30 KB: 10 KB loads the fewest files for the fewest bytes; 5 KB
// left one or two more files per command, 20 KB added 13–27 KB to each.)
//
// tsc still type-checks and still emits dist/ module by module, which tests and
// benchmarks import directly. dist/bin/ sits two levels below the package root,
// like dist/cli/ and dist/tutor/, so `new URL('../..', import.meta.url)` finds
// the same root.
import { rollup } from '@rollup/wasm-node';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { builtinModules } from 'node:module';
import { rm, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bin`;
const MIN_CHUNK = 10_000;

// Loaded only by interactive commands, and they find files beside their own
// code (open's xdg-open, Inquirer's and marked-terminal's dependencies): left
// to Node's resolver. yaml and qrcode are CommonJS imported dynamically by name
// (`const { parseDocument } = await import('yaml')`), which Node answers with
// named exports: left to Node too.
const externalPackages = [
  '@inquirer/',
  'marked',
  'marked-terminal',
  'open',
  'yocto-spinner',
  'yaml',
  'qrcode',
];
const builtins = new Set(builtinModules);
// node:process and node:child_process are not external: startupShims below answers for them.
const isExternal = (id) =>
  !/^(node:)?(process|child_process)$/.test(id) &&
  (id.startsWith('node:') ||
    builtins.has(id) ||
    externalPackages.some((p) =>
      p.endsWith('/') ? id.startsWith(p) : id === p || id.startsWith(`${p}/`),
    ));

// commander requires node:child_process at load time, for executable subcommands, which this
// program does not have; loading that built-in costs about a fifth of `node -e 0` on every command.
// Inside commander, the built-in is reached through a stand-in that loads it on first use.
const LAZY_CHILD_PROCESS = '\0lazy-child-process';
// chalk (supports-color) and env-paths `import process from 'node:process'`, and commander's
// `require('node:process')` becomes such an import too. Node builds that built-in's ES module face
// by reading every property of `process`, which creates process.stdin (a stream, a few
// milliseconds) on commands that never read it. Inside the bundle the import is the global
// `process` object itself, which is what the built-in's default export is; a named import of it
// would fail the build (the stand-in has only a default export).
const GLOBAL_PROCESS = '\0global-process';
const startupShims = {
  name: 'startup-shims',
  resolveId(source, importer) {
    if (importer === undefined) return null;
    const fromCommander = /[\\/]node_modules[\\/]commander[\\/]/.test(importer);
    if (/^(node:)?child_process$/.test(source))
      return fromCommander ? LAZY_CHILD_PROCESS : { id: 'node:child_process', external: true };
    if (/^(node:)?process$/.test(source)) return GLOBAL_PROCESS;
    return null;
  },
  load(id) {
    if (id === LAZY_CHILD_PROCESS)
      return [
        "import { createRequire } from 'node:module';",
        'const require = createRequire(import.meta.url);',
        "export default new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      ].join('\n');
    if (id === GLOBAL_PROCESS) return 'export default globalThis.process;';
    return null;
  },
};

// Bundled CommonJS dependencies keep a few CommonJS names that the commonjs plugin leaves alone:
// write-file-atomic names its temporary files with __filename, and requires worker_threads
// inside a try block. An ES module has neither name of its own; a chunk that uses one gets both.
const commonJsNames = {
  name: 'common-js-names',
  renderChunk(code) {
    if (!/\b__(file|dir)name\b|(?<![.\w$])require\(/.test(code)) return null;
    const shim = [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      "const __dirname = __fileURLToPath(new URL('.', import.meta.url));",
    ].join('\n');
    return { code: `${shim}\n${code}`, map: null };
  },
};

await rm(outdir, { recursive: true, force: true });
const bundle = await rollup({
  input: `${root}dist/cli/main.js`,
  external: isExternal,
  plugins: [
    startupShims,
    commonJsNames,
    nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
    // A require() of either stand-in returns its default export, as require() of the built-in would.
    commonjs({
      requireReturnsDefault: (id) => id === GLOBAL_PROCESS || id === LAZY_CHILD_PROCESS,
    }),
  ],
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
  dir: outdir,
  format: 'es',
  entryFileNames: 'main.js',
  chunkFileNames: '[name]-[hash].js',
  experimentalMinChunkSize: MIN_CHUNK,
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

// Which source modules each chunk holds, as paths from the package root (src/….ts for our own,
// node_modules/… for dependencies): the start-up test and bench/modules.mjs map the chunks a
// command loads back to modules and packages with it.
const sourceOf = (id) => {
  const path = relative(root, id.replace(/^\0/, '').replace(/\?.*$/, ''));
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
