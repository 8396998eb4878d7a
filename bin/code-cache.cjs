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
 * (another Node, a flag in NODE_OPTIONS): the chunk is then compiled from its source, as it would
 * have been without a cache. Of the source, V8 checks only the length, so a cache must never
 * outlive its chunk. Only chunks named after their content use one (Rollup's `[name]-[hash]`: a
 * rebuilt chunk is a file of another name), and only when the chunk is not newer than its cache (a
 * chunk edited in place after the build, even to the same length, is compiled from its source).
 *
 * A chunk's require of a sibling chunk is answered here too, without Node's search for the file
 * (requireFor below): a flow loads twenty chunks, and that search was a twentieth of its start.
 *
 * Nothing is ever written here except when the build sets that variable, so a learner's run writes
 * nothing. With OAUTH_TUTOR_CODE_CACHE=report, a run says on stderr, as it exits, what it did with
 * each chunk's cache (test/e2e/code-cache.test.ts, and the build's own check).
 */
const Module = require('node:module');
const { Script } = require('node:vm');
const { readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { basename, dirname, sep } = require('node:path');

/** A chunk named after its content (Rollup's `[name]-[hash].cjs`); main.cjs is not. */
const HASHED = /-[\w-]{8}\.cjs$/;

/** The cache beside a chunk. */
const cacheFileOf = (chunk) => `${chunk.slice(0, -'.cjs'.length)}.cache`;

/** The chunk's cache when it may be used; why not otherwise. */
function cacheOf(chunk) {
  const file = cacheFileOf(chunk);
  let cache;
  try {
    cache = statSync(file);
  } catch {
    return { status: 'none' }; // a build without one, or a chunk no warm-up run loaded
  }
  if (statSync(chunk).mtimeMs > cache.mtimeMs) return { status: 'stale' };
  try {
    return { status: 'read', data: readFileSync(file) };
  } catch {
    return { status: 'none' };
  }
}

/** Compiles the .cjs files in `dir` with their cached data from now on (CommonJS's require). */
function useCodeCache(dir) {
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  const mode = process.env.OAUTH_TUTOR_CODE_CACHE;
  const writing = mode === 'write';
  const compiled = [];
  const said = [];
  // What a chunk requires other than a sibling chunk (node:…, an external package), resolved as from
  // any file of the folder: one require for all chunks instead of one made per chunk.
  let fromDir;
  const compile = Module.prototype._compile;

  /** A chunk's module compiled through its cache (or from its source when it may not use one). */
  function compileChunk(module, content, filename) {
    const { status, data } = cacheOf(filename);
    // Named from the package root, so that the name V8 keeps in the cache (and shows in a stack
    // trace) is the same wherever the package was built or is installed.
    const name = `dist/bin/${basename(filename)}`;
    const script = new Script(Module.wrap(content), { filename: name, cachedData: data });
    if (writing) compiled.push({ script, filename });
    said.push(
      `${basename(filename)} ${status !== 'read' ? status : script.cachedDataRejected ? 'rejected' : 'used'}`,
    );
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(
      module.exports,
      module.exports,
      requireFor(module),
      module,
      filename,
      dirname(filename),
    );
  }

  /**
   * The require a chunk gets. A chunk requires its siblings by a relative name (`./x-hash.cjs`); those
   * are loaded here, with what Node's require would do for them and nothing it does to find a file
   * (a stat, a realpath, the node_modules lookup paths, each a walk over the whole path): the file is
   * the folder's, named by the bundler, and a flow loads twenty of them. Cached in require.cache under
   * the same full name as Node's require would, put there before the chunk runs (a cycle gets the
   * exports made so far, as in Node), and taken out again if it throws.
   */
  function requireFor(module) {
    fromDir ??= Module.createRequire(prefix);
    const require = (id) => {
      if (!id.startsWith('./') || id.includes('/', 2) || !HASHED.test(id)) return fromDir(id);
      const filename = prefix + id.slice(2);
      const cached = Module._cache[filename];
      if (cached !== undefined) return cached.exports;
      let content;
      try {
        content = readFileSync(filename, 'utf8');
      } catch {
        return fromDir(id); // no such chunk: Node's require says so, as it would have
      }
      const child = new Module(filename, module);
      child.filename = filename;
      child.paths = module.paths;
      Module._cache[filename] = child;
      let threw = true;
      try {
        compileChunk(child, content, filename);
        threw = false;
      } finally {
        if (threw) delete Module._cache[filename];
      }
      child.loaded = true;
      return child.exports;
    };
    require.resolve = (id, options) => fromDir.resolve(id, options);
    require.cache = Module._cache;
    require.main = fromDir.main;
    return require;
  }

  Module.prototype._compile = function compileWithCache(content, filename) {
    // Everything else as Node compiles it, with all it passes (the module format, on Node 20.19+).
    if (!filename.startsWith(prefix) || !HASHED.test(filename))
      return Reflect.apply(compile, this, arguments);
    return compileChunk(this, content, filename);
  };
  if (mode === 'report')
    process.on('exit', () => process.stderr.write(said.map((s) => `code cache: ${s}\n`).join('')));
  if (!writing) return;
  process.on('exit', () => {
    // `check` turns V8's regexp tier-up off (src/cli/commands/check.ts). V8 keeps a hash of its
    // flags in the cached data and rejects data made under other flags, and every run starts with
    // the defaults: set it back first, or check's chunks would never use their cache. (The build
    // runs every command again afterwards and fails if any cache is not used.)
    require('node:v8').setFlagsFromString('--regexp-tier-up');
    // The cache was read above, so what V8 compiled in earlier runs is kept: each run adds to it.
    // Written beside and renamed into place: a run reading it never sees half a cache.
    for (const { script, filename } of compiled) {
      const file = cacheFileOf(filename);
      writeFileSync(`${file}.${process.pid}`, script.createCachedData());
      renameSync(`${file}.${process.pid}`, file);
    }
  });
}

module.exports = { useCodeCache };
