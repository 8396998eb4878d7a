/**
 * Which of `flow`'s flags go together (src/cli/commands/flow.ts): each bad combination is a
 * usage error (exit 2) that names the fix, raised before anything starts. Parsed in process by
 * the real program; that such an error reaches the learner as exit 2 and two lines on stderr
 * is proven end to end in test/e2e/flow.test.ts ("bad flags exit 2"). A value commander
 * refuses by itself (an unknown --attack lab) is test/unit/cli-options.test.ts.
 */
import { expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { TutorError } from '../../src/errors.js';

async function usageOf(args: string[]): Promise<TutorError> {
  const error = await buildProgram()
    .parseAsync(['flow', ...args], { from: 'user' })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!(error instanceof TutorError))
    throw new Error(`flow ${args.join(' ')} did not fail with a TutorError: ${String(error)}`);
  return error;
}

const EXTERNAL = ['--auto', '--issuer', 'http://127.0.0.1:1', '--client-id', 'x'];

it.each([
  [['--auto', '--issuer', 'http://127.0.0.1:1'], /needs --client-id/],
  [['--auto', '--user', 'carol'], /--user carol/],
  [[...EXTERNAL, '--attack', 'state'], /built-in provider only/],
  [[...EXTERNAL, '--redirect-uri', 'http://127.0.0.1/cb'], /has no port/],
  [[...EXTERNAL, '--redirect-uri', 'http://127.0.0.1:5173/cb', '--redirect-port', '1'], /not both/],
  [['--auto', '--redirect-path', '/cb'], /is for a provider you registered/],
  [
    [
      '--auto',
      '--authorize-url',
      'http://127.0.0.1:1/a',
      '--token-url',
      'http://127.0.0.1:1/t',
      '--client-id',
      'x',
    ],
    /no discovery document to name the API: give --api-url/,
  ],
  // The built-in provider's flow calls its own /api/notes: a URL given for it was once dropped unsaid.
  [
    ['--auto', '--api-url', 'http://127.0.0.1:1/userinfo'],
    /--api-url .* step 7 calls its \/api\/notes/,
  ],
])('%j is a usage error that says what to change', async (args, message) => {
  const error = await usageOf(args);
  expect(error.code).toBe('ERR_USAGE');
  expect(error.exitCode).toBe(2);
  expect(error.message).toMatch(message);
});
