/**
 * Lessons are data: lessons/manifest.yaml lists them in order (id, title,
 * summary, kind, hints, files), markdown files hold the prose, and each
 * exercise's content sits in its own YAML file. This is the one loader; it
 * validates everything it reads and reports every problem with file and
 * field, for `oauth-tutor lessons lint` and for the test suite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Checker } from '../checker.js';
import { formatProblem, type Problem } from '../problems.js';
import type { Json } from '../json.js';
import { orderedSteps, parseOrdering, type OrderingExercise } from './ordering.js';
import { parseVocabulary, type VocabularyDeck } from './vocabulary.js';
import { shippedLessonsDir } from './paths.js';
import { compiledFile } from './compiled.js';
import { parseRubric, type Rubric } from '../grader/rubric.js';
import { learnLiterals } from '../grader/match.js';
import { parseWorkshop, type Workshop } from './workshop.js';
import { errnoCode, TutorError } from '../errors.js';
import { splitProse } from './prose.js';

export const LESSON_KINDS = ['reading', 'ordering', 'vocabulary', 'review', 'workshop'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  kind: LessonKind;
  hints: string[];
  /** Lesson ids worth doing first. */
  requires: string[];
  /** The lesson's markdown as the terminal lesson shows it, when it has any. */
  prose?: string;
  /** The same for a printed handout: without the parts marked for the terminal only (prose.ts). */
  printProse?: string;
  ordering?: OrderingExercise;
  vocabulary?: VocabularyDeck;
  rubric?: Rubric;
  workshop?: Workshop;
}

export interface LessonSet {
  dir: string;
  lessons: Lesson[];
}

const MANIFEST = 'manifest.yaml';

/** The kinds whose content is a data file beside the manifest. */
const DATA_KINDS: readonly LessonKind[] = ['ordering', 'vocabulary', 'review', 'workshop'];

/** Parses a lesson's data file into the field its kind fills; problems go to `c`. */
function addData(lesson: Lesson, raw: Json, c: Checker): void {
  switch (lesson.kind) {
    case 'ordering': {
      const ordering = parseOrdering(raw, c);
      if (ordering !== undefined) lesson.ordering = ordering;
      return;
    }
    case 'vocabulary': {
      const vocabulary = parseVocabulary(raw, c);
      if (vocabulary !== undefined) lesson.vocabulary = vocabulary;
      return;
    }
    case 'review': {
      const rubric = parseRubric(raw, c);
      if (rubric !== undefined) lesson.rubric = rubric;
      return;
    }
    case 'workshop': {
      const workshop = parseWorkshop(raw, c);
      if (workshop !== undefined) lesson.workshop = workshop;
      return;
    }
    case 'reading':
      return;
  }
}

export interface LoadOptions {
  /** Read prose and exercise data only for these lessons (all when omitted); the manifest is always read. */
  only?: readonly string[];
  /** Also grade each rubric's model answers and misconception examples by the rubric itself (`lessons lint`). */
  selfCheck?: boolean;
}

export async function loadLessons(
  dir: string = shippedLessonsDir,
  opts: LoadOptions = {},
): Promise<{ set: LessonSet; problems: Problem[] }> {
  const problems: Problem[] = [];
  const manifest = await readYaml(dir, MANIFEST, problems);
  const c = new Checker(MANIFEST);
  const lessons: Lesson[] = [];
  const rubricFiles = new Map<string, string>();
  if (manifest !== undefined) {
    const root = c.object(manifest, '');
    const entries =
      root === undefined ? [] : (c.array(root, 'lessons', '', { nonEmpty: true }) ?? []);
    for (const [i, entry] of entries.entries()) {
      const field = `lessons[${i}]`;
      const obj = c.object(entry, field);
      if (obj === undefined) continue;
      const id = c.string(obj, 'id', field);
      if (id !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
        c.report(
          `${field}.id`,
          `"${id}" must be lower-case words joined by hyphens (it is typed on the command line)`,
        );
      }
      const named = id === undefined ? field : `${field} (${id})`;
      const title = c.string(obj, 'title', named);
      const summary = c.string(obj, 'summary', named);
      const kind = c.oneOf(obj, 'kind', named, LESSON_KINDS);
      const hints = c.strings(obj, 'hints', named, { nonEmpty: true }) ?? [];
      const requires = c.strings(obj, 'requires', named, { optional: true }) ?? [];
      const proseFile = c.string(obj, 'prose', named, { optional: kind !== 'reading' });
      const dataFile = c.string(obj, 'data', named, {
        optional: kind === undefined || !DATA_KINDS.includes(kind),
      });
      if (id === undefined || title === undefined || summary === undefined || kind === undefined)
        continue;
      const lesson: Lesson = { id, title, summary, kind, hints, requires };
      lessons.push(lesson);
      if (opts.only !== undefined && !opts.only.includes(id)) continue;
      if (proseFile !== undefined) {
        const prose = await readText(dir, proseFile, problems, `${named}.prose`);
        const split = prose === undefined ? undefined : splitProse(prose);
        if (split !== undefined && 'problem' in split)
          problems.push({ file: proseFile, field: '', message: split.problem, line: split.line });
        else if (split !== undefined) {
          lesson.prose = split.terminal;
          lesson.printProse = split.print;
        }
      }
      if (dataFile !== undefined && DATA_KINDS.includes(kind)) {
        const raw = await readYaml(dir, dataFile, problems, `${named}.data`);
        if (raw !== undefined) {
          const dc = new Checker(dataFile);
          addData(lesson, raw, dc);
          problems.push(...dc.problems);
          if (lesson.rubric !== undefined) {
            rubricFiles.set(lesson.id, dataFile);
            if (opts.selfCheck && dc.problems.length === 0) {
              const { checkRubric } = await import('../grader/rubric-check.js'); // lint only: keep it off start-up
              problems.push(...checkRubric(lesson.rubric, dataFile));
            }
          }
        }
      }
    }
    c.unique(
      lessons.map((l) => l.id),
      'lessons',
    );
    const ids = new Set(lessons.map((l) => l.id));
    lessons.forEach((l) =>
      l.requires.forEach((r, j) => {
        if (!ids.has(r))
          c.report(
            `lessons[${lessons.indexOf(l)}] (${l.id}).requires[${j}]`,
            `unknown lesson id "${r}"`,
          );
      }),
    );
  }
  // A rubric's step paraphrases name steps of the ordering lessons.
  const stepIds = new Set(lessons.flatMap((l) => l.ordering?.steps.map((s) => s.id) ?? []));
  // Only when the ordering lessons were read too (a partial load skips them).
  for (const l of stepIds.size === 0 ? [] : lessons) {
    for (const id of Object.keys(l.rubric?.ordering.steps ?? {})) {
      if (!stepIds.has(id))
        problems.push({
          file: rubricFiles.get(l.id) ?? MANIFEST,
          field: `ordering.steps.${id}`,
          message: `unknown step id "${id}" (not a step of any ordering lesson)`,
        });
    }
  }
  problems.unshift(...c.problems);
  return { set: { dir, lessons }, problems };
}

/** Loads lessons for use; invalid content is an error naming the first problems. */
export async function requireLessons(
  dir: string = shippedLessonsDir,
  opts: LoadOptions = {},
): Promise<LessonSet> {
  const { set, problems } = await loadLessons(dir, opts);
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).map(formatProblem).join('; ');
    throw new TutorError(
      'ERR_LESSON_INVALID',
      `The lessons in ${dir} have ${problems.length} problem(s): ${shown}`,
      {
        hint: `Run \`oauth-tutor lessons lint ${dir}\` to see them all.`,
      },
    );
  }
  return set;
}

export function findLesson(set: LessonSet, id: string): Lesson {
  const lesson = set.lessons.find((l) => l.id === id);
  if (lesson === undefined) {
    throw new TutorError('ERR_NOT_FOUND', `There is no lesson "${id}".`, {
      hint: `Lessons: ${set.lessons.map((l) => l.id).join(', ')} (see \`oauth-tutor learn --list\`).`,
    });
  }
  return lesson;
}

async function readText(
  dir: string,
  file: string,
  problems: Problem[],
  field = '',
): Promise<string | undefined> {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch (error) {
    const code = errnoCode(error);
    const what = code === 'ENOENT' ? 'is missing' : `cannot be read (${code ?? 'error'})`;
    problems.push(
      field === ''
        ? { file, field: '', message: `file ${what}` }
        : { file: MANIFEST, field, message: `file "${file}" ${what}` },
    );
    return undefined;
  }
}

async function readYaml(
  dir: string,
  file: string,
  problems: Problem[],
  field = '',
): Promise<Json | undefined> {
  const text = await readText(dir, file, problems, field);
  if (text === undefined) return undefined;
  if (dir === shippedLessonsDir) {
    // Only when the file is byte for byte what the build parsed: an edited lesson is parsed afresh.
    const hit = await compiledFile(file);
    if (hit !== undefined && hit.source === text) {
      // Made from this very text: the rubric's patterns may skip answers that lack their literals.
      if (hit.literals !== undefined) learnLiterals(hit.literals);
      return hit.value;
    }
  }
  // Lesson problems name file and field; their lines are not reported (yet).
  const { parseYamlContent } = await import('../yaml-content.js');
  const yaml = parseYamlContent(text, file);
  problems.push(...yaml.problems);
  return yaml.value;
}

type ContentKey = 'ordering' | 'vocabulary' | 'rubric' | 'workshop';

/**
 * A lesson's exercise content, which its kind promises (the loader checked the
 * data file). Missing only when a partial load skipped it or the content is
 * broken: an error that points at the lint, never a crash.
 */
export function lessonContent<K extends ContentKey>(
  lesson: Lesson,
  key: K,
): NonNullable<Lesson[K]> {
  const content = lesson[key];
  if (content === undefined || content === null)
    throw new TutorError('ERR_LESSON_INVALID', `The lesson "${lesson.id}" has no ${key} content.`, {
      hint: 'Run `oauth-tutor lessons lint` to see what is wrong with the lessons.',
    });
  return content;
}

/** The steps of an ordering lesson in their right order. */
export function stepsInOrder(lesson: Lesson): OrderingExercise['steps'] {
  return orderedSteps(lessonContent(lesson, 'ordering'));
}
