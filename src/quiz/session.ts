/**
 * A reproducible run of a deck: questions and their choices shuffled by seed,
 * optionally the first N. The interactive quiz, `--answers` and the paper
 * export all take their questions from here, so one seed gives one paper, one
 * key and one mapping of choice letters.
 */
import { createRng, shuffle } from '../random.js';
import type { Deck, Question } from './deck.js';

export function quizQuestions(deck: Deck, seed: string | number, count?: number): Question[] {
  const rng = createRng(seed);
  const qs = shuffle(deck.questions, rng).map((q) =>
    q.type === 'single' || q.type === 'multi' || q.type === 'order'
      ? {
          ...q,
          choices:
            q.type === 'order'
              ? scrambled(q.answer, shuffle(q.choices, rng))
              : shuffle(q.choices, rng),
        }
      : q,
  );
  return count === undefined ? qs : qs.slice(0, count);
}

/** An ordering question never starts out solved: a shuffle that happens to give the answer is rotated by one. */
function scrambled(answer: readonly string[], choices: string[]): string[] {
  const [first, ...rest] = choices;
  if (first === undefined || rest.length === 0 || !choices.every((c, i) => c === answer[i]))
    return choices;
  return [...rest, first];
}
