/**
 * A sheet saved as CSV from a spreadsheet or a notes app (`Client ID,the app's public id`,
 * `section,item,answer` rows): each record is read as the line a student would have written
 * ("Client ID: the app's public id", "3. Redirect…", "What can you do…? the answer"). A column
 * that only sorts the rows ("order", "question", "term") is left out, and so are a header row of
 * one-word names and `#` comment lines. The records are parsed by csv-parse (quotes, commas and
 * line breaks inside a quoted field), loaded only for a sheet that looks like CSV.
 */
import { createRequire } from 'node:module';
import type { parse as Parse } from 'csv-parse/sync';

/** Fewer records than this are not told from prose with commas. */
const MIN_RECORDS = 6;
/** The share of the sheet's lines (blank and `#` lines aside) that must be records of one width. */
const MIN_SHARE = 0.8;
const HEADER_FIELD = /^[A-Za-z][A-Za-z_-]{0,19}$/;
/** A column that sorts the rows: few values, each one short word. */
const TAG = /^[A-Za-z][A-Za-z_-]{0,14}$/;

let parse: typeof Parse | undefined;

/** The sheet's lines as a student would have written them, or undefined when it is not CSV. */
export function csvAsLines(lines: readonly string[]): string[] | undefined {
  const content = lines.filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (content.length < MIN_RECORDS || content.length > 5_000) return undefined;
  if (content.filter((l) => l.includes(',')).length < content.length * MIN_SHARE) return undefined;
  let records: string[][];
  try {
    parse ??= (createRequire(import.meta.url)('csv-parse/sync') as { parse: typeof Parse }).parse;
    records = parse(content.join('\n'), {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch {
    return undefined;
  }
  // One width for (nearly) every record: two columns or more.
  const widths = new Map<number, number>();
  for (const r of records) widths.set(r.length, (widths.get(r.length) ?? 0) + 1);
  const [width, count] = [...widths].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  if (width < 2 || width > 6 || count < MIN_RECORDS || count < content.length * MIN_SHARE)
    return undefined;
  const header = records[0]?.every((f) => HEADER_FIELD.test(f)) === true;
  const rows = header ? records.slice(1) : records;
  const tags = new Set(rows.map((r) => r[0] ?? ''));
  const sorted = width >= 3 && tags.size <= 5 && [...tags].every((t) => TAG.test(t));
  return rows.map((record) => {
    const [label = '', ...rest] = sorted ? record.slice(1) : record;
    const answer = rest.filter((f) => f !== '').join(' ');
    if (/^\d{1,2}$/.test(label)) return `${label}. ${answer}`;
    if (label.endsWith('?')) return `${label} ${answer}`.trim();
    return answer === '' ? `${label}:` : `${label}: ${answer}`;
  });
}
