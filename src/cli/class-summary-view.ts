/**
 * The class summary of `check` for the terminal: sheets graded, the average, each item's score as
 * a bar, hardest first, and the commonest misconceptions. A module of its own, imported only when
 * a summary is shown: its bars measure text (fast-string-width), whose Unicode tables cost a
 * single sheet's check about 8 M instructions to load.
 */
import type { ClassSummary } from '../grader/summary.js';
import { scoreOfCounts } from '../quiz/score.js';
import { c, out, terminalWidth } from './output.js';
import { scoreRows } from './score-bar.js';

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
