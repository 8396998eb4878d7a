/**
 * The learner's progress, kept in JSON in their data directory, safe against two
 * runs at once and against a directory it cannot write.
 *
 * - Every change is kept as a small function and applied at save time to the
 *   file as it is *then*, read under a lock (proper-lockfile): a lesson left
 *   open for an hour merges its answers into what a quiz saved meanwhile
 *   instead of writing back its stale copy. Nothing another run saved is lost.
 * - Writes are atomic (temp file + rename, via write-file-atomic). A run killed
 *   mid-write leaves a temp file and perhaps a stale lock: the next run takes
 *   the lock (proper-lockfile breaks a lock older than its `stale` time) and
 *   deletes the temp files, which only a dead process can own since every
 *   writer holds the lock.
 * - A lesson or item of the wrong shape (a hand edit, `"box": "x"`) is left
 *   out and everything else kept; the file as it was is copied to .bak first.
 *   A file that is not a progress file at all is moved aside to .bak (never
 *   deleted) and a fresh one is started. Either way the caller tells the
 *   learner in one line.
 * - When the directory cannot be written (permissions, a read-only disk, a
 *   file where the folder should be), the command still does its job: the
 *   store says so once through `onWarning` and keeps the changes in memory.
 */
import { access, copyFile, mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { dataDir } from './paths.js';
import { errnoCode } from '../errors.js';
import { nextSchedule } from '../quiz/schedule.js';
import {
  emptyProgress,
  salvageProgress,
  type ItemProgress,
  type LessonProgress,
  type Progress,
  type Score,
  type Sitting,
} from './progress-schema.js';

export {
  emptyProgress,
  parseProgress,
  type ItemProgress,
  type LessonProgress,
  type Progress,
  type Score,
  type Sitting,
} from './progress-schema.js';

export const PROGRESS_FILE = 'progress.json';

export interface OpenedProgress {
  store: ProgressStore;
  /** Set when an unreadable file was moved aside: one line for the learner. */
  warning?: string;
}

export interface ProgressStoreOptions {
  dir?: string;
  now?: () => Date;
  /** Told, once per store, when progress cannot be saved, and when a broken file is found at save time. */
  onWarning?: (message: string) => void;
}

/** A change to the learner's progress, applied to whatever the file holds when it is saved. */
type Change = (p: Progress) => void;

/** Writers hold the lock for milliseconds; a lock this old belongs to a killed run (2 s is proper-lockfile's minimum). */
const LOCK_STALE_MS = 2_000;
/** Waits up to ~15 s for another run's save (many runs at once, or a killed run's lock going stale). */
const LOCK_RETRIES = { retries: 80, factor: 1.3, minTimeout: 5, maxTimeout: 200, randomize: true };

export class ProgressStore {
  private pending: Change[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private warned = false;
  /** Texts of the file already copied aside by this run (their bad entries are then just left out). */
  private readonly copied = new Set<string>();

  private constructor(
    readonly file: string,
    public data: Progress,
    private readonly now: () => Date,
    private readonly onWarning: (message: string) => void,
    /** Set when the file must not be written by this run (it could not be read, nor moved aside). */
    private readonly frozen?: string,
  ) {}

  static async open(opts: ProgressStoreOptions = {}): Promise<OpenedProgress> {
    const dir = opts.dir ?? dataDir();
    const file = join(dir, PROGRESS_FILE);
    const now = opts.now ?? (() => new Date());
    const onWarning = opts.onWarning ?? (() => undefined);
    await cleanUpAfterKilledRuns(file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = errnoCode(error);
      // No file yet, or no such folder (a file where the folder should be): start fresh; saving will say if it cannot.
      if (code === 'ENOENT' || code === 'ENOTDIR')
        return { store: new ProgressStore(file, emptyProgress(), now, onWarning) };
      if (code === undefined) throw error;
      // Unreadable (permissions, a directory…): do the job, but never overwrite what we could not read.
      const why = `Cannot read your progress file ${file} (${code}): this run will not save progress. Check its permissions, or set OAUTH_TUTOR_HOME to another folder.`;
      return { store: new ProgressStore(file, emptyProgress(), now, onWarning, why), warning: why };
    }
    const parsed = salvageProgress(text);
    if (parsed.ok && parsed.dropped.length === 0)
      return { store: new ProgressStore(file, parsed.progress, now, onWarning) };
    if (parsed.ok) {
      // Keep the rest, and write it back at once, so the copy is made once.
      const left = leftOut(parsed.dropped);
      try {
        const copy = await copyAside(file);
        const store = new ProgressStore(file, parsed.progress, now, onWarning);
        store.copied.add(text);
        await store.save();
        return {
          store,
          warning: `Your progress file had ${left}; the rest was kept, and the file as it was is saved as ${copy}.`,
        };
      } catch (error) {
        const code = errnoCode(error);
        if (code === undefined) throw error;
        const why = `Your progress file ${file} had ${left}, and no copy could be made (${code}): this run will not save progress.`;
        return {
          store: new ProgressStore(file, parsed.progress, now, onWarning, why),
          warning: why,
        };
      }
    }
    try {
      const aside = await moveAside(file);
      return {
        store: new ProgressStore(file, emptyProgress(), now, onWarning),
        warning: `Your progress file could not be read (${parsed.problem}); it was moved to ${aside} and a fresh one was started.`,
      };
    } catch (error) {
      const code = errnoCode(error);
      if (code === undefined) throw error;
      const why = `Your progress file ${file} could not be read (${parsed.problem}) nor moved aside (${code}): this run will not save progress.`;
      return { store: new ProgressStore(file, emptyProgress(), now, onWarning, why), warning: why };
    }
  }

  /**
   * Saves every change made since the last save, merged into the file as it is
   * now. Resolves to false (after one warning) when the data directory cannot
   * be written; the changes stay in memory and the next save tries again.
   */
  save(): Promise<boolean> {
    const next = this.queue.then(() => this.saveNow());
    // The queue goes on after a failed save; the failure itself is not lost: `next` rejects for the caller.
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async saveNow(): Promise<boolean> {
    if (this.frozen !== undefined) return false;
    const batch = this.pending.splice(0);
    try {
      await mkdir(dirname(this.file), { recursive: true });
      await withLock(this.file, async () => {
        const current = await this.readForMerge();
        for (const change of batch) change(current);
        // Loaded on the first write: listing or reading progress needs neither library.
        const { writeFileAtomic } = await import('./progress-write.js');
        await writeFileAtomic(this.file, JSON.stringify(current, null, 2) + '\n', { mode: 0o600 });
        // Replay changes made while we were writing, so `data` shows them too.
        for (const change of this.pending) change(current);
        this.data = current;
      });
      this.unsaved = undefined;
      return true;
    } catch (error) {
      this.pending.unshift(...batch);
      const code = errnoCode(error);
      if (code === undefined) throw error;
      this.unsaved =
        code === 'ELOCKED'
          ? `${this.file} is locked by another oauth-tutor`
          : `${dirname(this.file)} cannot be written: ${code}`;
      this.warnOnce(
        code === 'ELOCKED'
          ? `Your progress was not saved: another oauth-tutor kept ${this.file} locked. It is kept in memory and saved with your next answer.`
          : `Your progress cannot be saved in ${dirname(this.file)} (${code}); carry on, but this run will not be remembered. Set OAUTH_TUTOR_HOME to a folder you can write.`,
      );
      return false;
    }
  }

  /** The file as it is now, under the lock: someone else's save is merged, never overwritten. */
  private async readForMerge(): Promise<Progress> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return emptyProgress();
      throw error;
    }
    const parsed = salvageProgress(text);
    if (parsed.ok && parsed.dropped.length > 0 && !this.copied.has(text)) {
      // It went wrong since this run opened it: keep a copy before writing without those entries.
      const copy = await copyAside(this.file);
      this.copied.add(text);
      this.onWarning(
        `Your progress file had come to have ${leftOut(parsed.dropped)}; the rest was kept, and the file as it was is saved as ${copy}.`,
      );
    }
    if (parsed.ok) return parsed.progress;
    const aside = await moveAside(this.file);
    this.onWarning(
      `Your progress file had become unreadable (${parsed.problem}); it was moved to ${aside} and this run's progress was saved in a fresh one.`,
    );
    return emptyProgress();
  }

  /** Why the last save failed, in a few words (undefined after a successful save). */
  unsaved: string | undefined;

  private warnOnce(message: string): void {
    if (this.warned) return;
    this.warned = true;
    this.onWarning(message);
  }

  private change(c: Change): void {
    c(this.data);
    this.pending.push(c);
  }

  lesson(id: string): LessonProgress | undefined {
    return this.data.lessons[id];
  }

  /** Marks a lesson begun and remembers it for resuming. */
  async start(id: string): Promise<void> {
    const stamp = this.stamp();
    this.change((p) => {
      p.lastLesson = id;
      p.lessons[id] ??= { status: 'started', attempts: 0, updatedAt: stamp };
    });
    await this.save();
  }

  /**
   * Remembers where an unfinished lesson stands (merged under the lock like
   * every change). `undefined` forgets it: the learner chose to start over.
   */
  async saveSitting(id: string, sitting: Sitting | undefined): Promise<boolean> {
    const stamp = this.stamp();
    const copy = sitting === undefined ? undefined : { ...sitting, answers: [...sitting.answers] };
    this.change((p) => {
      const current = p.lessons[id] ?? { status: 'started', attempts: 0, updatedAt: stamp };
      if (copy === undefined) delete current.sitting;
      else current.sitting = copy;
      current.updatedAt = stamp;
      p.lessons[id] = current;
    });
    return this.save();
  }

  /** Whether the file exists yet (`progress` says where it will be kept until then). */
  async exists(): Promise<boolean> {
    return access(this.file).then(
      () => true,
      () => false,
    );
  }

  /** Records a finished attempt (and forgets its sitting). `passed` marks the lesson done (it stays done). */
  async finish(id: string, score: Score, passed = true): Promise<void> {
    const stamp = this.stamp();
    this.change((p) => {
      const current = p.lessons[id];
      const best =
        current?.best === undefined || ratio(score) > ratio(current.best) ? score : current.best;
      p.lessons[id] = {
        status: passed || current?.status === 'done' ? 'done' : 'started',
        score,
        best,
        attempts: (current?.attempts ?? 0) + 1,
        updatedAt: stamp,
      };
    });
    await this.save();
  }

  /** Records one answer to an item (a card, a quiz question) and reschedules it. Saved with the next save(). */
  recordItem(key: string, correct: boolean, source?: string): void {
    const now = this.now();
    this.change((p) => {
      const current = p.items[key];
      const { box, due } = nextSchedule(current?.box, correct, now);
      const item: ItemProgress = {
        seen: (current?.seen ?? 0) + 1,
        correct: (current?.correct ?? 0) + (correct ? 1 : 0),
        lastResult: correct,
        lastSeen: now.toISOString(),
        box,
        due,
      };
      const from = source ?? current?.source;
      if (from !== undefined) item.source = from;
      p.items[key] = item;
    });
  }

  /** Erases everything (what is saved now, and what other runs save before this one writes). */
  async reset(): Promise<boolean> {
    this.pending = [];
    this.change((p) => {
      delete p.lastLesson;
      p.lessons = {};
      p.items = {};
    });
    return this.save();
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

function ratio(s: Score): number {
  return s.total === 0 ? 0 : s.correct / s.total;
}

async function freeName(base: string): Promise<string> {
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? base : `${base}.${n}`;
    try {
      await access(candidate);
    } catch {
      return candidate;
    }
  }
}

/** "an entry of the wrong shape (…), left out", for one line to the learner. */
function leftOut(dropped: readonly string[]): string {
  const n = dropped.length;
  return `${n === 1 ? 'an entry' : `${n} entries`} of the wrong shape (${dropped[0] ?? ''}${n > 1 ? ', …' : ''}), left out`;
}

async function copyAside(file: string): Promise<string> {
  const copy = await freeName(`${file}.bak`);
  await copyFile(file, copy);
  return copy;
}

async function moveAside(file: string): Promise<string> {
  const aside = await freeName(`${file}.bak`);
  await rename(file, aside);
  return aside;
}

async function withLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const { lockfile } = await import('./progress-write.js');
  const take = (retries: typeof LOCK_RETRIES | 0) =>
    lockfile.lock(file, {
      realpath: false,
      lockfilePath: `${file}.lock`,
      stale: LOCK_STALE_MS,
      retries,
      // A lock we held too long (the machine stalled): the write is atomic anyway, so carry on.
      onCompromised: () => undefined,
    });
  // proper-lockfile retries on every error, so a folder we cannot write would cost the whole
  // wait (~15 s) before saying so. Only a lock another run holds is worth waiting for.
  const release = await take(0).catch((error: unknown) => {
    if (errnoCode(error) !== 'ELOCKED') throw error;
    return take(LOCK_RETRIES);
  });
  try {
    return await fn();
  } finally {
    // Not released (the lock was compromised, or is gone): the write is done, and a lock
    // left behind goes stale after LOCK_STALE_MS, when the next run takes it. Nothing to tell.
    await release().catch(() => undefined);
  }
}

/** write-file-atomic's temp files are "<file>.<unsigned 32-bit number>". */
function isTempFile(name: string): boolean {
  return name.startsWith(`${PROGRESS_FILE}.`) && /^\d+$/.test(name.slice(PROGRESS_FILE.length + 1));
}

/**
 * Removes what a killed run left: temp files, and (by taking it) a stale lock.
 * Only under the lock, so a temp file being written by a live run is never touched.
 * Best effort: a directory we cannot write is reported when saving, not here.
 */
async function cleanUpAfterKilledRuns(file: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch {
    return;
  }
  const lock = `${basename(file)}.lock`;
  if (!names.some((n) => isTempFile(n) || n === lock)) return;
  try {
    await withLock(file, async () => {
      for (const n of await readdir(dirname(file)))
        if (isTempFile(n)) await rm(join(dirname(file), n), { force: true });
    });
  } catch (error) {
    if (errnoCode(error) === undefined) throw error;
  }
}
