/**
 * The one way tests get a temporary folder. Each is removed however the test
 * ends (pass, fail or timeout), so a failing run leaves nothing in /tmp.
 */
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const remove = (dir: string) => rm(dir, { recursive: true, force: true });

/** A fresh folder for the current test; call it in a test or a beforeEach. */
export async function tempDir(prefix = 'oauth-tutor-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onTestFinished(() => remove(dir));
  return dir;
}

/**
 * One folder shared by the tests of a file: call it at the top level of the
 * file; it is made before the first test and removed after the last.
 * Returns a getter, since the folder exists only once the tests start.
 */
export function fileTempDir(prefix = 'oauth-tutor-test-'): () => string {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    if (dir !== undefined) await remove(dir);
  });
  return () => {
    if (dir === undefined) throw new Error('fileTempDir: the folder exists only inside tests');
    return dir;
  };
}
