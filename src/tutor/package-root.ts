/**
 * Where the package and its shipped lessons are, apart from the learner's data directory
 * (paths.ts): what reads only shipped files loads nothing that finds a home directory.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** dist/tutor/package-root.js (or a chunk of dist/bin/) → the package root. */
export const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

export const shippedLessonsDir = join(packageRoot, 'lessons');
