/**
 * The one-line score graphics of the class summaries (`check --summary`,
 * `report`): a 20-cell bar for a score of 0..1, a label cut or padded to its
 * column by display width (fast-string-width: colours count nothing, CJK and
 * emoji count two), and the rows laid out to fit the terminal, so that no
 * row is ever folded by the wrapper or the terminal.
 */
import stringWidth from 'fast-string-width';

const CELLS = 20;

/** ████████········ for a score of 0..1 (each cell is 5%). */
export function scoreBar(score: number): string {
  const filled = Math.min(CELLS, Math.max(0, Math.round(score * CELLS)));
  return '█'.repeat(filled).padEnd(CELLS, '·');
}

// Made on first use: constructing an Intl.Segmenter loads ICU's break rules, about 11 ms, and
// most runs never cut a label.
let graphemes: Intl.Segmenter | undefined;

/**
 * The label in exactly `width` columns as a terminal shows them: padded, or cut with an ellipsis
 * between whole characters (a wide character that would straddle the edge is left out, and the
 * gap padded), so that what follows it lines up.
 */
export function fitLabel(label: string, width: number): string {
  if (width <= 0) return '';
  const w = stringWidth(label);
  if (w <= width) return label + ' '.repeat(width - w);
  let kept = '';
  let used = 0;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(label)) {
    const sw = stringWidth(segment);
    if (used + sw > width - 1) break;
    kept += segment;
    used += sw;
  }
  const cut = kept.trimEnd();
  return `${cut}…${' '.repeat(width - 1 - stringWidth(cut))}`;
}

export interface ScoreRow {
  label: string;
  /** 0..1 */
  score: number;
  /** What the score is made of ("44% right, 11% partly"): shown when there is room. */
  detail: string;
}

export interface ScoreRowsOptions {
  /** The widest a label column gets, however wide the terminal. */
  maxLabel: number;
  /** Colours the bar (e.g. red for a low score). */
  bar?: (bar: string, score: number) => string;
  dim?: (text: string) => string;
}

const INDENT = '  ';
const GAP = '  ';
/** "  " + label + "  " + bar + " " + "100%". */
const FIXED = INDENT.length + GAP.length + CELLS + 1 + 4;
/** Narrower than this, a label says too little: the detail goes first. */
const MIN_LABEL_WITH_DETAIL = 32;
/** Narrower than this, the label gets a line of its own, the bar the next. */
const MIN_LABEL = 12;

/**
 * The rows as lines of "label  bar pct  detail", every bar in the same column. `columns` is the
 * terminal's width (undefined: a pipe or a file, no limit). On a terminal no line is wider than
 * `columns`: labels are cut to fit, the detail is left out when it would leave a label less than
 * MIN_LABEL_WITH_DETAIL columns, and on a very narrow terminal each label has a line of its own.
 */
export function scoreRows(
  rows: readonly ScoreRow[],
  columns: number | undefined,
  opts: ScoreRowsOptions,
): string[] {
  const dim = opts.dim ?? ((s: string) => s);
  const colourBar = opts.bar ?? ((b: string) => b);
  const natural = Math.min(opts.maxLabel, Math.max(0, ...rows.map((r) => stringWidth(r.label))));
  const detailWidth = Math.max(0, ...rows.map((r) => GAP.length + stringWidth(r.detail)));
  let labelWidth = natural;
  let detail = true;
  if (columns !== undefined) {
    const withDetail = columns - FIXED - detailWidth;
    if (withDetail >= Math.min(natural, MIN_LABEL_WITH_DETAIL)) {
      labelWidth = Math.min(natural, withDetail);
    } else {
      detail = false;
      labelWidth = Math.min(natural, columns - FIXED);
    }
  }
  const stacked = columns !== undefined && labelWidth < Math.min(natural, MIN_LABEL);
  return rows.flatMap((r) => {
    const pct = `${String(Math.round(r.score * 100)).padStart(3)}%`;
    const graphic = `${colourBar(scoreBar(r.score), r.score)} ${pct}`;
    const more = detail && r.detail !== '' ? `${GAP}${dim(r.detail)}` : '';
    if (stacked && columns !== undefined)
      return [
        `${INDENT}${fitLabel(r.label, columns - INDENT.length).trimEnd()}`,
        `${INDENT}${INDENT}${graphic}`,
      ];
    return [`${INDENT}${fitLabel(r.label, labelWidth)}${GAP}${graphic}${more}`];
  });
}
