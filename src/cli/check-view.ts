/** Renders graded sheets and the class summary for the terminal. */
import type { ItemResult, Verdict } from '../grader/evaluate.js';
import type { GradingKit } from '../grader/grade.js';
import type { Rubric } from '../grader/rubric.js';
import type { ClassSummary, FileGrade } from '../grader/summary.js';
import { ordinal } from '../tutor/ordering.js';
import { scoreOfCounts } from '../quiz/score.js';
import { c, out, terminalWidth } from './output.js';
import { scoreRows } from './score-bar.js';

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

export function printClassSummary(s: ClassSummary): void {
  out(
    c.bold(
      `Class summary: ${s.graded} of ${s.files} sheets graded${s.averageScore === null ? '' : `, average score ${Math.round(s.averageScore * 100)}%`}`,
    ),
  );
  out();
  // A score equal to a sheet's (`scoreOfCounts`: partly right counts half), so it matches `report`.
  out(c.underline('Per item, hardest first (score; partly right counts half)'));
  const rows = s.items
    .map((i) => ({
      label: i.label,
      score: scoreOfCounts(i),
      detail: `${Math.round(i.correct * 100)}% right${i.partial > 0 ? `, ${Math.round(i.partial * 100)}% partly` : ''}`,
    }))
    .sort((a, b) => a.score - b.score);
  for (const line of scoreRows(rows, terminalWidth(), { maxLabel: 60, dim: (t) => c.dim(t) }))
    out(line);
  if (s.misconceptions.length > 0) {
    out();
    out(c.underline('Most common misconceptions'));
    for (const m of s.misconceptions.slice(0, 5))
      out(`  ${String(m.count).padStart(3)}× ${m.item}: ${m.explanation}`);
  }
  out();
}
