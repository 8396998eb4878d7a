/**
 * `oauth-tutor check <files|dirs…>`: grade written review answers item by
 * item. One report per file; with several, a class summary and optionally
 * `--report class.csv|class.json`. Exit 0 when the run worked (even with wrong
 * answers), 1 with --strict when anything is not correct, 2 when no file
 * could be read.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { createGrader, type GradedSheet } from '../../grader/grade.js';
import { summarize, type FileGrade } from '../../grader/summary.js';
import type { ItemResult, Verdict } from '../../grader/evaluate.js';
import { decodeSheet, MAX_SHEET_BYTES, type DecodeResult } from '../../grader/text.js';
import { gradingKit } from '../../tutor/grading-kit.js';
import { findLesson, lessonContent, requireLessons } from '../../tutor/lessons.js';
import { errnoCode, EXIT, ExitError, TutorError, unreadable, usage } from '../../errors.js';
import { c, err, outRaw, printJson, warn } from '../output.js';
import { printSheetReport, itemLabels } from '../check-view.js';
import { streamJsonArray } from '../json-stream.js';
import type { CheckCliOptions } from '../program.js';
import { reviewKey } from '../../quiz/review-key.js';

const SHEET_EXTENSIONS = new Set(['.md', '.markdown', '.txt', '.text', '']);

export async function check(opts: CheckCliOptions, paths: readonly string[]): Promise<void> {
  const set = await requireLessons(undefined, { only: ['review', 'seven-steps'] });
  const kit = gradingKit(set);
  if (opts.template) {
    // Only --template shuffles the steps: its modules stay off the start-up of grading.
    const [{ answerTemplate }, { labelSteps }, { randomSeed }] = await Promise.all([
      import('../../grader/template.js'),
      import('../../tutor/ordering.js'),
      import('../../random.js'),
    ]);
    const ordering = lessonContent(findLesson(set, 'seven-steps'), 'ordering');
    const steps = labelSteps(ordering, opts.seed ?? randomSeed());
    outRaw(
      answerTemplate(
        kit,
        steps.map((s) => s.text),
      ),
    );
    return;
  }
  if (paths.length === 0)
    throw usage(
      'Name the answer file(s) to check, e.g. `oauth-tutor check answers.md`.',
      'Start from a blank sheet with `oauth-tutor check --template > answers.md`.',
    );
  if (opts.report !== undefined && !/\.(csv|json)$/i.test(opts.report))
    throw usage(`--report ${opts.report}: the file name must end in .csv or .json.`);

  const files = await expand(paths);
  // A learner checking their own sheet gets what was not right queued for review; a data
  // directory that can never hold it is bad input, said before any grading (exit 2).
  const queue = opts.save !== false && files.length === 1;
  if (queue) await (await import('../data-dir.js')).ensureDataDir();
  // The rubric's 146 expressions, each run a few times on one sheet: V8 first compiles each to
  // bytecode, then compiles it again to machine code on its second run ("tier-up"), which for one
  // sheet was a fifth of the whole command. Compiled once, straight to machine code, they cost a
  // third of that; a class run compiles them to machine code all the same. (A V8 flag read when
  // an expression is first run: set here, before any is, and set back before the review queue's
  // modules load: V8 rejects a code cache made under other flags, and would compile them from
  // their source, bin/code-cache.cjs.)
  setFlagsFromString('--no-regexp-tier-up');
  const grade = createGrader(kit);
  // With --json, each sheet's report is written once it is graded and only what the class
  // summary needs is kept: 10,000 sheets never sit in memory together in one report (or one string).
  // The grader hands every sheet with the same answer the same result object, never changed
  // afterwards: the stream stringifies each once.
  const stream =
    opts.json && !opts.summary
      ? streamJsonArray('files', process.stdout, { reuse: true })
      : undefined;
  const grades: FileGrade[] = [];
  for (const f of files) {
    // One file at a time, synchronously: a sheet is a few KB, and a synchronous read costs a
    // tenth of the CPU of fs/promises' five round trips through the thread pool (open, stat,
    // stat, read, close), which was a third of a 10,000-sheet run.
    const read = f.error === undefined ? readSheet(f.path) : { ok: false as const, error: f.error };
    const g: FileGrade = read.ok
      ? { file: f.path, sheet: grade(read.text) }
      : { file: f.path, error: read.error };
    if (stream !== undefined)
      await stream.item(g.sheet ? { file: g.file, ...g.sheet } : { file: g.file, error: g.error });
    grades.push(
      stream !== undefined && g.sheet !== undefined && files.length > 1
        ? { file: g.file, sheet: forSummary(g.sheet) }
        : g,
    );
  }
  const labels = itemLabels(kit.rubric);
  const summary = grades.length > 1 ? summarize(grades, labels) : undefined;

  if (opts.json) {
    const all = summary ?? summarize(grades, labels);
    if (stream !== undefined) await stream.end({ summary: all });
    else printJson({ summary: all });
  } else if (opts.summary) {
    const { printClassSummary } = await import('../class-summary-view.js');
    printClassSummary(summary ?? summarize(grades, labels));
  } else if (!(grades.length === 1 && grades[0]?.error !== undefined)) {
    // One file that cannot be read is said once, by the error below.
    for (const g of grades) printSheetReport(g, kit);
    if (summary !== undefined)
      (await import('../class-summary-view.js')).printClassSummary(summary);
  }
  if (!opts.json && grades.length > 1)
    for (const g of grades) if (g.error !== undefined) err(`${g.file}: ${g.error}`);

  if (opts.report !== undefined) {
    const body = /\.csv$/i.test(opts.report)
      ? (await import('../class-csv.js')).classCsv(grades)
      : JSON.stringify(summarize(grades, labels), null, 2) + '\n';
    await writeFile(opts.report, body).catch((error: unknown) => {
      throw new TutorError(
        'ERR_INPUT',
        `Cannot write the report to ${opts.report} (${errnoCode(error) ?? 'error'}).`,
        { hint: 'Choose a folder you can write to.', cause: error },
      );
    });
    err(`Class report written to ${opts.report}`);
  }

  // A learner checking their own sheet: what was not right enters their review queue (`quiz --review`).
  const [first] = grades;
  if (queue && first?.sheet !== undefined) {
    setFlagsFromString('--regexp-tier-up'); // its modules' code caches were made under the default
    await queueForReview(first.sheet);
  }

  if (grades.every((g) => g.error !== undefined)) {
    throw new TutorError(
      'ERR_INPUT',
      grades.length === 1 && first !== undefined
        ? `Could not check ${first.file}: ${first.error}.`
        : `None of the ${grades.length} files could be checked.`,
      {
        hint: 'Give a markdown or text file with your answers; `oauth-tutor check --template` prints a blank sheet.',
      },
    );
  }
  if (opts.strict && grades.some((g) => g.sheet === undefined || !allCorrect(g.sheet)))
    throw new ExitError(EXIT.FAILED);
}

async function queueForReview(sheet: GradedSheet): Promise<void> {
  const missed = [
    ...Object.entries(sheet.questions).map(
      ([id, r]) => [reviewKey({ kind: 'review', item: 'question', id }), r.verdict] as const,
    ),
    ...Object.entries(sheet.vocabulary).map(
      ([id, r]) => [reviewKey({ kind: 'review', item: 'term', id }), r.verdict] as const,
    ),
  ].filter(([, verdict]) => verdict !== 'correct');
  if (missed.length === 0) return;
  // The grades are printed and stand; only the review queue may not be kept, said once.
  const notSaved = (why: string) =>
    warn(
      `Your review queue was not saved (${why.replace(/\.$/, '')}); the grades above stand. Use --no-save to skip saving.`,
    );
  try {
    const { openProgress } = await import('../session.js'); // only when a review queue is kept
    const store = await openProgress({ quietSaveFailure: true }); // the one line below says it
    for (const [key] of missed) store.recordItem(key, false);
    if (!(await store.save())) {
      notSaved(store.unsaved ?? 'the data folder cannot be written');
      return;
    }
  } catch (error) {
    notSaved(
      error instanceof TutorError
        ? error.message
        : (errnoCode(error) ?? (error instanceof Error ? error.message : String(error))),
    );
    return;
  }
  err(
    c.dim(
      `${missed.length} item${missed.length > 1 ? 's' : ''} added to your review queue: \`oauth-tutor quiz --review\` (--no-save to skip).`,
    ),
  );
}

/** An item's result with only its verdict: one per verdict, shared by every sheet (never changed). */
const verdictOnly = (verdict: Verdict): ItemResult => ({
  verdict,
  feedback: '',
  found: [],
  missing: [],
  model: '',
  misconceptions: [],
});
const VERDICT_ONLY: Record<Verdict, ItemResult> = {
  correct: verdictOnly('correct'),
  partial: verdictOnly('partial'),
  incorrect: verdictOnly('incorrect'),
  missing: verdictOnly('missing'),
};

/** A graded sheet with only what the class summary, the CSV and --strict read: verdicts, misconceptions, score. */
function forSummary(sheet: GradedSheet): GradedSheet {
  const slim = (items: GradedSheet['questions']) => {
    const out: GradedSheet['questions'] = {};
    for (const [id, r] of Object.entries(items)) out[id] = VERDICT_ONLY[r.verdict];
    return out;
  };
  return {
    score: sheet.score,
    ordering: { ...sheet.ordering, misplaced: [] },
    questions: slim(sheet.questions),
    vocabulary: slim(sheet.vocabulary),
    misconceptions: sheet.misconceptions,
    reflections: [],
  };
}

function allCorrect(s: GradedSheet): boolean {
  return (
    s.ordering.verdict === 'correct' &&
    [...Object.values(s.questions), ...Object.values(s.vocabulary)].every(
      (r) => r.verdict === 'correct',
    )
  );
}

interface Candidate {
  path: string;
  error?: string;
}

/** Files by name; folders give their answer-sheet files (recursively, sorted). */
async function expand(paths: readonly string[]): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const p of paths) {
    const info = await stat(p).catch((error: unknown) => ({ error }));
    if ('error' in info) {
      out.push({ path: p, error: unreadable(info.error) });
    } else if (info.isDirectory()) {
      const entries = (await readdir(p, { recursive: true, withFileTypes: true }))
        .filter(
          (e) =>
            e.isFile() &&
            SHEET_EXTENSIONS.has(extname(e.name).toLowerCase()) &&
            !e.name.startsWith('.'),
        )
        .map((e) => join(e.parentPath, e.name))
        .sort();
      if (entries.length === 0)
        out.push({ path: p, error: 'no answer files (.md or .txt) in this folder' });
      for (const e of entries) out.push({ path: relative(process.cwd(), e) || e });
    } else {
      out.push({ path: p });
    }
  }
  return out;
}

/** One buffer for every read: a sheet is decoded into a string before the next is read. */
let readBuffer: Buffer | undefined;

function readSheet(path: string): DecodeResult {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    // Up to one byte over the limit, without a stat first (the size is asked only of a file too large).
    const buffer = (readBuffer ??= Buffer.allocUnsafe(MAX_SHEET_BYTES + 1));
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > MAX_SHEET_BYTES) {
      const { size } = fstatSync(fd);
      return {
        ok: false,
        error: `file is larger than the 1 MB limit (${(size / 1024 / 1024).toFixed(1)} MB)`,
      };
    }
    return decodeSheet(buffer.subarray(0, length));
  } catch (error) {
    return { ok: false, error: unreadable(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
