/**
 * The libraries the progress store needs only to write: atomic file writes
 * and the cross-process lock. Kept apart so that reading or listing progress
 * (learn --list, check --no-save, quiz --list) loads neither.
 */
export { default as writeFileAtomic } from 'write-file-atomic';
export { default as lockfile } from 'proper-lockfile';
