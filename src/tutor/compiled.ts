/**
 * The build's parsed copy of the shipped content (scripts/compile-lessons.mjs writes
 * dist/content/), so that commands need not load a YAML parser at start-up. Every entry keeps the
 * source text it was made from: a caller uses an entry only when the file on disk still has
 * exactly that text, so an edited lesson or deck is always read afresh. One JSON file per lesson
 * file, read only when asked for: `check` needs the rubric's, `learn --list` the manifest's; and
 * the live flow's step titles with the texts they were made from (tutor/step-titles.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isObject, type Json } from '../json.js';
import type { Literals } from '../grader/match.js';
import { packageRoot } from './package-root.js';

export interface CompiledFile {
  source: string;
  value: Json;
  /** A review lesson's rubric: each pattern's literals (src/grader/literals.ts), by its source. */
  literals?: Record<string, Literals>;
}

/** What `quiz --list` shows of a built-in deck that passed the deck checker at build time. */
export interface CompiledDeck {
  source: string;
  title: string;
  questions: number;
}

const contentDir = join(packageRoot, 'dist', 'content');

/** Where the build keeps the flow's step titles (scripts/compile-lessons.mjs writes it). */
export const STEP_TITLES_FILE = join(contentDir, 'step-titles.json');

/** A missing or malformed file is no copy at all (the caller parses the YAML itself). */
async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

const files = new Map<string, Promise<CompiledFile | undefined>>();

/** The build's copy of a lesson YAML file (`rubric.yaml`), read once per process. */
export function compiledFile(name: string): Promise<CompiledFile | undefined> {
  // Names come from the shipped manifest; anything that is not a plain file name has no copy.
  if (!/^[\w.-]+\.ya?ml$/.test(name)) return Promise.resolve(undefined);
  let hit = files.get(name);
  if (hit === undefined) {
    hit = readJson(join(contentDir, 'lessons', `${name}.json`)).then(toCompiledFile);
    files.set(name, hit);
  }
  return hit;
}

/** The build's record of the flow's step titles, unchecked (tutor/step-titles.ts narrows it). */
export function compiledStepTitles(): Promise<unknown> {
  return readJson(STEP_TITLES_FILE);
}

let decks: Promise<Record<string, CompiledDeck>> | undefined;

/** The built-in decks that passed the deck checker at build time, by id; read once per process. */
export function compiledDecks(): Promise<Record<string, CompiledDeck>> {
  decks ??= readJson(join(contentDir, 'decks.json')).then(toCompiledDecks);
  return decks;
}

/** `{ source, value }`, narrowed. */
function toCompiledFile(entry: unknown): CompiledFile | undefined {
  if (!isObject(entry)) return undefined;
  const { source, value, literals } = entry;
  if (typeof source !== 'string' || value === undefined) return undefined;
  const table = toLiterals(literals);
  return table === undefined ? { source, value } : { source, value, literals: table };
}

/** `{ pattern: [["client"], ["id", "key"]] }`, narrowed; anything else is no table at all. */
function toLiterals(data: unknown): Record<string, Literals> | undefined {
  if (!isObject(data)) return undefined;
  const out: Record<string, Literals> = {};
  for (const [source, clauses] of Object.entries(data)) {
    if (!Array.isArray(clauses)) return undefined;
    const narrowed: Literals = [];
    for (const clause of clauses) {
      if (!Array.isArray(clause) || clause.length === 0) return undefined;
      const alternatives = clause.filter((a): a is string => typeof a === 'string' && a !== '');
      if (alternatives.length !== clause.length) return undefined;
      narrowed.push(alternatives);
    }
    out[source] = narrowed;
  }
  return out;
}

/** `{ id: { source, title, questions } }`, narrowed. */
function toCompiledDecks(data: unknown): Record<string, CompiledDeck> {
  const out: Record<string, CompiledDeck> = {};
  if (isObject(data))
    for (const [id, entry] of Object.entries(data)) {
      if (!isObject(entry)) continue;
      const { source, title, questions } = entry;
      if (typeof source === 'string' && typeof title === 'string' && typeof questions === 'number')
        out[id] = { source, title, questions };
    }
  return out;
}
