/**
 * Grading a whole answer sheet: read it (sheet.ts), match its steps to the
 * canonical order, evaluate every question and term against the rubric, and
 * score it. Pure: text in, data out. Never throws on any text.
 */
import { scoreOf } from '../quiz/score.js';
import { evaluate, type ItemResult, type Verdict } from './evaluate.js';
import { Memo } from './memo.js';
import type { Rubric, RubricItem } from './rubric.js';
import { SheetReader, type StepLine } from './sheet.js';
import { stepMatcher, type CanonicalStep } from './steps.js';

export interface GradingKit {
  rubric: Rubric;
  /** The steps in their correct order, with why each comes where it does. */
  steps: (CanonicalStep & { why?: string })[];
}

export interface MisplacedStep {
  step: number;
  text: string;
  position: number;
  expectedPosition: number;
  why?: string;
}

export interface OrderingResult {
  verdict: Exclude<Verdict, 'partial'>;
  /** Canonical step numbers (1–7) in the student's order; null when the sheet has no steps. */
  given: number[] | null;
  feedback: string;
  misplaced: MisplacedStep[];
}

export interface SheetMisconception {
  id: string;
  /** "client-id", or "question:authorization-code". */
  item: string;
  explanation: string;
  link: string;
}

export interface GradedSheet {
  score: number;
  ordering: OrderingResult;
  questions: Record<string, ItemResult>;
  vocabulary: Record<string, ItemResult>;
  misconceptions: SheetMisconception[];
  reflections: string[];
}

export function createGrader(kit: GradingKit): (text: string) => GradedSheet {
  const reader = new SheetReader(kit.rubric, stepMatcher(kit.steps, kit.rubric.ordering.steps));
  // The same answer to the same item gets the same result (evaluate is pure): blank, stock and
  // copied answers recur across a class. The results are shared between sheets, never changed.
  const judged = new Map<RubricItem, Memo<string | undefined, ItemResult>>();
  const judge = (item: RubricItem, answer: string | undefined): ItemResult => {
    let memo = judged.get(item);
    if (memo === undefined) {
      // 11 items × 256 results: a class where every answer differs keeps a few MB, not every answer.
      memo = new Memo(256);
      judged.set(item, memo);
    }
    return memo.get(answer, (a) => evaluate(item, a));
  };
  // The same for the order of the steps (it depends on the steps named, in order), and for the
  // misconceptions a result names, labelled with its item.
  const orderings = new Memo<string, OrderingResult>(256);
  const labelled = new WeakMap<ItemResult, SheetMisconception[]>();
  const misconceptionsOf = (result: ItemResult, item: string): SheetMisconception[] => {
    let list = labelled.get(result);
    if (list === undefined) {
      list = result.misconceptions.map((m) => ({ ...m, item }));
      labelled.set(result, list);
    }
    return list;
  };
  return (text) => {
    const sheet = reader.read(text);
    const lines = sheet.steps;
    const ordering =
      lines === undefined
        ? gradeOrdering(kit.steps, undefined)
        : orderings.get(` ${lines.map((l) => l.id).join(' ')}`, () =>
            gradeOrdering(kit.steps, lines),
          );
    const questions: Record<string, ItemResult> = {};
    const vocabulary: Record<string, ItemResult> = {};
    const misconceptions: SheetMisconception[] = [];
    for (const q of kit.rubric.questions) {
      const result = judge(q, sheet.questions.get(q.id));
      questions[q.id] = result;
      misconceptions.push(...misconceptionsOf(result, `question:${q.id}`));
    }
    for (const t of kit.rubric.terms) {
      const result = judge(t, sheet.terms.get(t.id));
      vocabulary[t.id] = result;
      misconceptions.push(...misconceptionsOf(result, t.id));
    }
    const score = scoreOf([
      ordering.verdict,
      ...Object.values(questions).map((r) => r.verdict),
      ...Object.values(vocabulary).map((r) => r.verdict),
    ]);
    return {
      score,
      ordering,
      questions,
      vocabulary,
      misconceptions,
      reflections: sheet.reflections,
    };
  };
}

function gradeOrdering(steps: GradingKit['steps'], lines: StepLine[] | undefined): OrderingResult {
  if (lines === undefined) {
    return {
      verdict: 'missing',
      given: null,
      feedback: 'No list of the seven steps found.',
      misplaced: [],
    };
  }
  // Each line with the canonical step it names and that step's number (1–7). The matcher only
  // ever names canonical steps, so every line finds its step.
  const placed = lines.flatMap((l) => {
    const index = steps.findIndex((s) => s.id === l.id);
    const step = steps[index];
    return step === undefined ? [] : [{ n: index + 1, step }];
  });
  const given = placed.map((p) => p.n);
  const quote = (step: { text: string }) => `"${step.text}"`;
  const complete = given.length === steps.length && new Set(given).size === steps.length;
  // A complete list: every step not at its own place. An incomplete one: the steps out of
  // order relative to the others, so one missing step does not make every later one "misplaced".
  const inOrder = complete ? undefined : longestIncreasing(given);
  const misplaced: MisplacedStep[] = [];
  const seen = new Set<number>();
  placed.forEach(({ n, step }, i) => {
    const repeat = seen.has(n);
    seen.add(n);
    const wrong = inOrder === undefined ? n !== i + 1 : !repeat && !inOrder.has(i);
    if (!wrong) return;
    misplaced.push({
      step: n,
      text: step.text,
      position: i + 1,
      expectedPosition: n,
      ...(step.why === undefined ? {} : { why: step.why }),
    });
  });
  if (complete && misplaced.length === 0) {
    return {
      verdict: 'correct',
      given,
      feedback: `All ${steps.length} steps in the right order.`,
      misplaced,
    };
  }
  if (complete) {
    return {
      verdict: 'incorrect',
      given,
      feedback: `${given.length - misplaced.length} of ${steps.length} steps in place.`,
      misplaced,
    };
  }
  const absent = steps.filter((_, i) => !given.includes(i + 1));
  const counted = new Set<number>();
  const repeated = [
    ...new Set(
      placed.filter(({ n }) => counted.has(n) || (counted.add(n), false)).map((p) => p.step),
    ),
  ];
  const distinct = new Set(given).size;
  const parts = [
    `You listed ${given.length} step${given.length === 1 ? '' : 's'}${repeated.length > 0 ? ` (${distinct} different)` : ''}; the flow has ${steps.length}.`,
  ];
  if (absent.length > 0) parts.push(`Missing: ${absent.map(quote).join(', ')}.`);
  if (repeated.length > 0) parts.push(`Listed more than once: ${repeated.map(quote).join(', ')}.`);
  parts.push(
    misplaced.length === 0
      ? 'The steps you gave are in the right order relative to each other.'
      : `${misplaced.length} of the steps you gave ${misplaced.length === 1 ? 'is' : 'are'} out of order.`,
  );
  return { verdict: 'incorrect', given, feedback: parts.join(' '), misplaced };
}

/** Indexes of one longest strictly increasing run of first occurrences (patience sorting, O(n log n)). */
function longestIncreasing(values: number[]): Set<number> {
  // tails[k]: the smallest value ending an increasing run of length k + 1, and where it stands.
  const tails: { value: number; index: number }[] = [];
  const previous: number[] = new Array<number>(values.length).fill(-1);
  const seen = new Set<number>();
  values.forEach((v, i) => {
    if (seen.has(v)) return;
    seen.add(v);
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tails[mid]?.value ?? Infinity) < v) lo = mid + 1;
      else hi = mid;
    }
    previous[i] = tails[lo - 1]?.index ?? -1;
    tails[lo] = { value: v, index: i };
  });
  const out = new Set<number>();
  for (let i = tails.at(-1)?.index ?? -1; i >= 0; i = previous[i] ?? -1) out.add(i);
  return out;
}
