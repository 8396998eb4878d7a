/**
 * The one-line score graphics of the class summaries (`check --summary`,
 * `report`): a 20-cell bar for a score of 0..1, and a label cut or padded to
 * its column.
 */

const CELLS = 20;

/** ████████········ for a score of 0..1 (each cell is 5%). */
export function scoreBar(score: number): string {
  const filled = Math.min(CELLS, Math.max(0, Math.round(score * CELLS)));
  return '█'.repeat(filled).padEnd(CELLS, '·');
}

/** The label in exactly `width` characters: padded, or cut with an ellipsis. */
export function fitLabel(label: string, width: number): string {
  return label.length > width ? `${label.slice(0, width - 1)}…` : label.padEnd(width);
}
