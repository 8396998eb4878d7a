/**
 * The learner's progress, as JSON in their data directory. Writes are atomic
 * (temp file + rename, via write-file-atomic), so a crash or Ctrl-C mid-write
 * never leaves half a file. A file that cannot be read as progress is moved
 * aside (never deleted) and a fresh one is started; the caller tells the
 * learner in one line.
 */
import { mkdir, readFile, rename, access } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { dataDir } from './paths.js';
import { nextSchedule } from '../quiz/schedule.js';
import { isObject } from '../problems.js';
import { TutorError } from '../errors.js';

export interface Score {
  correct: number;
  total: number;
}

export interface LessonProgress {
  status: 'started' | 'done';
  /** The last finished attempt's score. */
  score?: Score;
  /** The best finished attempt's score. */
  best?: Score;
  attempts: number;
  updatedAt: string;
}

/** Per-item history (vocabulary cards, later quiz items), for spaced review. */
export interface ItemProgress {
  seen: number;
  correct: number;
  lastResult: boolean;
  lastSeen: string;
  /** Leitner box (1 = every review) and when the item is due again. */
  box?: number;
  due?: string;
  /** Where the item comes from when it is not built in (a deck file), so that review can ask it again. */
  source?: string;
}

export interface Progress {
  version: 1;
  /** The lesson the learner was last in, to resume there. */
  lastLesson?: string;
  lessons: Record<string, LessonProgress>;
  items: Record<string, ItemProgress>;
}

export const PROGRESS_FILE = 'progress.json';

export function emptyProgress(): Progress {
  return { version: 1, lessons: {}, items: {} };
}

export interface OpenedProgress {
  store: ProgressStore;
  /** Set when an unreadable file was moved aside: one line for the learner. */
  warning?: string;
}

export class ProgressStore {
  private constructor(readonly file: string, public data: Progress, private readonly now: () => Date) {}

  static async open(opts: { dir?: string; now?: () => Date } = {}): Promise<OpenedProgress> {
    const dir = opts.dir ?? dataDir();
    const file = join(dir, PROGRESS_FILE);
    const now = opts.now ?? (() => new Date());
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { store: new ProgressStore(file, emptyProgress(), now) };
      if (code === 'EISDIR') {
        throw new TutorError('ERR_INPUT', `The progress file ${file} is a directory.`, { hint: 'Move it away, or set OAUTH_TUTOR_HOME to another folder.' });
      }
      // Unreadable (permissions…): we must not overwrite it either.
      throw new TutorError('ERR_INPUT', `Cannot read your progress file ${file} (${code ?? 'error'}).`, {
        hint: 'Check its permissions, or set OAUTH_TUTOR_HOME to another folder.',
        cause: error,
      });
    }
    const parsed = parseProgress(text);
    if (parsed !== undefined) return { store: new ProgressStore(file, parsed, now) };
    const aside = await freeName(`${file}.bak`);
    await rename(file, aside);
    return {
      store: new ProgressStore(file, emptyProgress(), now),
      warning: `Your progress file could not be read; it was moved to ${aside} and a fresh one was started.`,
    };
  }

  async save(): Promise<void> {
    await mkdir(join(this.file, '..'), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(this.data, null, 2) + '\n', { mode: 0o600 });
  }

  lesson(id: string): LessonProgress | undefined {
    return this.data.lessons[id];
  }

  /** Marks a lesson as begun and remembers it for resuming. */
  async start(id: string): Promise<void> {
    const current = this.data.lessons[id];
    this.data.lastLesson = id;
    this.data.lessons[id] = current ?? { status: 'started', attempts: 0, updatedAt: this.stamp() };
    await this.save();
  }

  /** Records a finished attempt. `passed` marks the lesson done (it stays done). */
  async finish(id: string, score: Score, passed = true): Promise<void> {
    const current = this.data.lessons[id];
    const best = current?.best === undefined || ratio(score) > ratio(current.best) ? score : current.best;
    this.data.lessons[id] = {
      status: passed || current?.status === 'done' ? 'done' : 'started',
      score,
      best,
      attempts: (current?.attempts ?? 0) + 1,
      updatedAt: this.stamp(),
    };
    await this.save();
  }

  /** Records one answer to an item (a card, a quiz question) and reschedules it. Saved with the next save(). */
  recordItem(key: string, correct: boolean, source?: string): void {
    const current = this.data.items[key];
    const { box, due } = nextSchedule(current?.box, correct, this.now());
    const item: ItemProgress = { seen: (current?.seen ?? 0) + 1, correct: (current?.correct ?? 0) + (correct ? 1 : 0), lastResult: correct, lastSeen: this.stamp(), box, due };
    const from = source ?? current?.source;
    if (from !== undefined) item.source = from;
    this.data.items[key] = item;
  }

  async reset(): Promise<void> {
    this.data = emptyProgress();
    await this.save();
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

function ratio(s: Score): number {
  return s.total === 0 ? 0 : s.correct / s.total;
}

/** Parses a progress file; undefined when it is not one we can trust. */
export function parseProgress(text: string): Progress | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || value['version'] !== 1 || !isObject(value['lessons'])) return undefined;
  for (const entry of Object.values(value['lessons'])) {
    if (!isObject(entry) || (entry['status'] !== 'started' && entry['status'] !== 'done')) return undefined;
  }
  const items = isObject(value['items']) ? value['items'] : {};
  return { ...(value as unknown as Progress), items: items as unknown as Progress['items'] };
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
