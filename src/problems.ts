/**
 * A problem found in content written by people (lessons, rubrics, decks):
 * where it is (file, field, line) and what is wrong, and the one way it is
 * printed. Content checks collect every problem instead of throwing, so an
 * instructor can fix them all in one pass.
 */

export interface Problem {
  /** Path of the file, relative to the lessons directory. */
  file: string;
  /** Dotted path of the field, e.g. `steps[3].why`. Empty for the whole file. */
  field: string;
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return p.field === '' ? `${where}: ${p.message}` : `${where}: ${p.field}: ${p.message}`;
}
