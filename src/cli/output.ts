/**
 * The only importer of chalk. Data goes to stdout (`out`), diagnostics to
 * stderr (`err`). Colour is off with --no-color, NO_COLOR, or when the
 * stream is not a terminal (chalk's own detection).
 */
import chalk from 'chalk';
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

let colorOn = true;

/** Runs when this module is first imported, before anything prints or a prompt library loads. */
function configureColor(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  const noColorEnv = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  if (argv.includes('--no-color') || noColorEnv) {
    colorOn = false;
    chalk.level = 0;
    // Libraries that do their own detection (Inquirer, marked-terminal) honour NO_COLOR.
    env['NO_COLOR'] = '1';
  } else if (chalk.level === 0) {
    colorOn = false;
  }
}

configureColor(process.argv, process.env);

export function colorEnabled(): boolean {
  return colorOn && chalk.level > 0;
}

export const c = chalk;

/** The width to wrap a terminal stream at; undefined when it is not a terminal (a pipe or file gets the text as is). */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): number | undefined {
  return stream.isTTY && stream.columns > 0 ? stream.columns : undefined;
}

/**
 * Wraps text at word boundaries to `width` columns (wrap-ansi: colours
 * survive, wide characters count double). Continuation lines keep the line's
 * indent, plus two after a leading mark ("✗ ", "~ "). A word longer than the
 * line (a URL, a token) is left whole, never cut: the terminal folds it, and
 * it can still be copied.
 */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (stringWidth(line) <= width) return line;
      const lead = /^ */.exec(line)![0];
      const body = line.slice(lead.length);
      const mark = /^[✓✗~–!ℹ•·…*-] /.test(stripVTControlCharacters(body)) ? '  ' : '';
      const [first = '', ...rest] = wrapAnsi(body, Math.max(width - lead.length, 20), { hard: false, trim: true }).split('\n');
      if (rest.length === 0) return lead + first;
      const indent = lead + mark;
      const tail = wrapAnsi(rest.join(' '), Math.max(width - indent.length, 20), { hard: false, trim: true }).split('\n');
      return [lead + first, ...tail.map((l) => indent + l)].join('\n');
    })
    .join('\n');
}

/** Wraps one line of text to `width` columns, every line after the first indented by `indent` (for prompt choices and steps). */
export function hangingWrap(text: string, width: number, indent: string): string {
  const [first = '', ...rest] = wrapAnsi(text, Math.max(width, 20), { hard: false, trim: true }).split('\n');
  if (rest.length === 0) return first;
  const tail = wrapAnsi(rest.join(' '), Math.max(width, 20), { hard: false, trim: true }).split('\n');
  return [first, ...tail.map((l) => indent + l)].join('\n');
}

export function out(text = ''): void {
  const width = terminalWidth(process.stdout);
  process.stdout.write((width === undefined ? text : wrapText(text, width)) + '\n');
}

/** Text printed exactly as given, never wrapped: a document (a blank sheet, a paper quiz) meant to be saved. */
export function outRaw(text: string): void {
  process.stdout.write(text + '\n');
}

export function err(text = ''): void {
  const width = terminalWidth(process.stderr);
  process.stderr.write((width === undefined ? text : wrapText(text, width)) + '\n');
}

/** Data: written as is, never wrapped. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function plain(text: string): string {
  return stripVTControlCharacters(text);
}

export const sym = {
  ok: () => c.green('✓'),
  bad: () => c.red('✗'),
  warn: () => c.yellow('!'),
  info: () => c.cyan('ℹ'),
};

/** A one-line warning on stderr (e.g. a progress file moved aside). */
export function warn(message: string): void {
  err(`${sym.warn()} ${message}`);
}
