/**
 * Makes sure the learner's data directory exists before anything is saved in
 * it, one level at a time. A recursive mkdir is not enough: on a path under
 * /proc, Node's `mkdir(…, { recursive: true })` never returns (ENOENT from a
 * virtual file system makes it retry the parent forever), so a bad
 * OAUTH_TUTOR_HOME would spin instead of failing.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { errnoCode, TutorError } from '../errors.js';
import { dataDir } from '../tutor/paths.js';

/** How deep a data directory may have to be created (`~/.local/share/oauth-tutor` needs 3 or 4). */
const MAX_NEW_LEVELS = 32;

/**
 * The data directory, created when missing. Throws a TutorError (exit 2) when
 * it cannot be a directory at all: under /proc, below a file, or nothing can
 * be created there. A directory that exists but is read-only passes: saving
 * into it fails later, and the caller decides what that means.
 */
export async function ensureDataDir(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dir = resolve(dataDir(env));
  const fromEnv = env['OAUTH_TUTOR_HOME'] !== undefined && env['OAUTH_TUTOR_HOME'].trim() !== '';
  const unusable = (why: string, cause?: unknown) =>
    new TutorError(
      'ERR_INPUT',
      `${fromEnv ? `OAUTH_TUTOR_HOME (${dir})` : `Your data directory ${dir}`} cannot be used: ${why}.`,
      {
        hint: fromEnv
          ? 'Set OAUTH_TUTOR_HOME to a folder you can write to, or unset it to use the default.'
          : 'Set OAUTH_TUTOR_HOME to a folder you can write to.',
        cause,
      },
    );
  const missing: string[] = [];
  for (let p = dir; ; p = dirname(p)) {
    const info = await stat(p).catch((error: unknown) => ({ error }));
    if (!('error' in info)) {
      if (!info.isDirectory())
        throw unusable(p === dir ? 'it is a file, not a folder' : `${p} is a file, not a folder`);
      break;
    }
    const code = errnoCode(info.error);
    if (code === 'ENOTDIR')
      throw unusable('a part of that path is a file, not a folder', info.error);
    if (code !== 'ENOENT' || dirname(p) === p || missing.length >= MAX_NEW_LEVELS)
      throw unusable(`${p} cannot be read (${code ?? 'error'})`, info.error);
    missing.unshift(p);
  }
  for (const p of missing) {
    try {
      await mkdir(p);
    } catch (error) {
      const code = errnoCode(error);
      if (code !== 'EEXIST')
        throw unusable(`the folder ${p} cannot be created (${code ?? 'error'})`, error);
    }
  }
  return dir;
}
