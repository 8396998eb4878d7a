/**
 * Runs the citation check (citations.ts) over a lessons folder — its markdown,
 * its YAML (lessons, decks, rubric) — and, for the shipped lessons in a source
 * checkout, over src/ (comments and explanation strings), against the folder's
 * rfc-sections.yaml (or the shipped one when the folder has none).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Checker } from '../checker.js';
import type { Problem } from '../problems.js';
import { checkCitations, parseSpecIndex, SECTIONS_FILE, type SpecIndex } from './citations.js';
import { packageRoot, shippedLessonsDir } from './paths.js';
import { cannotRead, errnoCode } from '../errors.js';

export interface CitationLintOptions {
  /** Also check these source folders (default: src/ of a source checkout, for the shipped lessons only). */
  sourceDirs?: string[];
}

export async function lintCitations(
  dir: string,
  opts: CitationLintOptions = {},
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const index = await loadIndex(dir, problems);
  if (index === undefined) return problems;
  for (const file of await listFiles(dir, /\.(md|ya?ml)$/i)) {
    const rel = relative(dir, file);
    if (rel === SECTIONS_FILE) continue;
    problems.push(...checkCitations(rel, await readFile(file, 'utf8'), index));
  }
  const sources = opts.sourceDirs ?? (dir === shippedLessonsDir ? [join(packageRoot, 'src')] : []);
  for (const src of sources) {
    for (const file of await listFiles(src, /\.ts$/))
      problems.push(
        ...checkCitations(relative(packageRoot, file), await readFile(file, 'utf8'), index),
      );
  }
  return problems;
}

async function loadIndex(dir: string, problems: Problem[]): Promise<SpecIndex | undefined> {
  let text: string;
  let file = join(dir, SECTIONS_FILE);
  try {
    text = await readFile(file, 'utf8');
  } catch {
    file = join(shippedLessonsDir, SECTIONS_FILE);
    try {
      text = await readFile(file, 'utf8');
    } catch {
      problems.push({
        file: SECTIONS_FILE,
        field: '',
        message: 'file is missing: it lists the sections citations may name',
      });
      return undefined;
    }
  }
  const { parseYamlContent } = await import('../yaml-content.js');
  const yaml = parseYamlContent(text, SECTIONS_FILE);
  if (yaml.value === undefined) {
    problems.push(...yaml.problems);
    return undefined;
  }
  const c = new Checker(SECTIONS_FILE);
  const index = parseSpecIndex(yaml.value, c);
  problems.push(...c.problems);
  return index;
}

/** Files under `dir` (recursively) whose names match, sorted; none when it does not exist. */
async function listFiles(dir: string, pattern: RegExp): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(
    (error: unknown) => {
      const code = errnoCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw cannotRead(dir, error, 'Check the folder’s permissions, then lint again.');
    },
  );
  return entries
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
