/**
 * The only importer of chalk. Data goes to stdout (`out`), diagnostics to
 * stderr (`err`). Colour is off with --no-color, NO_COLOR, or when the
 * stream is not a terminal (chalk's own detection).
 */
import chalk from 'chalk';
import { stripVTControlCharacters } from 'node:util';

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

export function out(text = ''): void {
  process.stdout.write(text + '\n');
}

export function err(text = ''): void {
  process.stderr.write(text + '\n');
}

export function printJson(value: unknown): void {
  out(JSON.stringify(value, null, 2));
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
