/**
 * The shape of progress.json, and the type guard that reads it. The whole
 * file is checked, field by field, before anything uses it: a file of the
 * wrong shape (a hand edit, `"box": "x"`, a file from another tool) is
 * rejected with the first thing that is wrong, never cast and used.
 * `salvageProgress` keeps what can be kept: one lesson or item of the wrong
 * shape is left out (and named) instead of the whole file.
 */
import { isObject } from '../json.js';
import { MAX_BOX } from '../quiz/schedule.js';

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
  /** An unfinished sitting, saved with every answer so that "resume" continues where the learner stopped. */
  sitting?: Sitting;
}

/**
 * Where an unfinished lesson stands: the seed it was played with and one
 * number per answer given so far (the option chosen for a card, the credit
 * earned for a written answer; never the learner's words). Replaying them
 * rebuilds the exact position, and the final score counts every sitting.
 */
export interface Sitting {
  seed?: string;
  /** For a workshop: how many of its parts the learner has read. */
  section?: number;
  answers: number[];
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

export function emptyProgress(): Progress {
  return { version: 1, lessons: {}, items: {} };
}

export type ParsedProgress = { ok: true; progress: Progress } | { ok: false; problem: string };

/** Parses a progress file's text: the progress, or what is wrong with it. */
export function parseProgress(text: string): ParsedProgress {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  try {
    return { ok: true, progress: readProgress(value) };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, problem: error.message };
    throw error;
  }
}

export type SalvagedProgress =
  | { ok: true; progress: Progress; dropped: string[] }
  | { ok: false; problem: string };

/**
 * Like parseProgress, but an entry of the wrong shape (a lesson, an item,
 * lastLesson) is left out and named in `dropped` instead of failing the whole
 * file. A file that is not JSON, not version 1 or not shaped like a progress
 * file at all still fails.
 */
export function salvageProgress(text: string): SalvagedProgress {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const dropped: string[] = [];
  try {
    return { ok: true, progress: readProgress(value, (problem) => dropped.push(problem)), dropped };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, problem: error.message };
    throw error;
  }
}

class ShapeError extends Error {}

/** Reads one entry; with `drop`, an entry of the wrong shape is reported to it and left out. */
function entry<T>(read: () => T, drop: ((problem: string) => void) | undefined): T | undefined {
  if (drop === undefined) return read();
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    drop(error.message);
    return undefined;
  }
}

function fail(where: string, what: string): never {
  throw new ShapeError(`${where}: ${what}`);
}

function readProgress(v: unknown, drop?: (problem: string) => void): Progress {
  if (!isObject(v)) fail('the file', 'is not an object');
  if (v['version'] !== 1) fail('version', `is ${JSON.stringify(v['version'])}, not 1`);
  if (!isObject(v['lessons'])) fail('lessons', 'is not an object');
  // Files from before items were recorded have no "items".
  const items = v['items'] === undefined ? {} : v['items'];
  if (!isObject(items)) fail('items', 'is not an object');
  const p: Progress = { version: 1, lessons: {}, items: {} };
  const last = v['lastLesson'];
  if (last !== undefined) {
    const lastLesson = entry(() => str(last, 'lastLesson'), drop);
    if (lastLesson !== undefined) p.lastLesson = lastLesson;
  }
  for (const [id, value] of Object.entries(v['lessons'])) {
    const lesson = entry(() => readLesson(value, `lessons.${id}`), drop);
    if (lesson !== undefined) p.lessons[id] = lesson;
  }
  for (const [key, value] of Object.entries(items)) {
    const item = entry(() => readItem(value, `items.${key}`), drop);
    if (item !== undefined) p.items[key] = item;
  }
  return p;
}

function readLesson(v: unknown, at: string): LessonProgress {
  if (!isObject(v)) fail(at, 'is not an object');
  const status = v['status'];
  if (status !== 'started' && status !== 'done')
    fail(`${at}.status`, `is ${JSON.stringify(status)}, not "started" or "done"`);
  const l: LessonProgress = {
    status,
    attempts: count(v['attempts'], `${at}.attempts`),
    updatedAt: date(v['updatedAt'], `${at}.updatedAt`),
  };
  if (v['score'] !== undefined) l.score = score(v['score'], `${at}.score`);
  if (v['best'] !== undefined) l.best = score(v['best'], `${at}.best`);
  if (v['sitting'] !== undefined) l.sitting = sitting(v['sitting'], `${at}.sitting`);
  return l;
}

function readItem(v: unknown, at: string): ItemProgress {
  if (!isObject(v)) fail(at, 'is not an object');
  if (typeof v['lastResult'] !== 'boolean') fail(`${at}.lastResult`, 'is not true or false');
  const item: ItemProgress = {
    seen: count(v['seen'], `${at}.seen`),
    correct: count(v['correct'], `${at}.correct`),
    lastResult: v['lastResult'],
    lastSeen: date(v['lastSeen'], `${at}.lastSeen`),
  };
  if (v['box'] !== undefined) {
    const box = count(v['box'], `${at}.box`);
    if (box > MAX_BOX) fail(`${at}.box`, `is ${box}, above the last box (${MAX_BOX})`);
    item.box = box;
  }
  if (v['due'] !== undefined) item.due = date(v['due'], `${at}.due`);
  if (v['source'] !== undefined) item.source = str(v['source'], `${at}.source`);
  return item;
}

function score(v: unknown, at: string): Score {
  if (!isObject(v)) fail(at, 'is not an object');
  // A partly right written answer earns half a point: "correct" may be 1.5.
  return {
    correct: amount(v['correct'], `${at}.correct`),
    total: count(v['total'], `${at}.total`),
  };
}

function sitting(v: unknown, at: string): Sitting {
  if (!isObject(v)) fail(at, 'is not an object');
  const answers = v['answers'];
  if (!Array.isArray(answers)) fail(`${at}.answers`, 'is not a list');
  const s: Sitting = { answers: answers.map((a, i) => amount(a, `${at}.answers[${i}]`)) };
  if (v['seed'] !== undefined) s.seed = str(v['seed'], `${at}.seed`);
  if (v['section'] !== undefined) s.section = count(v['section'], `${at}.section`);
  return s;
}

function amount(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    fail(at, `is ${JSON.stringify(v)}, not a number ≥ 0`);
  return v;
}

function count(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    fail(at, `is ${JSON.stringify(v)}, not a whole number ≥ 0`);
  return v;
}

function str(v: unknown, at: string): string {
  if (typeof v !== 'string') fail(at, 'is not a string');
  return v;
}

function date(v: unknown, at: string): string {
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v)))
    fail(at, `is ${JSON.stringify(v)}, not a date`);
  return v;
}
