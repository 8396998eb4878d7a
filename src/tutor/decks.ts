/** Finds and loads quiz decks: the built-in ones in lessons/decks/, or a YAML file an instructor names. */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseDeck, type Deck } from '../quiz/deck.js';
import { rubricItemIds } from '../quiz/rubric-grading.js';
import { formatProblem, type Problem } from '../problems.js';
import { shippedLessonsDir } from './paths.js';
import { cannotRead, errnoCode, TutorError } from '../errors.js';
import type { Rubric } from '../grader/rubric.js';

export const builtInDecksDir = join(shippedLessonsDir, 'decks');

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
