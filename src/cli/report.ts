/**
 * Turns any error into what the learner sees and the exit code: a TutorError
 * becomes two lines (what went wrong, what to do next) and its documented
 * code; anything else is a bug, said in one line, with the stack only under
 * OAUTH_TUTOR_DEBUG.
 */
import { EXIT, ExitError, TutorError } from '../errors.js';
import { errorText } from './error-lines.js';

/** Exit code for an unexpected internal error (a bug). */
const EXIT_INTERNAL = 3;

export async function report(error: unknown): Promise<number> {
  if (error instanceof ExitError) return error.exitCode;
  if (isCommanderError(error)) {
    const { code } = error;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return EXIT.OK;
    // 'commander.help' with a non-zero exitCode is the help commander prints on stderr when a command
    // that only groups subcommands (`jwt`, …) is run without one: a usage error, not a request for help.
    if (code === 'commander.help') return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    // commander has already printed its message and the help hint (see program.ts: the same two
    // lines as below).
    return EXIT.USAGE;
  }
  const { c, err } = await import('./output.js');
  if (error instanceof TutorError) {
    if (error.code === 'ERR_INTERRUPTED') {
      err(c.dim('Interrupted. Your progress is saved.'));
    } else {
      err(errorText(error.message, error.hint, c.red).trimEnd());
    }
    debug(error, err);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  err(
    errorText(
      `unexpected: ${message.split('\n')[0]}`,
      'This is a bug in oauth-tutor. Run again with OAUTH_TUTOR_DEBUG=1 for details, and please report it.',
      c.red,
    ).trimEnd(),
  );
  debug(error, err);
  return EXIT_INTERNAL;
}

/** commander's errors, told apart by name: report.ts does not load commander to check the class. */
function isCommanderError(error: unknown): error is Error & { code: string; exitCode: number } {
  return (
    error instanceof Error &&
    error.name === 'CommanderError' &&
    'code' in error &&
    typeof error.code === 'string' &&
    'exitCode' in error &&
    typeof error.exitCode === 'number'
  );
}

function debug(error: unknown, err: (s: string) => void): void {
  if (process.env['OAUTH_TUTOR_DEBUG'])
    err(error instanceof Error ? (error.stack ?? String(error)) : String(error));
}
