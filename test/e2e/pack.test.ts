/** The packed tarball (what `npm publish` would ship) installs globally and runs. */
import { expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root, tempHome } from '../helpers/cli.js';

const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

it('npm pack → npm install -g → oauth-tutor runs from the global prefix', async () => {
  const { dir, cleanup } = await tempHome();
  const env = { ...process.env, npm_config_loglevel: 'error', npm_config_update_notifier: 'false' };
  // dist/ is already built by `npm test`'s pretest; no need to build again.
  await exec(npm, ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: root, env });
  const tarball = (await readdir(dir)).find((f) => f.endsWith('.tgz'))!;
  const prefix = join(dir, 'prefix');
  await exec(
    npm,
    [
      'install',
      '-g',
      '--prefix',
      prefix,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      join(dir, tarball),
    ],
    { env },
  );
  const bin = join(prefix, 'bin', 'oauth-tutor');
  const list = await exec(bin, ['learn', '--list', '--json'], {
    env: { ...env, OAUTH_TUTOR_HOME: join(dir, 'home') },
  });
  expect((JSON.parse(list.stdout) as { lessons: unknown[] }).lessons).toHaveLength(12);
  const order = await exec(bin, ['order', '--seed', '1', '--json'], {
    env: { ...env, OAUTH_TUTOR_HOME: join(dir, 'home') },
  });
  expect((JSON.parse(order.stdout) as { steps: unknown[] }).steps).toHaveLength(7);
  await cleanup();
}, 120_000);
