/**
 * The step titles of the seven-steps lesson, which the live flow names its steps by, without
 * loading the lesson loader when the lesson is the one the build read. The build
 * (scripts/compile-lessons.mjs) loads the lesson with the one loader (lessons.ts) and keeps its
 * titles in dist/content/step-titles.json with the text of every file that load read. The
 * loader's result depends on nothing but those texts, so while each file still holds exactly its
 * text, the kept titles are the ones the loader would make; otherwise (an edited or missing file,
 * a build without the record) the lesson is loaded and checked as before, problems and all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isObject } from '../json.js';
import { compiledStepTitles } from './compiled.js';
import { shippedLessonsDir } from './package-root.js';

/** The lesson whose steps are the authorization-code flow's. */
export const FLOW_LESSON = 'seven-steps';

/** What the build keeps: the titles, and each file the loader read for them with its text. */
export interface TitlesRecord {
  titles: string[];
  files: Record<string, string>;
}

/** The seven-steps lesson, loaded and checked by the loader (it throws on a bad lesson), and its steps in order. */
export async function flowLesson(dir: string = shippedLessonsDir) {
  const { findLesson, requireLessons, stepsInOrder } = await import('./lessons.js');
  const lesson = findLesson(await requireLessons(dir, { only: [FLOW_LESSON] }), FLOW_LESSON);
  return { lesson, steps: stepsInOrder(lesson) };
}

/** The lesson's step titles in their right order, as the loader makes them. */
export async function loadedStepTitles(dir: string = shippedLessonsDir): Promise<string[]> {
  return (await flowLesson(dir)).steps.map((s) => s.text);
}

/** The recorded titles when every recorded file in `dir` still has its recorded text. */
export function recordedStepTitles(record: unknown, dir: string): string[] | undefined {
  if (!isObject(record) || !isObject(record['files']) || !Array.isArray(record['titles']))
    return undefined;
  const titles = record['titles'].filter((t) => typeof t === 'string');
  const files = Object.entries(record['files']);
  if (titles.length === 0 || titles.length !== record['titles'].length || files.length === 0)
    return undefined;
  for (const [name, text] of files)
    if (typeof text !== 'string' || readText(join(dir, name)) !== text) return undefined;
  return titles;
}

/** The flow's step titles: the build's record when it still holds, the loader's otherwise. */
export async function flowStepTitles(): Promise<string[]> {
  // No record (a build without one) is no titles: the loader decides.
  return recordedStepTitles(await compiledStepTitles(), shippedLessonsDir) ?? loadedStepTitles();
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
