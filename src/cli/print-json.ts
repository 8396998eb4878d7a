/**
 * Data as JSON on stdout, written unchanged (never wrapped or coloured). Apart from output.ts, which
 * re-exports it, so that a command printing only JSON (`flow --auto --json`) loads no chalk.
 */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
