/** The results file a quiz writes (`--out results.json`), read back by `oauth-tutor report`. */
import type { QuestionType } from './deck.js';
import type { Verdict } from './score.js';

export const RESULT_KIND = 'oauth-tutor/quiz-result';

export interface QuestionResult {
  id: string;
  type: QuestionType;
  prompt: string;
  /** The answer in the deck's terms: choice texts (letters resolved), a boolean, text; null when none. */
  answer: unknown;
  verdict: Verdict;
  correct: boolean;
  expected: string;
}

export interface QuizResult {
  kind: typeof RESULT_KIND;
  version: 1;
  deck: string;
  title: string;
  name: string;
  timestamp: string;
  seed: string;
  /** `value` is the one score (`scoreOf`, 0..1): partly right counts half. */
  score: { correct: number; partial: number; total: number; value: number };
  questions: QuestionResult[];
}
