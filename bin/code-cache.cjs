'use strict';
/**
 * V8's code cache for the chunks of dist/bin/.
 *
 * Node 20 compiles every function of a module from its source the first time it runs, in every
 * process: it has no compile cache (module.enableCompileCache came in Node 22). For CommonJS code,
 * V8 can take instead the code it compiled in an earlier run (vm.Script's cachedData). The build
 * (scripts/code-cache.mjs) runs the main commands with OAUTH_TUTOR_CODE_CACHE=write, and keeps,
 * beside each chunk, what V8 had compiled of it by the end of those runs (`x-hash.cjs` →
 * `x-hash.cache`). Measured on `--help`, `check` and `flow`: a fifth to a quarter fewer
 * instructions per start.
 *
 * V8 checks cached data against its own version and flags, and rejects what does not match
 * (another Node): the chunk is then compiled from its source, as it would have been without a
 * cache. Of the source, V8 checks only the length, so a cache must never outlive its chunk: only
 * chunks whose name carries Rollup's hash of their content (`x-hash.cjs`) use one, so an edited
 * chunk is a chunk of another name, without a cache. Nothing is ever written here except when the build sets
 * that variable, so a learner's run writes nothing. With OAUTH_TUTOR_CODE_CACHE=report, a run
 * says on stderr, as it exits, which chunks used their cache (test/e2e/code-cache.test.ts).
 */
const Module = require('node:module');
const { Script } = require('node:vm');
const { readFileSync, writeFileSync } = require('node:fs');
const { dirname, sep } = require('node:path');

/** A chunk named after its content (Rollup's `[name]-[hash].cjs`); main.cjs is not. */
const HASHED = /-[\w-]{8}\.cjs$/;

/** The cache beside a chunk. */
const cacheFileOf = (chunk) => `${chunk.slice(0, -'.cjs'.length)}.cache`;

/** Compiles the .cjs files in `dir` with their cached data from now on (CommonJS's require). */
function useCodeCache(dir) {
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  const mode = process.env.OAUTH_TUTOR_CODE_CACHE;
  const writing = mode === 'write';
  const compiled = [];
  const used = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (!filename.startsWith(prefix) || !HASHED.test(filename))
      return compile.call(this, content, filename);
    let cachedData;
    try {
      cachedData = readFileSync(cacheFileOf(filename));
    } catch {
      // No cache (a build without one, or a chunk no warm-up run loaded): compile from source.
    }
    const script = new Script(Module.wrap(content), { filename, cachedData });
    if (writing) compiled.push({ script, filename });
    used.push(
      `${filename.slice(prefix.length)} ${cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used'}`,
    );
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(
      this.exports,
      this.exports,
      Module.createRequire(filename),
      this,
      filename,
      dirname(filename),
    );
  };
  if (mode === 'report')
    process.on('exit', () => process.stderr.write(used.map((u) => `code cache: ${u}\n`).join('')));
  if (!writing) return;
  process.on('exit', () => {
    // `check` turns V8's regexp tier-up off (src/cli/commands/check.ts). V8 keeps a hash of its
    // flags in the cached data and rejects data made under other flags, and every run starts with
    // the defaults: set it back first, or check's chunks would never use their cache.
    require('node:v8').setFlagsFromString('--regexp-tier-up');
    // The cache was read above, so what V8 compiled in earlier runs is kept: each run adds to it.
    for (const { script, filename } of compiled)
      writeFileSync(cacheFileOf(filename), script.createCachedData());
  });
}

module.exports = { useCodeCache };
