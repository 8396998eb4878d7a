/**
 * The entry point, and the only place that sets exit codes. Commands return
 * or throw; here a TutorError becomes a two-line message (what went wrong,
 * what to do next) and its documented exit code. No stack trace reaches the
 * learner unless OAUTH_TUTOR_DEBUG is set.
 *
 * Start-up is kept lean: --version answers before commander loads, and
 * chalk and every command's code load only when needed.
 */
import { EXIT, ExitError, TutorError } from '../errors.js';

/** Exit code for an unexpected internal error (a bug). */
const EXIT_INTERNAL = 3;

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    const { version } = await import('./version.js');
    process.stdout.write(`${version()}\n`);
    return EXIT.OK;
  }
  if (argv.includes('--no-color')) process.env['NO_COLOR'] = '1';
  try {
    const { buildProgram } = await import('./program.js');
    await buildProgram().parseAsync(argv as string[]);
    return EXIT.OK;
  } catch (error) {
    return report(error);
  }
}

export async function report(error: unknown): Promise<number> {
  if (error instanceof ExitError) return error.exitCode;
  if ((error as { name?: string } | undefined)?.name === 'CommanderError') {
    const code = (error as { code: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return EXIT.OK;
    // commander has already printed its message and the help hint.
    return EXIT.USAGE;
  }
  const { c, err } = await import('./output.js');
  if (error instanceof TutorError) {
    if (error.code === 'ERR_INTERRUPTED') {
      err(c.dim('Interrupted. Your progress is saved.'));
    } else {
      err(`${c.red('error:')} ${error.message}`);
      if (error.hint !== undefined) err(`  ${error.hint}`);
    }
    debug(error, err);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  err(`${c.red('error:')} unexpected: ${message.split('\n')[0]}`);
  err('  This is a bug in oauth-tutor. Run again with OAUTH_TUTOR_DEBUG=1 for details, and please report it.');
  debug(error, err);
  return EXIT_INTERNAL;
}

function debug(error: unknown, err: (s: string) => void): void {
  if (process.env['OAUTH_TUTOR_DEBUG']) err(String((error as Error)?.stack ?? error));
}

function onSigint(): void {
  // Reached only outside prompts (Inquirer handles Ctrl-C itself). Progress
  // is saved after every answer, so there is nothing to flush.
  process.stderr.write('\nInterrupted. Your progress is saved.\n');
  process.exit(EXIT.INTERRUPTED);
}

// A closed pipe (`oauth-tutor … | head`) is not an error worth a message.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.OK);
  throw error;
});
process.on('SIGINT', onSigint);

process.exitCode = await main();
