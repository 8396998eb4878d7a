/**
 * The rubric's own check, run by `lessons lint` on the shipped rubric and on
 * any rubric an instructor edits:
 *
 * - every model answer is graded `correct` by its own item;
 * - every misconception example is graded `incorrect` with that misconception;
 * - no pattern can backtrack catastrophically: no quantifier nested inside
 *   another (`(a+)+`), and no unbounded run that crosses words (`.*`, `\s+`,
 *   `[^x]*`) in a pattern matched against answers, which can be a megabyte
 *   long. Write `.{0,40}` instead.
 */
import retModule, { types, type Token, type Tokens } from 'ret';
import type { Problem } from '../problems.js';
import { evaluate } from './evaluate.js';
import type { Pattern } from './match.js';
import type { Rubric, RubricItem } from './rubric.js';

// ret is CommonJS whose module.exports is the tokenizer; its types describe an ES module with a
// default export. Node hands us the function; the types hand us the namespace: accept both.
const tokenize: (source: string) => Tokens =
  typeof retModule === 'function' ? retModule : retModule.default;

export function checkRubric(rubric: Rubric, file: string): Problem[] {
  const problems: Problem[] = [];
  const report = (field: string, message: string) => problems.push({ file, field, message });
  const items: [string, RubricItem][] = [
    ...rubric.questions.map((q, i): [string, RubricItem] => [`questions[${i}] (${q.id})`, q]),
    ...rubric.terms.map((t, i): [string, RubricItem] => [`terms[${i}] (${t.id})`, t]),
  ];
  for (const [field, item] of items) {
    const model = evaluate(item, item.model);
    if (model.verdict !== 'correct') {
      const misconception = model.misconceptions[0];
      report(
        `${field}.model`,
        `the model answer is graded ${model.verdict} by its own rubric (found: ${model.found.join(', ') || 'no concept'}${misconception === undefined ? '' : `; misconception ${misconception.id}`})`,
      );
    }
    item.misconceptions.forEach((m, i) => {
      m.examples.forEach((example, j) => {
        const r = evaluate(item, example);
        const got = r.misconceptions[0]?.id;
        if (r.verdict !== 'incorrect' || got !== m.id) {
          report(
            `${field}.misconceptions[${i}] (${m.id}).examples[${j}]`,
            `"${example}" is graded ${r.verdict}${got === undefined ? ' with no misconception' : ` as ${got}`}, not as this misconception`,
          );
        }
      });
    });
    // Patterns matched against answers (any length) and against labels (short lines).
    const answerPatterns: [string, Pattern[]][] = [
      [`${field}.vague`, item.vague],
      ...item.concepts.map((c, i): [string, Pattern[]] => [
        `${field}.concepts[${i}]`,
        [...c.any, ...c.all.flat()],
      ]),
      ...item.misconceptions.map((m, i): [string, Pattern[]] => [
        `${field}.misconceptions[${i}]`,
        [...m.any, ...m.all.flat()],
      ]),
    ];
    for (const [where, patterns] of answerPatterns)
      for (const p of patterns) checkPattern(p, where, true, report);
    for (const p of [...item.detect, ...item.topic]) checkPattern(p, field, false, report);
  }
  for (const p of rubric.ordering.detect) checkPattern(p, 'ordering.detect', false, report);
  for (const [id, list] of Object.entries(rubric.ordering.steps))
    for (const p of list) checkPattern(p, `ordering.steps.${id}`, false, report);
  return problems;
}

function checkPattern(
  p: Pattern,
  field: string,
  againstAnswers: boolean,
  report: (field: string, message: string) => void,
): void {
  const problem = patternProblem(p.re.source, againstAnswers);
  if (problem !== undefined) report(field, `pattern '${p.source}': ${problem}`);
}

/** Why a regular expression could take more than linear time, or undefined. */
export function patternProblem(source: string, againstAnswers: boolean): string | undefined {
  let tokens: Tokens;
  try {
    tokens = tokenize(source);
  } catch {
    return undefined; // the rubric parser reports invalid expressions
  }
  let found: string | undefined;
  const walk = (node: Tokens, insideRepeat: boolean): void => {
    if (found !== undefined) return;
    if (node.type === types.REPETITION) {
      const repeats = node.max > 1;
      if (repeats && insideRepeat) {
        found =
          'a quantifier inside another quantifier can backtrack catastrophically; rewrite without nesting';
        return;
      }
      if (againstAnswers && node.max === Infinity && crossesWords(node.value)) {
        found =
          'an unbounded run across words (like .* or \\s+) is slow on long answers; bound it, e.g. .{0,40}';
        return;
      }
      walk(node.value, insideRepeat || repeats);
      return;
    }
    if (node.type === types.GROUP || node.type === types.ROOT) {
      for (const t of node.stack ?? []) walk(t, insideRepeat);
      for (const option of node.options ?? []) for (const t of option) walk(t, insideRepeat);
    }
  };
  walk(tokens, false);
  return found;
}

/** A character class that matches a space, or almost anything (`.`, `[^x]`). */
function crossesWords(node: Token): boolean {
  if (node.type === types.SET) {
    if (node.not) return true;
    return node.set.some(
      (t) =>
        (t.type === types.CHAR && t.value === 32) ||
        (t.type === types.RANGE && t.from <= 32 && t.to >= 32),
    );
  }
  if (node.type === types.GROUP)
    return [...(node.stack ?? []), ...(node.options ?? []).flat()].some(crossesWords);
  return node.type === types.CHAR && node.value === 32;
}
