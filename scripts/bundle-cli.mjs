// Build step after `tsc`: the command-line program as a code-split ES module
// bundle in dist/bin/ (bin/oauth-tutor.js imports dist/bin/main.js). Each
// command stays behind its dynamic import, so it loads one or two chunks
// instead of dozens of files; start-up here is mostly finding, reading and
// compiling modules, not running them. tsc still type-checks and still emits
// dist/ module by module, which tests and benchmarks import directly.
//
// dist/bin/ sits two levels below the package root, like dist/cli/ and
// dist/tutor/, so `new URL('../..', import.meta.url)` finds the same root.
import { build } from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bin`;

// Loaded only by interactive commands, and they find files beside their own
// code (open's xdg-open, Inquirer's and marked-terminal's dependencies): left
// to Node's resolver, as before.
const external = ['@inquirer/*', 'marked', 'marked-terminal', 'open', 'yocto-spinner'];
// yaml is CommonJS and imported dynamically by name (`const { parseDocument } = await import('yaml')`):
// Node gives such an import named exports, a bundle only `default`. Left to Node too.
external.push('yaml');
// The same for qrcode (`const { create } = await import('qrcode')`, the device flow's QR code).
external.push('qrcode');

// commander requires node:child_process at load time, for executable subcommands, which this
// program does not have; loading that built-in costs about a fifth of `node -e 0` on every command.
// Inside commander, the built-in is reached through a stand-in that loads it on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'child_process', namespace: 'lazy-builtin' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents:
        "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

// chalk (supports-color) and env-paths `import process from 'node:process'`. Node builds that
// built-in's ES module face by reading every property of `process`, which creates process.stdin
// (a stream, a few milliseconds) on commands that never read it. Inside the bundle the import is
// the global `process` object itself, which is what the built-in's default export is.
const globalProcess = {
  name: 'global-process',
  setup(b) {
    // ES imports only: CommonJS code (commander) requires the built-in itself, no face involved.
    b.onResolve({ filter: /^(node:)?process$/ }, (args) =>
      args.kind === 'import-statement'
        ? { path: 'process', namespace: 'global-process' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'global-process' }, () => ({
      contents: 'export default globalThis.process;',
      loader: 'js',
    }));
  },
};

await rm(outdir, { recursive: true, force: true });
const { metafile } = await build({
  metafile: true,
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  chunkNames: '[name]-[hash]',
  external,
  plugins: [lazyChildProcess, globalProcess],
  // @commander-js/extra-typings adds types only: at run time it re-exports
  // commander's own classes through a small CommonJS wrapper. The bundle takes
  // commander directly, so typed options cost start-up nothing.
  alias: { '@commander-js/extra-typings': 'commander' },
  legalComments: 'none',
  // Libraries name errors after their class (commander: this.name =
  // this.constructor.name), and report.ts tells them apart by name; bundling
  // must not rename a class to avoid a clash.
  keepNames: true,
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require() for Node's built-ins
  // (commander, proper-lockfile…) and read __filename (write-file-atomic names
  // its temporary files with it); an ES module has neither of its own.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
    ].join('\n'),
  },
});

// Which source modules each chunk holds: the start-up test and bench/modules.mjs
// map the chunks a command loads back to modules and packages with it.
const chunks = Object.fromEntries(
  Object.entries(metafile.outputs).map(([file, out]) => [
    file.slice('dist/bin/'.length),
    Object.keys(out.inputs),
  ]),
);
await writeFile(`${outdir}/modules.json`, JSON.stringify(chunks, null, 1));
