/**
 * `quiz --review`: the question a due review key asks again. Deck questions
 * come back shuffled afresh; rubric items come back in the form of text questions graded
 * by the rubric. The caller supplies what lives outside the quiz (decks on
 * disk, the vocabulary lesson), so this stays free of files and prompts.
 */
import type { Rubric } from '../grader/rubric.js';
import type { Deck, Question } from './deck.js';
import { parseReviewKey } from './review-key.js';
import { rubricItemFor } from './rubric-grading.js';
import { quizQuestions } from './session.js';

export interface ReviewContent {
  rubric: Rubric | undefined;
  /** The deck a quiz key names, from where it was taken (`source`) or the built-in decks. */
  deck(deckId: string, source: string | undefined): Promise<Deck | undefined>;
  /** A vocabulary card asked in the form of a single-choice question with id `key`. */
  vocabulary(cardId: string, key: string): Question | undefined;
  /** Shuffles the choices. */
  seed: number;
}

export async function reviewQuestion(
  key: string,
  source: string | undefined,
  content: ReviewContent,
): Promise<Question | undefined> {
  const k = parseReviewKey(key);
  switch (k?.kind) {
    case 'quiz': {
      const deck = await content.deck(k.deck, source);
      const q = deck?.questions.find((x) => x.id === k.question);
      return q === undefined
        ? undefined
        : quizQuestions(
            { id: k.deck, title: '', description: '', file: '', questions: [q] },
            content.seed,
          )[0];
    }
    case 'vocabulary':
      return content.vocabulary(k.card, key);
    case 'review': {
      const item = rubricItemFor(content.rubric, k.item === 'question' ? `question:${k.id}` : k.id);
      if (item === undefined || item.kind !== k.item) return undefined;
      return {
        id: key,
        type: 'text',
        prompt: item.kind === 'question' ? item.prompt : `Define: ${item.prompt}`,
        choices: [],
        answer: [],
        rubric: item.kind === 'question' ? `question:${item.id}` : item.id,
        explanation: item.model,
        line: 0,
      };
    }
    default:
      return undefined;
  }
}
