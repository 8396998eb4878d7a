import { describe, expect, it } from 'vitest';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  flowStepTitles,
  loadedStepTitles,
  recordedStepTitles,
} from '../../src/tutor/step-titles.js';
import { STEP_TITLES_FILE } from '../../src/tutor/compiled.js';
import { shippedLessonsDir } from '../../src/tutor/paths.js';
import { tempDir } from '../helpers/temp.js';

/** The build's record (npm run build writes it). */
async function record(): Promise<unknown> {
  return JSON.parse(await readFile(STEP_TITLES_FILE, 'utf8'));
}

/** A copy of the shipped lessons. */
async function copy(): Promise<string> {
  const dir = await tempDir('lessons-');
  await cp(shippedLessonsDir, dir, { recursive: true });
  return dir;
}

describe('the flow step titles kept by the build', () => {
  it('are taken from the record for the shipped lessons, and are the loader’s titles', async () => {
    const loaded = await loadedStepTitles();
    expect(loaded).toHaveLength(7);
    expect(recordedStepTitles(await record(), shippedLessonsDir)).toEqual(loaded);
    expect(await flowStepTitles()).toEqual(loaded);
  });

  it('are not used once the lesson data is edited: the loader reads the edit', async () => {
    const dir = await copy();
    const path = join(dir, 'seven-steps.yaml');
    await writeFile(
      path,
      (await readFile(path, 'utf8')).replace(
        'text: Receive authorization code',
        'text: Receive the authorization code',
      ),
    );
    expect(recordedStepTitles(await record(), dir)).toBeUndefined();
    expect((await loadedStepTitles(dir))[3]).toBe('Receive the authorization code');
  });

  it('are not used when a file the loader reads is missing: the loader reports it', async () => {
    const dir = await copy();
    await rm(join(dir, 'seven-steps.md'));
    expect(recordedStepTitles(await record(), dir)).toBeUndefined();
    await expect(loadedStepTitles(dir)).rejects.toMatchObject({ code: 'ERR_LESSON_INVALID' });
  });

  it('are not used when an edit elsewhere in the manifest could change what the loader says', async () => {
    const dir = await copy();
    const path = join(dir, 'manifest.yaml');
    await writeFile(path, `${await readFile(path, 'utf8')}\n# an edit\n`);
    expect(recordedStepTitles(await record(), dir)).toBeUndefined();
  });

  it('are no titles when the record is not one', () => {
    for (const bad of [undefined, null, [], { titles: ['a'] }, { titles: [], files: {} }])
      expect(recordedStepTitles(bad, shippedLessonsDir)).toBeUndefined();
    expect(recordedStepTitles({ titles: ['a'], files: {} }, shippedLessonsDir)).toBeUndefined();
    expect(
      recordedStepTitles({ titles: ['a', 1], files: { 'manifest.yaml': 'x' } }, shippedLessonsDir),
    ).toBeUndefined();
  });
});
