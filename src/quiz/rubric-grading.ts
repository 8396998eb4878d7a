/**
 * Text questions graded by the self-check rubric: a deck question's `rubric`
 * names a rubric item ("question:<id>" or a term id), and the rubric's own
 * evaluation gives the verdict and the feedback.
 */
import { evaluate } from '../grader/evaluate.js';
import type { Rubric, RubricItem } from '../grader/rubric.js';
import type { RubricGrader } from './score.js';

/** The rubric item a deck names: "question:<id>" for a question, a bare id for a term. */
export function rubricItemFor(rubric: Rubric | undefined, itemId: string): RubricItem | undefined {
  const question = /^question:(.*)$/s.exec(itemId)?.[1];
  return question === undefined
    ? rubric?.terms.find((t) => t.id === itemId)
    : rubric?.questions.find((q) => q.id === question);
}

/** The names decks use for the rubric's items, for checking decks (`quiz lint`). */
export function rubricItemIds(rubric: Rubric | undefined): Set<string> | undefined {
  return rubric === undefined
    ? undefined
    : new Set([
        ...rubric.questions.map((q) => `question:${q.id}`),
        ...rubric.terms.map((t) => t.id),
      ]);
}

export function rubricGrader(rubric: Rubric | undefined): RubricGrader {
  return (itemId, text) => {
    const item = rubricItemFor(rubric, itemId);
    if (item === undefined) return undefined;
    const r = evaluate(item, text);
    return { verdict: r.verdict, feedback: r.feedback };
  };
}
