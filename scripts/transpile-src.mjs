// Build step: src/**/*.ts to dist/ module by module (what tests, benchmarks and
// compile-lessons.mjs import), transpiled by esbuild file by file instead of a
// second, emitting tsc pass. Types are checked once, by `npm run typecheck`
// (tsc over src and test), which `npm test` runs. Per-file transpiling is safe
// because tsconfig.json has isolatedModules and verbatimModuleSyntax: no file
// needs another's types to be emitted. esbuild reads tsconfig.json (target
// ES2022, so class fields keep define semantics as tsc emits them).
import { build } from 'esbuild';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const entryPoints = (await readdir(`${root}src`, { recursive: true }))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => `src/${f}`);

await build({
  absWorkingDir: root,
  entryPoints,
  outbase: 'src',
  outdir: 'dist',
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'es2022',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
});
