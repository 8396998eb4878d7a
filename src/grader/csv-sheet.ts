/**
 * A sheet saved as CSV from a spreadsheet or a notes app: a header row of one-word column names
 * (`Term,Definition`, `section,item,answer`, `Position,Step`), then one record per item. Each record
 * is read as the line a student would have written ("Client ID: the app's public id", "3. Redirect…",
 * "What can you do…? the answer"): the label, and the column after it (a further column, such as a
 * confidence score, is no part of the answer). A column that only sorts the rows ("order",
 * "question", "term") is left out; rows numbered by position are put in that order; `#` comment lines
 * before the header are dropped. The records are parsed by csv-parse (quoted fields with commas and
 * line breaks; `;` as the separator where the header uses it, as a European Excel writes), loaded
 * only for a sheet whose first line is such a header.
 */
import { createRequire } from 'node:module';
import type { parse as Parse } from 'csv-parse/sync';

/** Fewer records than this are not worth telling from prose. */
const MIN_RECORDS = 4;
/** A header: two to six one-word column names and nothing else. */
const HEADER = /^\s*[A-Za-z][A-Za-z_ -]{0,19}(?:\s*([,;])\s*[A-Za-z][A-Za-z_ -]{0,19}){1,5}\s*$/;
/** A line of markdown: a heading, list item, quote, table row or fence. */
const MARKDOWN_BLOCK = /^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,2}[.)]\s|>|\||```|~~~)/;
/** A column that sorts the rows: few values, each one short word. */
const TAG = /^[A-Za-z][A-Za-z_-]{0,14}$/;

let parse: typeof Parse | undefined;

/** The sheet's lines as a student would have written them, or undefined when it is not CSV. */
export function csvAsLines(lines: readonly string[]): string[] | undefined {
  let at = 0;
  while (at < lines.length && (lines[at]?.trim() === '' || /^\s*#/.test(lines[at] ?? ''))) at++;
  const header = HEADER.exec(lines[at] ?? '');
  // A header has one-word names, not a step or a sentence ("Register, Ask, Redirect" is no header).
  if (
    header === null ||
    (lines[at] ?? '').split(/[,;]/).some((f) => f.trim().split(/\s+/).length > 2)
  )
    return undefined;
  const delimiter = header[1] ?? ',';
  const after = lines.slice(at + 1).filter((l) => l.trim() !== '');
  // Markdown below the first line ("## Questions", "- …", "1. …") is a sheet, not a spreadsheet.
  if (after.some((l) => MARKDOWN_BLOCK.test(l))) return undefined;
  const body = lines.slice(at).join('\n');
  if (body.length > 200_000) return undefined;
  let records: string[][];
  try {
    parse ??= (createRequire(import.meta.url)('csv-parse/sync') as { parse: typeof Parse }).parse;
    records = parse(body, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch {
    return undefined;
  }
  const width = records[0]?.length ?? 0;
  const rows = records.slice(1);
  // Nearly a record a line (a quoted field may run over several).
  if (rows.length < after.length * 0.5) return undefined;
  // Every record (nearly) as wide as the header.
  if (
    rows.length < MIN_RECORDS ||
    rows.filter((r) => r.length === width).length < rows.length * 0.8
  )
    return undefined;
  const tags = new Set(rows.map((r) => r[0] ?? ''));
  const sorted = width >= 3 && tags.size <= 5 && [...tags].every((t) => TAG.test(t));
  const items = rows.map((r) => (sorted ? r.slice(1) : r));
  // Rows numbered by position ("3,Ask the client…", "1,Register…"): in that order.
  const positions = items.map((r) => (/^\d{1,2}$/.test(r[0] ?? '') ? Number(r[0]) : undefined));
  const numbered = items.filter((_, i) => positions[i] !== undefined);
  if (
    numbered.length >= MIN_RECORDS &&
    new Set(positions.filter((p) => p !== undefined)).size === numbered.length
  )
    numbered.sort((a, b) => Number(a[0]) - Number(b[0]));
  let next = 0;
  const ordered = items.map((r, i) => (positions[i] === undefined ? r : (numbered[next++] ?? r)));
  return ordered.map(([label = '', answer = '']) => {
    if (/^\d{1,2}$/.test(label)) return `${label}. ${answer}`;
    if (label.endsWith('?')) return `${label} ${answer}`.trim();
    return answer === '' ? `${label}:` : `${label}: ${answer}`;
  });
}
