import { beforeEach, describe, expect, it } from 'vitest';
import { chmod, mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProgressStore, PROGRESS_FILE, parseProgress } from '../../src/tutor/progress.js';
import { baseEnv } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

/** A real second process using the built store (dist/): see test/fixtures/progress-writer.mjs. */
const writer = fileURLToPath(new URL('../fixtures/progress-writer.mjs', import.meta.url));
/** How a writer is stopped: a kill -9 so many ms after its first confirmed save, or its own at a file-system step. */
type Kill = { afterMs: number } | { at: string };
interface Written {
  /** Keys whose save was confirmed (whole lines: the last may be cut by the kill). */
  saved: string[];
  stderr: string;
}
function runWriter(tag: string, count: number, kill?: Kill): Promise<Written> {
  return new Promise((resolve, reject) => {
    const args = [writer, dir, tag, String(count), ...(kill && 'at' in kill ? [kill.at] : [])];
    const child = spawn(process.execPath, args, {
      env: baseEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    if (kill !== undefined && 'afterMs' in kill) {
      // Kill only once it is saving, so the kill lands in the middle of lock/write/rename.
      child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), kill.afterMs));
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const killed = kill !== undefined && signal === 'SIGKILL';
      if (!killed && code !== 0)
        reject(new Error(`writer ${tag} exited ${code ?? signal}: ${stderr}`));
      else resolve({ saved: stdout.split('\n').slice(0, -1), stderr });
    });
  });
}

/** The node:fs calls that change what is in the progress folder (a kill before any other leaves the same files). */
const CHANGES = [
  ...['mkdir', 'rmdir', 'rm', 'unlink', 'rename', 'open', 'write', 'fsync', 'close', 'chown'],
  ...['chmod', 'utimes', 'copyFile', 'writeFile'],
];

/** Dates a left-over lock (if any) 60 s back, as if the next run started a minute after the kill. */
async function ageLock(): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  await utimes(join(dir, `${PROGRESS_FILE}.lock`), past, past).catch((e: unknown) => {
    if (!(e instanceof Error && 'code' in e && e.code === 'ENOENT')) throw e;
  });
}

let dir: string;
beforeEach(async () => (dir = await tempDir('progress-')));

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
      lessons: {
        'seven-steps': {
          status: 'done',
          score: { correct: 1, total: 2 },
          best: { correct: 1, total: 2 },
          attempts: 1,
          updatedAt: '2026-01-02T03:04:05.000Z',
        },
      },
      items: {
        'vocabulary:client-id': {
          seen: 1,
          correct: 0,
          lastResult: false,
          lastSeen: '2026-01-02T03:04:05.000Z',
          box: 1,
          due: '2026-01-02T03:04:05.000Z',
        },
      },
    });
  });

  it('keeps the best score and never un-finishes a lesson', async () => {
    const { store } = await ProgressStore.open({ dir });
    await store.finish('vocabulary', { correct: 10, total: 12 });
    await store.finish('vocabulary', { correct: 4, total: 12 }, false);
    expect(store.lesson('vocabulary')).toMatchObject({
      status: 'done',
      score: { correct: 4 },
      best: { correct: 10 },
      attempts: 2,
    });
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
  ])('moves a file that is %s aside to .bak, says so, and starts fresh', async (_what, text) => {
    await writeFile(join(dir, PROGRESS_FILE), text);
    const { store, warning } = await ProgressStore.open({ dir });
    expect(warning).toMatch(/could not be read \(.*\); it was moved to .*progress\.json\.bak/);
    expect(store.data.lessons).toEqual({});
    expect(await readFile(join(dir, `${PROGRESS_FILE}.bak`), 'utf8')).toBe(text);
    store.recordItem('k', true);
    await store.save();
    expect(JSON.parse(await readFile(join(dir, PROGRESS_FILE), 'utf8'))).toMatchObject({
      version: 1,
    });
  });

  const ITEM = '"seen": 1, "correct": 1, "lastResult": true, "lastSeen": "2026-01-01T00:00:00Z"';
  const KEPT_LESSON =
    '"kept": {"status": "done", "attempts": 1, "updatedAt": "2026-01-01T00:00:00Z", "score": {"correct": 2, "total": 2}}';
  const KEPT_ITEM = `"quiz:d:kept": {${ITEM}, "box": 2}`;
  // Issue 12 item 10: "box": "x" threw RangeError (exit 3) when the item was next answered.
  // Issue 15: the entry is left out, and nothing else the learner saved is lost.
  it.each([
    [
      'a box that is not a number',
      `"lessons": {${KEPT_LESSON}}, "items": {${KEPT_ITEM}, "k": {${ITEM}, "box": "x"}}`,
      'items.k.box: is "x", not a whole number ≥ 0',
    ],
    [
      'a box beyond the last',
      `"lessons": {${KEPT_LESSON}}, "items": {${KEPT_ITEM}, "k": {${ITEM}, "box": 99}}`,
      'items.k.box: is 99, above the last box',
    ],
    [
      'an item that is a string',
      `"lessons": {${KEPT_LESSON}}, "items": {${KEPT_ITEM}, "k": "seen"}`,
      'items.k: is not an object',
    ],
    [
      'a due date that is not a date',
      `"lessons": {${KEPT_LESSON}}, "items": {${KEPT_ITEM}, "k": {${ITEM}, "due": "soon"}}`,
      'items.k.due: is "soon", not a date',
    ],
    [
      'a bad status',
      `"lessons": {${KEPT_LESSON}, "x": {"status": "maybe"}}, "items": {${KEPT_ITEM}}`,
      'lessons.x.status: is "maybe"',
    ],
    [
      'a score that is not a number',
      `"lessons": {${KEPT_LESSON}, "x": {"status": "done", "attempts": 1, "updatedAt": "2026-01-01T00:00:00Z", "score": {"correct": "all", "total": 2}}}, "items": {${KEPT_ITEM}}`,
      'lessons.x.score.correct: is "all"',
    ],
    [
      'attempts missing',
      `"lessons": {${KEPT_LESSON}, "x": {"status": "done", "updatedAt": "2026-01-01T00:00:00Z"}}, "items": {${KEPT_ITEM}}`,
      'lessons.x.attempts: is undefined',
    ],
    [
      'lastLesson not a string',
      `"lastLesson": 3, "lessons": {${KEPT_LESSON}}, "items": {${KEPT_ITEM}}`,
      'lastLesson: is not a string',
    ],
  ])(
    'leaves out %s, keeps the rest, and copies the file as it was to .bak',
    async (_what, body, problem) => {
      const text = `{"version": 1, ${body}}`;
      await writeFile(join(dir, PROGRESS_FILE), text);
      const { store, warning } = await ProgressStore.open({ dir });
      expect(warning).toContain(`an entry of the wrong shape (${problem}`);
      expect(warning).toMatch(
        /, left out; the rest was kept, and the file as it was is saved as .*progress\.json\.bak\.$/,
      );
      expect(store.lesson('kept')?.score).toEqual({ correct: 2, total: 2 });
      expect(store.data.items['quiz:d:kept']).toMatchObject({ box: 2 });
      expect(store.data.items['k']).toBeUndefined();
      expect(store.lesson('x')).toBeUndefined();
      expect(await readFile(join(dir, `${PROGRESS_FILE}.bak`), 'utf8')).toBe(text);
      // The item is answered again (this threw RangeError), and the save keeps everything else.
      const warnings: string[] = [];
      const { store: again } = await ProgressStore.open({
        dir,
        onWarning: (m) => warnings.push(m),
      });
      again.recordItem('k', false);
      expect(await again.save()).toBe(true);
      const saved = JSON.parse(await readFile(join(dir, PROGRESS_FILE), 'utf8'));
      expect(saved.lessons['kept']).toMatchObject({ status: 'done' });
      expect(saved.items['quiz:d:kept']).toMatchObject({ box: 2 });
      expect(saved.items['k']).toMatchObject({ lastResult: false, box: 1 });
      expect(warnings).toEqual([]);
      // The file is whole again: no further warning, no second copy.
      expect((await ProgressStore.open({ dir })).warning).toBeUndefined();
      expect((await readdir(dir)).filter((f) => f.includes('.bak'))).toEqual([
        `${PROGRESS_FILE}.bak`,
      ]);
    },
  );

  it('never overwrites an earlier .bak', async () => {
    await writeFile(join(dir, PROGRESS_FILE), 'first');
    await ProgressStore.open({ dir });
    await writeFile(join(dir, PROGRESS_FILE), 'second');
    const { warning } = await ProgressStore.open({ dir });
    expect(warning).toMatch(/progress\.json\.bak\.1/);
    expect(await readFile(join(dir, `${PROGRESS_FILE}.bak`), 'utf8')).toBe('first');
    expect(await readFile(join(dir, `${PROGRESS_FILE}.bak.1`), 'utf8')).toBe('second');
  });

  // Issue 12 item 11: an unreadable file used to stop the command (exit 2); now the command does its job and never writes over it.
  it('does the job without touching a file it is not allowed to read, and says so once', async () => {
    const warnings: string[] = [];
    await mkdir(join(dir, PROGRESS_FILE), { recursive: true }); // unreadable as a file, even for root
    const { store, warning } = await ProgressStore.open({
      dir,
      onWarning: (m) => warnings.push(m),
    });
    expect(warning).toMatch(/Cannot read your progress file .*EISDIR.*will not save/);
    store.recordItem('k', true);
    expect(await store.save()).toBe(false);
    expect(store.data.items['k']).toMatchObject({ seen: 1 });
    expect(await readdir(join(dir, PROGRESS_FILE))).toEqual([]);
  });

  it('an unwritable data directory: the answers stay in memory, one warning for many saves, no throw', async () => {
    const file = join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    const warnings: string[] = [];
    const { store, warning } = await ProgressStore.open({
      dir: join(file, 'home'),
      onWarning: (m) => warnings.push(m),
    });
    expect(warning).toBeUndefined();
    await store.start('seven-steps');
    for (let i = 0; i < 3; i++) {
      store.recordItem(`k${i}`, true);
      expect(await store.save()).toBe(false);
    }
    await store.finish('seven-steps', { correct: 1, total: 1 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot be saved in .*not-a-folder.*\(ENOTDIR\).*OAUTH_TUTOR_HOME/);
    expect(store.data.lessons['seven-steps']).toMatchObject({ status: 'done' });
    expect(Object.keys(store.data.items)).toEqual(['k0', 'k1', 'k2']);
  });

  it.skipIf(process.getuid?.() === 0)(
    'a read-only data directory (not root): one warning, no throw',
    async () => {
      await chmod(dir, 0o555);
      const warnings: string[] = [];
      const { store } = await ProgressStore.open({ dir, onWarning: (m) => warnings.push(m) });
      await store.start('x');
      expect(warnings).toEqual([expect.stringMatching(/EACCES/)]);
      await chmod(dir, 0o755);
    },
  );
});

// Issue 12 item 9: progress was read once and written back whole, so two runs at once lost each other's answers.
describe('ProgressStore with two runs at once', () => {
  it('a long-open session merges on save: it never writes back a stale copy over what another run saved', async () => {
    const lesson = (await ProgressStore.open({ dir, now: fixed })).store;
    const quiz = (await ProgressStore.open({ dir, now: fixed })).store;
    await lesson.start('seven-steps');
    quiz.recordItem('quiz:a', true);
    await quiz.save();
    await quiz.finish('vocabulary', { correct: 3, total: 4 });
    lesson.recordItem('vocabulary:client-id', false);
    await lesson.save();
    await lesson.finish('seven-steps', { correct: 1, total: 1 });
    const saved = (await ProgressStore.open({ dir })).store.data;
    expect(Object.keys(saved.lessons).sort()).toEqual(['seven-steps', 'vocabulary']);
    expect(Object.keys(saved.items).sort()).toEqual(['quiz:a', 'vocabulary:client-id']);
    expect(saved.lastLesson).toBe('seven-steps');
    // …and the long-open session now sees the other run's work too.
    expect(lesson.data.items['quiz:a']).toBeDefined();
  });

  it('the same item answered in two runs counts both answers', async () => {
    const a = (await ProgressStore.open({ dir, now: fixed })).store;
    const b = (await ProgressStore.open({ dir, now: fixed })).store;
    a.recordItem('k', true);
    b.recordItem('k', false);
    await a.save();
    await b.save();
    expect((await ProgressStore.open({ dir })).store.data.items['k']).toMatchObject({
      seen: 2,
      correct: 1,
      lastResult: false,
    });
  });

  it('many processes, each recording distinct items at the same time: none is lost', async () => {
    const tags = Array.from({ length: 8 }, (_, i) => `p${i}`);
    const saved = (await Promise.all(tags.map((t) => runWriter(t, 5)))).flatMap((w) => w.saved);
    expect(saved).toHaveLength(40);
    const text = await readFile(join(dir, PROGRESS_FILE), 'utf8');
    const parsed = parseProgress(text);
    expect(parsed.ok).toBe(true);
    expect(Object.keys(parsed.ok ? parsed.progress.items : {}).sort()).toEqual([...saved].sort());
    expect(await readdir(dir)).toEqual([PROGRESS_FILE]);
  }, 60_000);

  // Where a kill -9 can cut a save: before any of its file-system calls that change the
  // folder (take the lock, make the temp file, write it, sync, rename, unlock…); a kill
  // before a read leaves the same files as one before the next change. The writer counts
  // its calls and kills itself before the chosen one (test/fixtures/progress-writer.mjs),
  // so each such point is reached once, in a save and in the clean-up that the next start
  // makes of a killed run's leftovers (break the stale lock, delete the temp file,
  // unlock). A few kills by timer land wherever the machine puts them, mid-call too.
  it('kill -9 at every change a save or the clean-up after one makes: every confirmed save survives, and the next start leaves no temp file and a valid file', async () => {
    const confirmed: string[] = [];
    let runs = 0;
    const killed = async (kill: Kill) => {
      const { saved } = await runWriter(`r${runs++}`, 0, kill);
      confirmed.push(...saved);
      // A lock left by a killed run is broken once it is older than proper-lockfile's
      // `stale` time (2 s). Rather than wait 2 s per run, date the lock back as if the
      // next run started later.
      await ageLock();
    };
    /** The calls that change the folder, in phase `phase` (0: opening the store, 2: the second save) of a run from the folder as it is now. */
    const changes = async (
      phase: number,
      count: number,
    ): Promise<{ at: string; name: string }[]> => {
      const { stderr } = await runWriter(`t${runs++}`, count, { at: 'trace' });
      const steps = stderr
        .split('\n')
        .map((line) => /^(\d+:\d+) (?:promises\.)?(\w+)$/.exec(line))
        .filter((m) => m !== null && m[1]?.startsWith(`${phase}:`) === true)
        .map((m) => ({ at: m?.[1] ?? '', name: m?.[2] ?? '' }));
      return steps.filter((s) => CHANGES.includes(s.name));
    };
    const hasTempFile = async () =>
      (await readdir(dir)).some((f) => /^progress\.json\.\d+$/.test(f));

    const save = await changes(2, 2);
    expect(save.map((s) => s.name)).toEqual(
      expect.arrayContaining(['mkdir', 'open', 'write', 'fsync', 'rename', 'rmdir']),
    );
    // Leftovers: a lock, and a temp file written in full; what opening the store then changes.
    const beforeRename = save.find((s) => s.name === 'rename') ?? { at: '' };
    await killed(beforeRename);
    expect(await hasTempFile()).toBe(true);
    const cleanUp = await changes(0, 1);
    expect(cleanUp.map((s) => s.name)).toEqual(expect.arrayContaining(['rmdir', 'mkdir', 'rm']));
    // Each clean-up is cut right after a save was cut leaving a temp file (or after one made for it).
    const cleanUpKills = [...cleanUp];
    for (const at of save) {
      await killed(at);
      const next = (await hasTempFile()) ? cleanUpKills.shift() : undefined;
      if (next !== undefined) await killed(next);
    }
    for (const at of cleanUpKills) {
      await killed(beforeRename);
      await killed(at);
    }
    for (const afterMs of [0, 11, 29]) await killed({ afterMs });
    // The last lock is not aged: the final open waits for it to go stale for real.
    confirmed.push(...(await runWriter(`r${runs++}`, 0, beforeRename)).saved);

    const { store, warning } = await ProgressStore.open({ dir });
    expect(warning).toBeUndefined();
    expect(await readdir(dir)).toEqual([PROGRESS_FILE]);
    expect(confirmed.length).toBeGreaterThan(save.length);
    for (const key of confirmed) expect(store.data.items[key], key).toBeDefined();
    expect(parseProgress(await readFile(join(dir, PROGRESS_FILE), 'utf8')).ok).toBe(true);
  }, 180_000);
});
