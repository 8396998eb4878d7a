/** Renders lesson status rows for the terminal. */
import type { LessonStatus } from '../tutor/status.js';
import { c } from './output.js';

export function statusMark(status: LessonStatus['status']): string {
  if (status === 'done') return c.green('✓');
  if (status === 'started') return c.yellow('…');
  return c.dim('·');
}

export function scoreText(row: LessonStatus): string {
  if (row.score === undefined) return '';
  const s = `${row.score.correct}/${row.score.total}`;
  return row.best !== undefined && (row.best.correct !== row.score.correct || row.best.total !== row.score.total) ? `${s} (best ${row.best.correct}/${row.best.total})` : s;
}

export function statusLines(rows: readonly LessonStatus[]): string[] {
  const idWidth = Math.max(...rows.map((r) => r.id.length));
  return rows.map((r) => {
    const score = scoreText(r);
    return `${statusMark(r.status)} ${r.id.padEnd(idWidth)}  ${r.title}${score === '' ? '' : c.dim(`  ${score}`)}`;
  });
}
