/**
 * Multiple-choice options the way lessons write them (vocabulary cards, workshop
 * quizzes): each `{ text, correct?, why? }`, exactly one marked
 * `correct: true` (the answer must be among the options), every wrong one
 * with `why` it is wrong.
 */
import type { Checker } from '../checker.js';
import type { JsonObject } from '../json.js';

export interface ChoiceOption {
  text: string;
  correct: boolean;
  /** For a wrong option: why it is wrong. */
  why?: string;
}

/** The `options` of `obj`, every problem reported to `c`. */
export function parseChoiceOptions(c: Checker, obj: JsonObject, field: string): ChoiceOption[] {
  const options: ChoiceOption[] = [];
  (c.array(obj, 'options', field, { nonEmpty: true }) ?? []).forEach((o, j) => {
    const of = `${field}.options[${j}]`;
    const opt = c.object(o, of);
    if (opt === undefined) return;
    const text = c.string(opt, 'text', of);
    const correct = opt['correct'] === true;
    const why = c.string(opt, 'why', of, { optional: correct });
    if (text !== undefined)
      options.push(why === undefined ? { text, correct } : { text, correct, why });
  });
  const right = options.filter((o) => o.correct).length;
  if (options.length > 0 && right !== 1) {
    c.report(
      field === '' ? 'options' : `${field}.options`,
      right === 0
        ? 'no option is marked "correct: true": the answer must be among the options'
        : `${right} options are marked correct; exactly one must be`,
    );
  }
  return options;
}
