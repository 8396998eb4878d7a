/** Is an answer right? One rule per question type; text answers may be graded with the self-check rubric. */
import type { Question } from './deck.js';

export type Answer = string | string[] | boolean;

/** Grades a free-text answer with a rubric item; true only for a "correct" verdict. */
export type RubricGrader = (rubricItem: string, text: string) => { correct: boolean; feedback: string } | undefined;

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[’']/g, "'").replace(/[^\p{L}\p{N}']+/gu, ' ').trim();

export interface Scored {
  correct: boolean;
  /** Extra feedback (from the rubric, for text answers). */
  feedback?: string;
}

export function score(q: Question, given: Answer | undefined, rubric?: RubricGrader): Scored {
  if (given === undefined) return { correct: false };
  switch (q.type) {
    case 'single':
      return { correct: typeof given === 'string' && given === q.answer };
    case 'multi': {
      const want = new Set(q.answer as string[]);
      const got = Array.isArray(given) ? new Set(given) : new Set<string>();
      return { correct: got.size === want.size && [...got].every((g) => want.has(g)) };
    }
    case 'order':
      return { correct: Array.isArray(given) && given.length === (q.answer as string[]).length && given.every((g, i) => g === (q.answer as string[])[i]) };
    case 'truefalse': {
      const b = typeof given === 'boolean' ? given : typeof given === 'string' ? /^(t|true|yes|y)$/i.test(given.trim()) || (/^(f|false|no|n)$/i.test(given.trim()) ? false : undefined) : undefined;
      return { correct: b === q.answer };
    }
    case 'text': {
      if (typeof given !== 'string') return { correct: false };
      if ((q.answer as string[]).some((a) => norm(a) === norm(given))) return { correct: true };
      if (q.rubric !== undefined && rubric !== undefined) {
        const r = rubric(q.rubric, given);
        if (r !== undefined) return r;
      }
      return { correct: false };
    }
  }
}

/** The right answer, as a learner reads it. */
export function answerText(q: Question): string {
  if (q.type === 'truefalse') return q.answer ? 'True' : 'False';
  if (q.type === 'order') return (q.answer as string[]).map((a, i) => `${i + 1}. ${a}`).join('  ');
  if (Array.isArray(q.answer)) return q.answer.length > 0 ? q.answer.join(' / ') : '(see the explanation)';
  return String(q.answer);
}
