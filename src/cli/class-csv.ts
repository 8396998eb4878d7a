/** The class in CSV (`check --report class.csv`): loaded only when asked for, with the CSV library. */
import type { FileGrade } from '../grader/summary.js';
import { toCsv, type CsvCell } from '../csv.js';

/** One row per student and item, ready for a spreadsheet (cells that look like formulas are defused, see src/csv.ts). */
export function classCsv(grades: readonly FileGrade[]): string {
  const rows: CsvCell[][] = [['file', 'score', 'item', 'verdict', 'misconception', 'error']];
  for (const g of grades) {
    if (g.sheet === undefined) {
      rows.push([g.file, null, '', '', '', g.error ?? '']);
      continue;
    }
    const misc = new Map(g.sheet.misconceptions.map((m) => [m.item, m.id]));
    rows.push([g.file, g.sheet.score, 'ordering', g.sheet.ordering.verdict, '', '']);
    for (const [id, r] of Object.entries(g.sheet.questions))
      rows.push([
        g.file,
        g.sheet.score,
        `question:${id}`,
        r.verdict,
        misc.get(`question:${id}`) ?? '',
        '',
      ]);
    for (const [id, r] of Object.entries(g.sheet.vocabulary))
      rows.push([g.file, g.sheet.score, id, r.verdict, misc.get(id) ?? '', '']);
  }
  return toCsv(rows);
}
