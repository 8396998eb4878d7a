/**
 * The build's parsed copy of the shipped content (scripts/compile-lessons.mjs writes
 * dist/lessons.json), so that commands need not load a YAML parser at start-up. Every entry
 * keeps the source text it was made from: a caller uses an entry only when the file on disk
 * still has exactly that text, so an edited lesson or deck is always read afresh.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isObject, type Json } from '../json.js';
import { packageRoot } from './paths.js';

export interface CompiledFile {
  source: string;
  value: Json;
}

/** What `quiz --list` shows of a built-in deck that passed the deck checker at build time. */
export interface CompiledDeck {
  source: string;
  title: string;
  questions: number;
}

export interface Compiled {
  /** Lesson YAML files by name. */
  files: Record<string, CompiledFile>;
  /** Built-in decks by id. */
  decks: Record<string, CompiledDeck>;
}

let compiled: Promise<Compiled> | undefined;

/** Read once per process; a missing or malformed file is no copy at all (everything is parsed). */
export function compiledContent(): Promise<Compiled> {
  compiled ??= readFile(join(packageRoot, 'dist', 'lessons.json'), 'utf8').then(
    (text) => toCompiled(JSON.parse(text)),
    () => ({ files: {}, decks: {} }),
  );
  return compiled;
}

/** `{ files: { name: { source, value } }, decks: { id: { source, title, questions } } }`, narrowed. */
function toCompiled(data: unknown): Compiled {
  const out: Compiled = { files: {}, decks: {} };
  if (!isObject(data)) return out;
  const files = data['files'];
  if (isObject(files))
    for (const [name, entry] of Object.entries(files)) {
      if (!isObject(entry)) continue;
      const { source, value } = entry;
      if (typeof source === 'string' && value !== undefined) out.files[name] = { source, value };
    }
  const decks = data['decks'];
  if (isObject(decks))
    for (const [id, entry] of Object.entries(decks)) {
      if (!isObject(entry)) continue;
      const { source, title, questions } = entry;
      if (typeof source === 'string' && typeof title === 'string' && typeof questions === 'number')
        out.decks[id] = { source, title, questions };
    }
  return out;
}
