/**
 * Is an answer right, and what is a set of answers worth? One rule per
 * question type; text answers may be graded with the self-check rubric. The
 * score of anything (a quiz, a written sheet, a review lesson, a student in
 * the class report) is `scoreOf` over its graded items — the README's
 * "Scores" section documents it.
 */
import type { Verdict } from '../grader/evaluate.js';
import type { Question } from './deck.js';

export type { Verdict };
export type Answer = string | string[] | boolean;

export const VERDICTS: readonly Verdict[] = ['correct', 'partial', 'incorrect', 'missing'];

/** What one item is worth: correct 1, partly right half, wrong or unanswered nothing. */
export const CREDIT: Readonly<Record<Verdict, number>> = {
  correct: 1,
  partial: 0.5,
  incorrect: 0,
  missing: 0,
};

export function creditOf(verdict: Verdict): number {
  return CREDIT[verdict];
}

/**
 * The one score: the mean credit over every graded item, 0..1, rounded to
 * three decimals (0 when nothing was graded). `check`, `quiz`, `report` and
 * the review lesson all call this.
 */
export function scoreOf(verdicts: readonly Verdict[]): number {
  const counts: Record<Verdict, number> = { correct: 0, partial: 0, incorrect: 0, missing: 0 };
  for (const v of verdicts) counts[v]++;
  return scoreOfCounts(counts);
}

/** The same score from how many items got each verdict (or what share of them did). */
export function scoreOfCounts(counts: Readonly<Record<Verdict, number>>): number {
  const verdicts = VERDICTS;
  const total = verdicts.reduce((a, v) => a + counts[v], 0);
  if (total === 0) return 0;
  const sum = verdicts.reduce((a, v) => a + counts[v] * CREDIT[v], 0);
  return Math.round((sum / total) * 1000) / 1000;
}

/** Grades a free-text answer with a rubric item. */
export type RubricGrader = (
  rubricItem: string,
  text: string,
) => { verdict: Verdict; feedback: string } | undefined;

const ARTICLES = /\b(a|an|the)\b/g;

/**
 * Text in the form compared for a `text` answer: case, punctuation, quotes, spacing
 * and the articles a/an/the do not count ("The Authorization header." =
 * "authorization header").
 */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(ARTICLES, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Scored {
  verdict: Verdict;
  /** verdict === 'correct'. */
  correct: boolean;
  /** Extra feedback (from the rubric, for text answers). */
  feedback?: string;
}

const scored = (verdict: Verdict, feedback?: string): Scored =>
  feedback === undefined || feedback === ''
    ? { verdict, correct: verdict === 'correct' }
    : { verdict, correct: verdict === 'correct', feedback };

/** A true/false answer from input (true, "true", "T", "yes"…), or undefined when it is neither. */
export function asBoolean(given: unknown): boolean | undefined {
  if (typeof given === 'boolean') return given;
  if (typeof given !== 'string') return undefined;
  const t = given.trim();
  if (/^(t|true|yes|y)$/i.test(t)) return true;
  if (/^(f|false|no|n)$/i.test(t)) return false;
  return undefined;
}

const blank = (given: Answer): boolean =>
  Array.isArray(given) ? given.length === 0 : typeof given === 'string' && given.trim() === '';

export function score(q: Question, given: Answer | undefined, rubric?: RubricGrader): Scored {
  if (given === undefined || blank(given)) return scored('missing');
  const right = (ok: boolean) => scored(ok ? 'correct' : 'incorrect');
  switch (q.type) {
    case 'single':
      return right(typeof given === 'string' && given === q.answer);
    case 'multi': {
      const want = new Set(q.answer);
      const got = Array.isArray(given) ? new Set(given) : new Set<string>();
      return right(got.size === want.size && [...got].every((g) => want.has(g)));
    }
    case 'order':
      return right(
        Array.isArray(given) &&
          given.length === q.answer.length &&
          given.every((g, i) => g === q.answer[i]),
      );
    case 'truefalse':
      return right(asBoolean(given) === q.answer);
    case 'text': {
      if (typeof given !== 'string') return scored('incorrect');
      if (q.answer.some((a) => normalizeText(a) === normalizeText(given))) return scored('correct');
      if (q.rubric !== undefined && rubric !== undefined) {
        const r = rubric(q.rubric, given);
        if (r !== undefined)
          return scored(r.verdict, r.verdict === 'correct' ? undefined : r.feedback);
      }
      return scored('incorrect');
    }
  }
}

/** The right answer, the way a learner reads it. */
export function answerText(q: Question): string {
  if (q.type === 'truefalse') return q.answer ? 'True' : 'False';
  if (q.type === 'order') return q.answer.map((a, i) => `${i + 1}. ${a}`).join('  ');
  if (Array.isArray(q.answer))
    return q.answer.length > 0 ? q.answer.join(' / ') : '(see the explanation)';
  return String(q.answer);
}
