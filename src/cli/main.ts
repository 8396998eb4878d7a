/**
 * The entry point, and the only place that sets exit codes. Commands return
 * or throw; here a TutorError becomes a two-line message (what went wrong,
 * what to do next) and its documented exit code. No stack trace reaches the
 * learner unless OAUTH_TUTOR_DEBUG is set.
 *
 * Start-up is kept lean: --version answers before commander loads, and
 * chalk and every command's code load only when needed.
 */
import { EXIT } from '../errors.js';
import { version } from './version.js';

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${version()}\n`);
    return EXIT.OK;
  }
  if (argv.includes('--no-color')) process.env['NO_COLOR'] = '1';
  try {
    // Only a terminal gets wrapped text; a pipe or a file loads nothing for it.
    const output =
      process.stdout.isTTY || process.stderr.isTTY ? await import('./output.js') : undefined;
    await output?.prepareTerminal();
    const { buildProgram } = await import('./program.js');
    await buildProgram(argv, output === undefined ? {} : { fitErr: output.fitErr }).parseAsync(
      argv,
    );
    return EXIT.OK;
  } catch (error) {
    const { report } = await import('./report.js');
    return report(error);
  }
}

let interrupted = false;
async function onSigint(): Promise<void> {
  // Reached only outside prompts (Inquirer handles Ctrl-C itself). Progress
  // is saved after every answer; servers get a moment to close.
  if (interrupted) process.exit(EXIT.INTERRUPTED);
  interrupted = true;
  const { runInterruptCleanups } = await import('./interrupt.js');
  const closed = await runInterruptCleanups();
  process.stderr.write(closed > 0 ? '\nStopped.\n' : '\nInterrupted. Your progress is saved.\n');
  process.exit(EXIT.INTERRUPTED);
}

// A closed pipe (`oauth-tutor … | head`) is not an error worth a message.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.OK);
  throw error;
});
process.on('SIGINT', () => void onSigint());

// Not awaited at the top level: the bundle is CommonJS (scripts/bundle-cli.mjs), which has none.
void main().then((code) => {
  process.exitCode = code;
});
