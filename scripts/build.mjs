// `npm run build`: src/ to dist/ module by module (transpile-src.mjs), the shipped lessons and
// decks parsed once (compile-lessons.mjs), the CLI bundle (bundle-cli.mjs), then its code cache
// (code-cache.mjs), each in its own process, in that order. Skipped when dist/ is already the build of exactly what is on
// disk (scripts/build-stamp.mjs says how that is known): `npm ci` builds, and `npm test`
// would otherwise build the same files again. `--force` builds anyway.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clearStamp, inputsDigest, upToDate, writeStamp } from './build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const STEPS = ['transpile-src.mjs', 'compile-lessons.mjs', 'bundle-cli.mjs', 'code-cache.mjs'];

// Taken before building: an input edited during the build makes the next build run again.
const inputs = await inputsDigest(root);
if (!process.argv.includes('--force') && (await upToDate(root, inputs))) {
  process.stderr.write(
    'build: nothing the build reads has changed since dist/ was built; skipped (--force builds anyway)\n',
  );
  process.exit(0);
}
await clearStamp(root);
for (const step of STEPS) {
  const { status, signal, error } = spawnSync(process.execPath, [`${root}scripts/${step}`], {
    cwd: root,
    stdio: 'inherit',
  });
  if (error !== undefined) throw error;
  if (status !== 0) {
    process.stderr.write(`build: ${step} failed (${status ?? signal})\n`);
    process.exit(status ?? 1);
  }
}
await writeStamp(root, inputs);
