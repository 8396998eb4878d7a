/**
 * Where things live: the shipped lessons beside the package (package-root.ts), and the
 * learner's data directory (XDG on Linux, the platform equivalents elsewhere,
 * or OAUTH_TUTOR_HOME when set — tests point it at a temp dir).
 */
import envPaths from 'env-paths';

export { packageRoot, shippedLessonsDir } from './package-root.js';

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['OAUTH_TUTOR_HOME'];
  if (override !== undefined && override.trim() !== '') return override;
  return envPaths('oauth-tutor', { suffix: '' }).data;
}
