// How many modules each user-facing command loads (ours, dependencies,
// node: builtins), traced with an ESM loader hook (CommonJS from the require
// cache), and how many files that took: with the code-split build (dist/bin/)
// a file is a chunk of several modules, mapped back through
// dist/bin/modules.json. Counts are stable where wall time is noisy.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, STARTUP_COMMANDS } from './startup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tracer = join(root, 'test/helpers/trace-imports.mjs');

export function modulesOf(args, env) {
  const dir = mkdtempSync(join(tmpdir(), 'oauth-tutor-trace-'));
  const out = join(dir, 'modules.txt');
  spawnSync(process.execPath, ['--import', tracer, ...args], {
    stdio: 'ignore',
    env: { ...env, TRACE_IMPORTS_OUT: out },
  });
  const list = [...new Set(readFileSync(out, 'utf8').split('\n').filter(Boolean))];
  rmSync(dir, { recursive: true, force: true });
  return list;
}

/** Files read (chunks count once) and the modules in them, as paths from the package root. */
function expand(urls) {
  const map = join(root, 'dist/bin/modules.json');
  const chunks = existsSync(map) ? JSON.parse(readFileSync(map, 'utf8')) : {};
  const chunkDir = new URL('../dist/bin/', import.meta.url).href;
  const rootUrl = new URL('..', import.meta.url).href;
  const modules = urls.flatMap((u) =>
    u.startsWith(chunkDir) && chunks[u.slice(chunkDir.length)]
      ? chunks[u.slice(chunkDir.length)]
      : [u.startsWith(rootUrl) ? u.slice(rootUrl.length) : u],
  );
  return {
    files: urls.filter((u) => !u.startsWith('node:')).length,
    modules: [...new Set(modules)],
  };
}

export function benchModules() {
  const home = mkdtempSync(join(tmpdir(), 'oauth-tutor-bench-home-'));
  const env = cleanEnv({ OAUTH_TUTOR_HOME: home });
  const rows = [];
  for (const [name, { args }] of Object.entries(STARTUP_COMMANDS())) {
    if (name === 'baseline') continue;
    const { files, modules: list } = expand(
      modulesOf(args, env).filter((u) => !u.endsWith('/trace-imports.mjs')),
    );
    const builtin = list.filter((u) => u.startsWith('node:')).length;
    const deps = list.filter((u) => u.startsWith('node_modules/'));
    const ours = list.length - builtin - deps.length;
    const packageOf = (u) => {
      const parts = u.split('node_modules/').pop().split('/');
      return parts.slice(0, parts[0].startsWith('@') ? 2 : 1).join('/');
    };
    const packages = [...new Set(deps.map(packageOf))];
    rows.push({ name, files, ours, deps: deps.length, builtin, packages });
    console.log(
      `modules: oauth-tutor ${name.padEnd(24)} files ${String(files).padStart(3)}  ours ${String(ours).padStart(3)}  deps ${String(deps.length).padStart(3)}  node: ${String(builtin).padStart(2)}   ${packages.join(' ')}`,
    );
  }
  rmSync(home, { recursive: true, force: true });
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) benchModules();
