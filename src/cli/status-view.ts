/**
 * Renders lesson status rows for the terminal in a table whose columns line
 * up (string-width measures what the terminal shows: colours count nothing,
 * wide characters count two). The title, the last column, wraps inside its
 * column when the terminal is narrow.
 */
import stringWidth from 'fast-string-width';
import { wrapAnsi } from 'fast-wrap-ansi';
import type { LessonStatus } from '../tutor/status.js';
import { c, terminalWidth } from './output.js';

export function statusMark(status: LessonStatus['status']): string {
  if (status === 'done') return c.green('✓');
  if (status === 'started') return c.yellow('…');
  return c.dim('·');
}

export function scoreText(row: LessonStatus): string {
  if (row.score === undefined) return '';
  const s = `${row.score.correct}/${row.score.total}`;
  return row.best !== undefined &&
    (row.best.correct !== row.score.correct || row.best.total !== row.score.total)
    ? `${s} (best ${row.best.correct}/${row.best.total})`
    : s;
}

/** Pads to a display width (padEnd counts code units, which is wrong for wide characters and colours). */
export function padCell(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

const GAP = '  ';

/** A title column narrower than this moves "(best …)" out of the score column and into the title's. */
const NARROW_TITLE = 30;

/** One line per lesson (more when a title wraps): mark, id, score, title. */
export function statusLines(rows: readonly LessonStatus[], width = terminalWidth()): string[] {
  if (rows.length === 0) return [];
  const idWidth = Math.max(...rows.map((r) => stringWidth(r.id)));
  const layout = (compact: boolean) => {
    const scores = rows.map((r) => (compact ? lastScore(r) : scoreText(r)));
    const scoreWidth = Math.max(...scores.map((s) => stringWidth(s)));
    const lead = 2 + idWidth + GAP.length + (scoreWidth === 0 ? 0 : scoreWidth + GAP.length);
    return { scores, scoreWidth, lead, titleWidth: width === undefined ? Infinity : width - lead };
  };
  let compact = false;
  let l = layout(false);
  if (l.titleWidth < NARROW_TITLE) {
    compact = true;
    l = layout(true);
  }
  const { scores, scoreWidth, lead } = l;
  const titleWidth = Math.max(l.titleWidth, 16);
  return rows.flatMap((r, i) => {
    const best =
      compact && r.best !== undefined && scoreText(r) !== lastScore(r)
        ? ` ${c.dim(`(best ${r.best.correct}/${r.best.total})`)}`
        : '';
    const cell = r.title + best;
    const titleLines =
      titleWidth === Infinity
        ? [cell]
        : wrapAnsi(cell, titleWidth, { hard: false, trim: true }).split('\n');
    const score = scoreWidth === 0 ? '' : padCell(c.dim(scores[i] ?? ''), scoreWidth) + GAP;
    const first = `${statusMark(r.status)} ${padCell(r.id, idWidth)}${GAP}${score}${titleLines[0] ?? ''}`;
    return [first, ...titleLines.slice(1).map((t) => ' '.repeat(lead) + t)];
  });
}

function lastScore(row: LessonStatus): string {
  return row.score === undefined ? '' : `${row.score.correct}/${row.score.total}`;
}
