/**
 * CSV for spreadsheets, through csv-stringify: quoting per RFC 4180, and a
 * cell that starts with =, +, -, @, a tab or a carriage return gets a leading
 * single quote, so a spreadsheet shows it literally instead of evaluating it like a
 * formula (OWASP "CSV injection"). Numbers stay numbers.
 */
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(
    rows.map((r) => r.map((cell) => cell ?? '')),
    { escape_formulas: true, record_delimiter: 'unix' },
  );
}
