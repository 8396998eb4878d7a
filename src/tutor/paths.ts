/**
 * Where things live: the shipped lessons beside the package, and the
 * learner's data directory (XDG on Linux, the platform equivalents elsewhere,
 * or OAUTH_TUTOR_HOME when set — tests point it at a temp dir).
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import envPaths from 'env-paths';

/** dist/tutor/paths.js → the package root. */
export const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

export const shippedLessonsDir = join(packageRoot, 'lessons');

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['OAUTH_TUTOR_HOME'];
  if (override !== undefined && override.trim() !== '') return override;
  return envPaths('oauth-tutor', { suffix: '' }).data;
}
