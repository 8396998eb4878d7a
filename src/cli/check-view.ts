/** Renders graded sheets for the terminal (the class summary: class-summary-view.ts). */
import type { ItemResult, Verdict } from '../grader/evaluate.js';
import type { GradingKit } from '../grader/grade.js';
import type { Rubric } from '../grader/rubric.js';
import type { FileGrade } from '../grader/summary.js';
import { ordinal } from '../tutor/ordering.js';
import { c, out } from './output.js';

const MARK: Record<Verdict, () => string> = {
  correct: () => c.green('✓'),
  partial: () => c.yellow('~'),
  incorrect: () => c.red('✗'),
  missing: () => c.dim('–'),
};

/** Names of the graded items by key, like `check --json`, its class summary and `report` use the keys. */
export function itemLabels(rubric: Rubric): Map<string, string> {
  const labels = new Map<string, string>([['ordering', 'The seven steps in order']]);
  for (const q of rubric.questions) labels.set(`question:${q.id}`, q.prompt);
  for (const t of rubric.terms) labels.set(t.id, t.prompt);
  return labels;
}

export function printSheetReport(g: FileGrade, kit: GradingKit): void {
  if (g.sheet === undefined) {
    out(`${c.bold(g.file)}  ${c.red(`could not be checked: ${g.error}`)}`);
    out();
    return;
  }
  const s = g.sheet;
  out(`${c.bold(g.file)}  score ${c.bold(`${Math.round(s.score * 100)}%`)}`);
  out();
  out(c.underline('Ordering'));
  out(
    `  ${MARK[s.ordering.verdict === 'correct' ? 'correct' : s.ordering.verdict]()} ${s.ordering.feedback}`,
  );
  for (const m of s.ordering.misplaced) {
    out(
      `      "${m.text}" is ${ordinal(m.position)} in your list but comes ${ordinal(m.expectedPosition)}${m.why ? `: ${c.dim(m.why)}` : '.'}`,
    );
  }
  out();
  out(c.underline('Questions'));
  // The grader gives a result for every question and term of the rubric it was made with.
  for (const q of kit.rubric.questions) {
    const r = s.questions[q.id];
    if (r !== undefined) printItem(q.prompt, r);
  }
  out(c.underline('Vocabulary'));
  for (const t of kit.rubric.terms) {
    const r = s.vocabulary[t.id];
    if (r !== undefined) printItem(t.prompt, r);
  }
  if (s.reflections.length > 0)
    out(
      c.dim(
        `  (${s.reflections.length} reflection prompt${s.reflections.length > 1 ? 's' : ''} recognised, not graded)`,
      ),
    );
  out();
}

function printItem(label: string, r: ItemResult): void {
  out(`  ${MARK[r.verdict]()} ${c.bold(label)} ${c.dim(`— ${r.verdict}`)}`);
  if (r.verdict === 'correct') {
    if (r.note !== undefined) out(`      ${c.dim(r.note)}`);
    return;
  }
  out(`      ${r.feedback}`);
  for (const m of r.misconceptions) out(`      ${c.dim(`See ${m.link}`)}`);
  out(`      ${c.cyan('Model answer:')} ${r.model}`);
}
