/**
 * The packed tarball (what `npm publish` would ship) runs once installed with the
 * dependencies it declares, and with no others.
 *
 * The tarball comes from a real `npm pack`. It is installed as `npm install -g` lays a
 * package out (prefix/lib/node_modules/oauth-tutor, its bin linked from prefix/bin), with
 * each package its package.json lists under `dependencies` linked from this checkout's
 * node_modules (the versions `npm ci` installed from the lockfile), instead of fetched
 * again from the registry: npm's install itself cost more CPU than any other test. A
 * package the program imports without declaring it is not found there, as after a real
 * install: every package the shipped program imports is imported from the installed copy.
 */
import { expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { chmod, mkdir, readFile, readdir, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { isObject } from '../../src/json.js';
import { baseEnv, root } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The literal name in a call's first argument: `require('x')` → x. */
function firstString(node: Record<string, unknown>): string | undefined {
  const first: unknown = Array.isArray(node['arguments']) ? node['arguments'][0] : undefined;
  return isObject(first) && typeof first['value'] === 'string' ? first['value'] : undefined;
}

/**
 * The packages (not Node built-ins, not its own chunks) that the shipped program loads, found by
 * parsing each chunk (a scan of the text would also find `import('x')` inside a comment):
 * `required` by require(), `imported` by import() (through bin/import.cjs, or written as import()
 * or an import declaration).
 */
async function loadedPackages(binDir: string): Promise<{ required: string[]; imported: string[] }> {
  const { parseAst } = await import('@rollup/wasm-node/parseAst');
  const required = new Set<string>();
  const imported = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    const source = node['source'];
    const callee = node['callee'];
    const name = firstString(node);
    if (node['type'] === 'CallExpression' && isObject(callee) && name !== undefined) {
      // require('x'), and require('../../bin/import.cjs')('x')
      if (callee['type'] === 'Identifier' && callee['name'] === 'require') required.add(name);
      if (callee['type'] === 'CallExpression' && firstString(callee) === '../../bin/import.cjs')
        imported.add(name);
    }
    if (
      [
        'ImportDeclaration',
        'ExportNamedDeclaration',
        'ExportAllDeclaration',
        'ImportExpression',
      ].includes(String(node['type'])) &&
      isObject(source) &&
      typeof source['value'] === 'string'
    )
      imported.add(source['value']);
    for (const [key, value] of Object.entries(node)) if (key !== 'source') visit(value);
  };
  for (const file of (await readdir(binDir)).filter((f) => /\.c?js$/.test(f)))
    visit(parseAst(await readFile(join(binDir, file), 'utf8')));
  const packages = (names: Set<string>) =>
    [...names]
      .filter((spec) => !spec.startsWith('.') && !spec.startsWith('node:'))
      .filter((spec) => !builtinModules.includes(spec))
      .sort();
  return { required: packages(required), imported: packages(imported) };
}

/** A string-to-string map from package.json (`dependencies`, `bin`), or a failed test. */
function stringMap(manifest: unknown, field: string): Record<string, string> {
  const value = isObject(manifest) ? manifest[field] : undefined;
  if (!isObject(value)) throw new Error(`package.json in the tarball has no "${field}" object`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new Error(`package.json "${field}.${k}" is not a string`);
    out[k] = v;
  }
  return out;
}

it('npm pack → installed with its declared dependencies only → oauth-tutor runs, and every package it imports loads', async () => {
  const dir = await tempDir('pack-');
  // npm writes nothing outside `dir`: not the machine's global prefix, not ~/.npm.
  const npmEnv = {
    ...process.env,
    npm_config_prefix: join(dir, 'prefix'),
    npm_config_cache: join(dir, 'cache'),
    npm_config_loglevel: 'error',
    npm_config_update_notifier: 'false',
  };
  // dist/ is already built by `npm test`'s pretest; no need to build again.
  await exec(npm, ['pack', '--ignore-scripts', '--pack-destination', dir], {
    cwd: root,
    env: npmEnv,
  });
  const tarball = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
  expect(tarball, 'npm pack made no tarball').toBeDefined();

  const pkg = join(dir, 'prefix', 'lib', 'node_modules', 'oauth-tutor');
  await mkdir(pkg, { recursive: true });
  await exec('tar', ['-xzf', join(dir, String(tarball)), '-C', pkg, '--strip-components=1']);
  const manifest: unknown = JSON.parse(await readFile(join(pkg, 'package.json'), 'utf8'));
  const dependencies = Object.keys(stringMap(manifest, 'dependencies'));
  for (const name of dependencies) {
    const link = join(pkg, 'node_modules', name);
    await mkdir(dirname(link), { recursive: true });
    await symlink(join(root, 'node_modules', name), link, 'dir');
  }
  // The bin as npm links it: prefix/bin/oauth-tutor → the package's bin file, made executable.
  const binFile = stringMap(manifest, 'bin')['oauth-tutor'];
  expect(binFile, 'package.json has no "oauth-tutor" bin').toBeDefined();
  const bin = join(dir, 'prefix', 'bin', 'oauth-tutor');
  await mkdir(dirname(bin));
  await chmod(join(pkg, String(binFile)), 0o755);
  await symlink(join(pkg, String(binFile)), bin);

  const run = { env: baseEnv({ OAUTH_TUTOR_HOME: join(dir, 'home') }) };
  const version = isObject(manifest) ? manifest['version'] : undefined;
  expect((await exec(bin, ['--version'], run)).stdout).toBe(`${String(version)}\n`);
  const list = await exec(bin, ['learn', '--list', '--json'], run);
  expect((JSON.parse(list.stdout) as { lessons: unknown[] }).lessons).toHaveLength(12);
  const order = await exec(bin, ['order', '--seed', '1', '--json'], run);
  expect((JSON.parse(order.stdout) as { steps: unknown[] }).steps).toHaveLength(7);

  // What the commands above do not load (prompts, markdown, YAML, QR codes, a browser opener)
  // must load too, from inside the installed package, the way the bundle loads it: by require()
  // (an ES module package with a CommonJS build, or through Node's require of ES modules), or by
  // import() (bin/import.cjs, for the packages that are ES modules only). Quietly, too: a warning
  // would reach the learner's terminal.
  const { required, imported } = await loadedPackages(join(pkg, 'dist', 'bin'));
  expect(required, 'found no package require() in dist/bin: has the bundle changed?').not.toEqual(
    [],
  );
  expect(imported, 'found no package import() in dist/bin: has the bundle changed?').toEqual([
    'open',
    'yocto-spinner',
  ]);
  const probe = async (args: string[]) =>
    exec(process.execPath, args, { ...run, cwd: pkg }).then(
      ({ stderr }) => (stderr === '' ? undefined : stderr),
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
  const requires = required.map((p) => `require(${JSON.stringify(p)});`).join('\n');
  expect(await probe(['-e', requires]), `requiring ${required.join(', ')}`).toBeUndefined();
  const imports = imported.map((p) => `await import(${JSON.stringify(p)});`).join('\n');
  expect(
    await probe(['--input-type=module', '-e', imports]),
    `importing ${imported.join(', ')}`,
  ).toBeUndefined();
}, 60_000);
