/** A reproducible run of a deck: questions and their choices shuffled by seed, optionally the first N. */
import { createRng, shuffle } from '../random.js';
import type { Deck, Question } from './deck.js';

export function quizQuestions(deck: Deck, seed: string | number, count?: number): Question[] {
  const rng = createRng(seed);
  const qs = shuffle(deck.questions, rng).map((q) => (q.type === 'single' || q.type === 'multi' || q.type === 'order' ? { ...q, choices: shuffle(q.choices, rng) } : q));
  return count === undefined ? qs : qs.slice(0, count);
}
