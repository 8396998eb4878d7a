// Build step (after tsc): parse the shipped lessons' YAML and the built-in decks once, so that
// commands need not load a YAML parser at start-up. dist/lessons.json maps each lesson YAML file
// to its source text and parsed value, and each built-in deck that passes the deck checker to its
// source text, title and number of questions (what `quiz --list` shows); the loaders use an entry
// only when the file on disk still has exactly that text (src/tutor/compiled.ts).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { parseDeck } from '../dist/quiz/deck.js';

const dir = new URL('../lessons/', import.meta.url);
const files = {};
for (const name of (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  const source = await readFile(join(dir.pathname, name), 'utf8');
  const doc = parseDocument(source);
  if (doc.errors.length > 0) continue; // left for the loader to report, with its line
  files[name] = { source, value: doc.toJS() };
}

const decksDir = new URL('../lessons/decks/', import.meta.url);
const decks = {};
for (const name of (await readdir(decksDir)).filter((f) => f.endsWith('.yaml')).sort()) {
  const source = await readFile(join(decksDir.pathname, name), 'utf8');
  const id = name.slice(0, -'.yaml'.length);
  const { deck } = parseDeck(source, `decks/${name}`, id);
  if (deck === undefined) continue; // left for `quiz --list` to show as invalid, and `quiz lint` to explain
  decks[id] = { source, title: deck.title, questions: deck.questions.length };
}

await writeFile(new URL('../dist/lessons.json', import.meta.url), JSON.stringify({ files, decks }));
