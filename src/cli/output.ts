/**
 * The only importer of chalk. Data goes to stdout (`out`), diagnostics to
 * stderr (`err`). Colour is off with --no-color, NO_COLOR, or when the
 * stream is not a terminal (chalk's own detection).
 */
import chalk from 'chalk';
import { stripVTControlCharacters } from 'node:util';
import type * as Wrap from './wrap.js';

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

/** The width to wrap a terminal stream at; undefined when it is not a terminal (a pipe or file gets the text unchanged). */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): number | undefined {
  return stream.isTTY && stream.columns > 0 ? stream.columns : undefined;
}

/** The wrapping code (fast-wrap-ansi, fast-string-width): loaded only when a terminal will show the output. */
let wrap: typeof Wrap | undefined;

/** Called by main before a command runs: a pipe or a file gets text unchanged, and never pays for loading the wrapper. */
export async function prepareTerminal(): Promise<void> {
  if (process.stdout.isTTY || process.stderr.isTTY) wrap ??= await import('./wrap.js');
}

/** Text wrapped at word boundaries to `width` when a terminal shows the output (the wrapper is loaded), else unchanged. */
export function wrapTo(text: string, width: number): string {
  return wrap === undefined ? text : wrap.wrapText(text, width);
}

function wrapped(text: string, stream: NodeJS.WriteStream): string {
  const width = terminalWidth(stream);
  return width === undefined || wrap === undefined ? text : wrap.wrapText(text, width);
}

export function out(text = ''): void {
  process.stdout.write(wrapped(text, process.stdout) + '\n');
}

/** Text printed verbatim, never wrapped: a document (a blank sheet, a paper quiz) meant to be saved. */
export function outRaw(text: string): void {
  process.stdout.write(text + '\n');
}

export function err(text = ''): void {
  process.stderr.write(wrapped(text, process.stderr) + '\n');
}

/** Text for stderr wrapped as err() wraps it (commander's usage errors: see program.ts). */
export function fitErr(text: string): string {
  return wrapped(text, process.stderr);
}

/** Data: written unchanged, never wrapped. */
export { printJson } from './print-json.js';

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
