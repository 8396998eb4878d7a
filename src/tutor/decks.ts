/** Finds and loads quiz decks: the built-in ones in lessons/decks/, or a YAML file an instructor names. */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Deck } from '../quiz/deck.js';
import { rubricItemIds } from '../quiz/rubric-grading.js';
import { formatProblem, type Problem } from '../problems.js';
import { shippedLessonsDir } from './paths.js';
import { compiledDecks } from './compiled.js';
import { cannotRead, errnoCode, TutorError } from '../errors.js';
import type { Rubric } from '../grader/rubric.js';

export const builtInDecksDir = join(shippedLessonsDir, 'decks');

/** A built-in deck like `quiz --list` shows it; `title` is undefined for a deck with problems. */
export interface DeckSummary {
  id: string;
  title?: string;
  questions: number;
}

/**
 * Every built-in deck's title and size. A deck whose file still has the text the build checked
 * comes from the build's copy (no YAML parser loads); an edited one is parsed and checked here.
 */
export async function builtInDeckSummaries(): Promise<DeckSummary[]> {
  const decks = await compiledDecks();
  const rows: DeckSummary[] = [];
  for (const id of await builtInDeckIds()) {
    const hit = decks[id];
    const source = hit === undefined ? undefined : await readBuiltIn(id);
    if (hit !== undefined && source === hit.source) {
      rows.push({ id, title: hit.title, questions: hit.questions });
      continue;
    }
    const { deck } = await readDeck(id);
    rows.push(
      deck === undefined
        ? { id, questions: 0 }
        : { id, title: deck.title, questions: deck.questions.length },
    );
  }
  return rows;
}

async function readBuiltIn(id: string): Promise<string | undefined> {
  try {
    return await readFile(join(builtInDecksDir, `${id}.yaml`), 'utf8');
  } catch {
    return undefined; // readDeck reports it
  }
}

export async function builtInDeckIds(): Promise<string[]> {
  return (await readdir(builtInDecksDir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** A deck by built-in id or by path; problems are returned, not thrown. */
export async function readDeck(
  ref: string,
  rubric?: Rubric,
): Promise<{ deck?: Deck; problems: Problem[]; file: string }> {
  const isPath = /[/\\]|\.ya?ml$/i.test(ref);
  const file = isPath ? ref : join(builtInDecksDir, `${ref}.yaml`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!isPath && errnoCode(error) === 'ENOENT') {
      throw new TutorError('ERR_NOT_FOUND', `There is no built-in deck "${ref}".`, {
        hint: `Decks: ${(await builtInDeckIds()).join(', ')} (or give a .yaml file).`,
      });
    }
    throw cannotRead(file, error, 'Give a deck file, e.g. `oauth-tutor quiz my-deck.yaml`.');
  }
  const id = basename(file).replace(/\.ya?ml$/i, '');
  // The deck reader brings the YAML parser: loaded only when a deck is read, not to list decks.
  const { parseDeck } = await import('../quiz/deck.js');
  return {
    ...parseDeck(text, isPath ? file : `decks/${basename(file)}`, id, rubricItemIds(rubric)),
    file,
  };
}

export async function requireDeck(ref: string, rubric?: Rubric): Promise<Deck> {
  const { deck, problems, file } = await readDeck(ref, rubric);
  if (deck === undefined) {
    throw new TutorError(
      'ERR_INPUT',
      `The deck ${file} has ${problems.length} problem(s): ${problems.slice(0, 2).map(formatProblem).join('; ')}`,
      { hint: `Run \`oauth-tutor quiz lint ${ref}\` to see them all.` },
    );
  }
  return deck;
}
