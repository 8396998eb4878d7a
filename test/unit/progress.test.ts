import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProgressStore, PROGRESS_FILE } from '../../src/tutor/progress.js';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'progress-'))));
afterEach(async () => rm(dir, { recursive: true, force: true }));

const fixed = () => new Date('2026-01-02T03:04:05.000Z');

describe('ProgressStore', () => {
  it('starts empty when there is no file, and round-trips what it saves', async () => {
    const { store, warning } = await ProgressStore.open({ dir, now: fixed });
    expect(warning).toBeUndefined();
    await store.start('seven-steps');
    await store.finish('seven-steps', { correct: 1, total: 2 });
    store.recordItem('vocabulary:client-id', false);
    await store.save();
    const again = (await ProgressStore.open({ dir })).store;
    expect(again.data).toEqual({
      version: 1,
      lastLesson: 'seven-steps',
      lessons: { 'seven-steps': { status: 'done', score: { correct: 1, total: 2 }, best: { correct: 1, total: 2 }, attempts: 1, updatedAt: '2026-01-02T03:04:05.000Z' } },
      items: { 'vocabulary:client-id': { seen: 1, correct: 0, lastResult: false, lastSeen: '2026-01-02T03:04:05.000Z', box: 1, due: '2026-01-02T03:04:05.000Z' } },
    });
  });

  it('keeps the best score and never un-finishes a lesson', async () => {
    const { store } = await ProgressStore.open({ dir });
    await store.finish('vocabulary', { correct: 10, total: 12 });
    await store.finish('vocabulary', { correct: 4, total: 12 }, false);
    expect(store.lesson('vocabulary')).toMatchObject({ status: 'done', score: { correct: 4 }, best: { correct: 10 }, attempts: 2 });
  });

  it('writes atomically: no temp files are left beside the progress file', async () => {
    const { store } = await ProgressStore.open({ dir });
    for (let i = 0; i < 5; i++) await store.finish(`l${i}`, { correct: i, total: 5 });
    expect(await readdir(dir)).toEqual([PROGRESS_FILE]);
  });

  it.each([
    ['not JSON', '{"version": 1, "lessons": {'],
    ['the wrong shape', '{"version": 1, "lessons": []}'],
    ['an unknown version', '{"version": 7, "lessons": {}}'],
    ['a bad status', '{"version": 1, "lessons": {"x": {"status": "maybe"}}}'],
  ])('moves a file with %s aside to .bak, says so, and starts fresh', async (_what, text) => {
    await writeFile(join(dir, PROGRESS_FILE), text);
    const { store, warning } = await ProgressStore.open({ dir });
    expect(warning).toMatch(/could not be read; it was moved to .*progress\.json\.bak/);
    expect(store.data.lessons).toEqual({});
    expect(await readFile(join(dir, `${PROGRESS_FILE}.bak`), 'utf8')).toBe(text);
    await store.save();
    expect(JSON.parse(await readFile(join(dir, PROGRESS_FILE), 'utf8'))).toMatchObject({ version: 1 });
  });

  it('never overwrites an earlier .bak', async () => {
    await writeFile(join(dir, PROGRESS_FILE), 'first');
    await ProgressStore.open({ dir });
    await writeFile(join(dir, PROGRESS_FILE), 'second');
    const { warning } = await ProgressStore.open({ dir });
    expect(warning).toMatch(/progress\.json\.bak\.1/);
    expect(await readFile(join(dir, `${PROGRESS_FILE}.bak`), 'utf8')).toBe('first');
    expect(await readFile(join(dir, `${PROGRESS_FILE}.bak.1`), 'utf8')).toBe('second');
  });

  it('refuses to touch a file it is not allowed to read', async () => {
    if (process.getuid?.() === 0) {
      // root reads anything: check the error path with a directory instead.
      await rm(dir, { recursive: true });
      await (await import('node:fs/promises')).mkdir(join(dir, PROGRESS_FILE), { recursive: true });
      await expect(ProgressStore.open({ dir })).rejects.toMatchObject({ code: 'ERR_INPUT' });
      return;
    }
    await writeFile(join(dir, PROGRESS_FILE), '{}');
    await chmod(join(dir, PROGRESS_FILE), 0o000);
    await expect(ProgressStore.open({ dir })).rejects.toMatchObject({ code: 'ERR_INPUT' });
  });
});
