/** The packed tarball (what `npm publish` would ship) installs globally and runs. */
import { expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

it('npm pack → npm install -g → oauth-tutor runs from the global prefix (a private prefix and cache)', async () => {
  const dir = await tempDir('pack-');
  // Everything npm writes goes under `dir`: the "global" prefix and the cache. The
  // machine's own global install and ~/.npm are never touched. (The dependencies
  // are fetched from the registry into the private cache.)
  const prefix = join(dir, 'prefix');
  const cache = join(dir, 'cache');
  const env = {
    ...process.env,
    npm_config_prefix: prefix,
    npm_config_cache: cache,
    npm_config_loglevel: 'error',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  // dist/ is already built by `npm test`'s pretest; no need to build again.
  await exec(npm, ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: root, env });
  const tarball = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
  expect(tarball, 'npm pack made no tarball').toBeDefined();
  await exec(npm, ['install', '-g', join(dir, String(tarball))], { cwd: dir, env });
  expect(await readdir(cache)).toContain('_cacache');

  const bin = join(prefix, 'bin', 'oauth-tutor');
  const run = { env: { ...env, OAUTH_TUTOR_HOME: join(dir, 'home') } };
  const list = await exec(bin, ['learn', '--list', '--json'], run);
  expect((JSON.parse(list.stdout) as { lessons: unknown[] }).lessons).toHaveLength(12);
  const order = await exec(bin, ['order', '--seed', '1', '--json'], run);
  expect((JSON.parse(order.stdout) as { steps: unknown[] }).steps).toHaveLength(7);
}, 120_000);
