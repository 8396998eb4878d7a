/** The results file a quiz writes (`--out results.json`), read back by `oauth-tutor report`. */
import type { QuestionType } from './deck.js';

export const RESULT_KIND = 'oauth-tutor/quiz-result';

export interface QuestionResult {
  id: string;
  type: QuestionType;
  prompt: string;
  answer: unknown;
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
  score: { correct: number; total: number };
  questions: QuestionResult[];
}
