// Build step after scripts/bundle-cli.mjs: V8's code cache for the chunks of dist/bin/ (see
// bin/code-cache.cjs). Runs the built program once for each main command with
// OAUTH_TUTOR_CODE_CACHE=write, in a throw-away home and without a terminal; each run leaves,
// beside every chunk it loaded, what V8 compiled of it, on top of what the runs before it left.
// The lesson renderer and the prompts get a run each too (scripts/code-cache-markdown.cjs,
// scripts/code-cache-prompts.cjs).
// Every run must succeed: a command that fails here would fail for the learner too. Then each
// command runs again, and the build fails if any chunk it loads did not use its cache (V8 rejects
// a cache made under other flags: see the flag bin/code-cache.cjs sets back).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'oauth-tutor.cjs');
const home = mkdtempSync(join(tmpdir(), 'oauth-tutor-code-cache-'));
const env = { ...process.env, OAUTH_TUTOR_HOME: home };
env.NO_COLOR = '1';
delete env.NODE_OPTIONS;
/** One run of Node with `argv` (a script and its arguments) in a code-cache mode: stdout, stderr. */
function run(argv, mode) {
  const r = spawnSync(process.execPath, argv, {
    env: { ...env, OAUTH_TUTOR_CODE_CACHE: mode },
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    console.error(`code-cache: ${argv.join(' ')} exited ${r.status ?? r.signal}\n${r.stderr}`);
    process.exit(1);
  }
  return r;
}

// A filled-in review sheet, so that `check` grades answers, not blanks.
const sheet = join(home, 'answers.md');
const answer =
  'It is exchanged at the token endpoint, with the client secret, for an access token.';
writeFileSync(
  sheet,
  run([bin, 'check', '--template'], 'write').stdout.replace(
    /^(#{2,3} .+)\n\n/gm,
    `$1\n\n${answer}\n`,
  ),
);
// A JWT with a made-up signature (`jwt decode` does not verify).
const token = [
  { alg: 'HS256', typ: 'JWT' },
  { sub: 'ada', aud: 'api', iat: 1700000000 },
]
  .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
  .concat('c2lnbmF0dXJl')
  .join('.');

const RUNS = [
  ...[
    ['--help'],
    ['check', '--help'],
    ['learn', '--list'],
    ['order', '--seed', '1', '--json'],
    ['quiz', '--list'],
    ['jwt', 'decode', token],
    ['check', sheet, '--no-save'],
    // Saving the review queue: the progress store, its lock and its atomic write.
    ['check', sheet],
    ['check', sheet, '--no-save', '--json'],
    ['flow', '--auto', '--json'],
    // The flow as a learner watches it: the step printer and the sequence diagram.
    ['flow', '--auto'],
    ['progress'],
    // YAML (the shipped lessons' and decks' sources), which instructors' decks are read with.
    ['lessons', 'lint'],
  ].map((args) => [bin, ...args]),
  // The lesson renderer, which no command runs without a terminal.
  [join(root, 'scripts', 'code-cache-markdown.cjs')],
  // The prompts, which no command shows without a terminal either.
  [join(root, 'scripts', 'code-cache-prompts.cjs')],
];
const unused = [];
try {
  for (const argv of RUNS) run(argv, 'write');
  for (const argv of RUNS)
    for (const [, chunk, status] of run(argv, 'report').stderr.matchAll(
      /^code cache: (\S+) (\w+)$/gm,
    ))
      if (status !== 'used')
        unused.push(
          `${argv.slice(1).join(' ') || argv[0].replace(/.*[\\/]/, '')}: ${chunk} ${status}`,
        );
} finally {
  rmSync(home, { recursive: true, force: true });
}
if (unused.length > 0) {
  console.error(`code-cache: caches not used: ${unused.join(', ')}`);
  process.exit(1);
}
const made = readdirSync(join(root, 'dist', 'bin')).filter((f) => f.endsWith('.cache'));
if (made.length === 0) {
  console.error('code-cache: no chunk got a code cache');
  process.exit(1);
}
