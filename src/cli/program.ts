/**
 * Declares the commands and flags (commander), and nothing else: each
 * command's code is imported only when it runs, so that --help and
 * --version load no prompt, crypto or markdown library.
 */
import { Command } from 'commander';
import { usage } from '../errors.js';
import { version } from './version.js';

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

export function buildProgram(): Command {
  const program = new Command('oauth-tutor');
  program
    .description(
      'Learn OAuth 2.0 and JWT by doing: drills, real traffic on your own machine, and feedback on what you write.',
    )
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--no-color', 'turn off colours (NO_COLOR works too)')
    .argument('[command]')
    .usage('[options] [command]')
    .showHelpAfterError('(run `oauth-tutor --help` for usage)')
    .exitOverride()
    .configureHelp({
      sortSubcommands: false,
      subcommandTerm: (cmd) => `${cmd.name()} ${cmd.usage()}`.trim(),
    })
    .addHelpText(
      'after',
      examples(
        'oauth-tutor                      # the main menu',
        'oauth-tutor learn                # lessons, resuming where you left off',
        'oauth-tutor learn seven-steps',
        'oauth-tutor order --seed 7 --json',
        'oauth-tutor order --seed 7 --answer "DBAGCEF"',
        'oauth-tutor check answers.md',
        'oauth-tutor jwt decode "$TOKEN"',
        'oauth-tutor progress --json',
      ) +
        '\nExit codes: 0 ok · 1 wrong answer or failed check · 2 usage or input error · 130 interrupted\n',
    )
    .action(async (command: string | undefined) => {
      if (command !== undefined)
        throw usage(
          `Unknown command "${command}".`,
          'Run `oauth-tutor --help` to see the commands.',
        );
      const { menu } = await import('./commands/menu.js');
      await menu({ help: () => program.outputHelp() });
    });

  program
    .command('learn')
    .description('lessons with a menu, feedback and saved progress')
    .argument('[lesson]', 'jump straight into a lesson by id')
    .option('--list', 'list the lessons and your status, then exit')
    .option('--json', 'with --list: print the list as JSON')
    .option('--seed <seed>', 'shuffle exercises reproducibly')
    .addHelpText(
      'after',
      '\nInside a lesson, Esc returns to the lesson menu (Ctrl-C quits). A lesson left half-way\noffers to resume where you stopped, or to start over.\n' +
        examples(
          'oauth-tutor learn',
          'oauth-tutor learn seven-steps',
          'oauth-tutor learn --list --json',
        ),
    )
    .action(
      async (
        lesson: string | undefined,
        opts: { list?: boolean; json?: boolean; seed?: string },
      ) => {
        const { learn } = await import('./commands/learn.js');
        await learn({ ...opts, ...(lesson === undefined ? {} : { lesson }) });
      },
    );

  program
    .command('order')
    .description(
      'the seven-steps ordering exercise, scriptable: print a shuffle or check an answer',
    )
    .option('--seed <seed>', 'which shuffle (the same seed always gives the same labels)')
    .option(
      '--answer <labels>',
      'check an order given as labels, e.g. "DBAGCEF" (spaces and commas allowed)',
    )
    .option('--lesson <id>', 'another ordering lesson', 'seven-steps')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor order --seed 7 --json',
        'oauth-tutor order --seed 7 --answer "D B A G C E F" --json',
      ) + '\nExit codes: 0 correct (or list printed) · 1 wrong order · 2 bad --answer or flags\n',
    )
    .action(async (opts: { seed?: string; answer?: string; lesson: string; json?: boolean }) => {
      const { order } = await import('./commands/order.js');
      await order(opts);
    });

  const quiz = program
    .command('quiz')
    .description(
      'take a quiz from a built-in deck or your own YAML deck; spaced review with --review',
    )
    .argument('[deck]', 'a built-in deck id (see --list) or a deck .yaml file')
    .option('--count <n>', 'ask only n questions')
    .option('--seed <seed>', 'shuffle questions and choices reproducibly')
    .option('--name <name>', 'your name, for the results file')
    .option('--out <file>', 'write the results as JSON (for `oauth-tutor report`)')
    .option(
      '--answers <file>',
      'grade a prepared answer set (JSON: question id → answer; choice letters as on the paper of the same --seed) without asking',
    )
    .option('--list', 'list the built-in decks')
    .option('--review', 'ask what your review schedule says is due, missed items first')
    .option('--strict', 'exit 1 when any answer is wrong')
    .option('--json', 'print the results as JSON')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor quiz --list',
        'oauth-tutor quiz seven-steps --seed 42 --name Ada --out ada.json',
        'oauth-tutor quiz my-deck.yaml --answers answers.json --json',
        'oauth-tutor quiz jwt --seed 7 --answers paper-answers.json',
        'oauth-tutor quiz --review',
        'oauth-tutor quiz lint my-deck.yaml',
        'oauth-tutor quiz export jwt --seed 7 --format html > jwt-paper.html',
      ),
    )
    .action(async (deck: string | undefined, opts: Record<string, unknown>) =>
      (await import('./commands/quiz.js')).quiz({
        ...opts,
        ...(deck === undefined ? {} : { deck }),
      }),
    );
  quiz
    .command('lint')
    .description('check decks and report every problem with file, line and question id')
    .argument('[decks...]', 'deck files or built-in ids (default: all built-in decks)')
    .option('--json', 'print JSON')
    .action(async (decks: string[], opts: { json?: boolean }) =>
      (await import('./commands/quiz.js')).quizLint(decks, opts),
    );
  quiz
    .command('export')
    .description('print a deck as a printable quiz with an answer key')
    .argument('<deck>', 'a built-in deck id or a deck .yaml file')
    .option(
      '--format <format>',
      'md (markdown) or html (a printable page, key on its own page)',
      'md',
    )
    .option(
      '--seed <seed>',
      'the paper: questions and choices shuffled as `quiz --seed` shuffles them (default: a random seed, printed)',
    )
    .option('--count <n>', 'only the first n questions of the shuffle')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor quiz export jwt --seed 7 --count 5 > paper.md',
        'oauth-tutor quiz export security --seed class-1 --format html > paper.html',
      ),
    )
    // `quiz` declares --seed and --count too, and commander gives them to it: read both.
    .action(
      async (
        deck: string,
        opts: { format: string; seed?: string; count?: string },
        cmd: Command,
      ) => {
        const parent = cmd.parent?.opts<{ seed?: string; count?: string }>() ?? {};
        const seed = opts.seed ?? parent.seed;
        const count = opts.count ?? parent.count;
        await (
          await import('./commands/quiz.js')
        ).quizExport(deck, {
          format: opts.format,
          ...(seed === undefined ? {} : { seed }),
          ...(count === undefined ? {} : { count }),
        });
      },
    );

  program
    .command('report')
    .description(
      'class report from quiz results and `check --json` outputs: hardest questions, students, common wrong answers',
    )
    .argument('[files...]', 'result files')
    .option('--csv', 'print CSV')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor report results/*.json',
        'oauth-tutor report results/*.json --csv > class.csv',
      ),
    )
    .action(async (files: string[], opts: { csv?: boolean; json?: boolean }) =>
      (await import('./commands/report.js')).reportCommand(files, opts),
    );

  program
    .command('check')
    .description('grade written review answers (markdown or text), item by item')
    .argument('[files...]', 'answer sheets, or folders of them')
    .option('--json', 'print JSON')
    .option('--strict', 'exit 1 when anything is not correct')
    .option('--template', 'print a blank answer sheet')
    .option('--report <file>', 'write the class summary to a .csv or .json file')
    .option('--seed <seed>', 'with --template: the order the steps are listed in')
    .option('--no-save', 'do not add missed items to your review queue')
    .option('--summary', 'with a folder or several sheets: print only the class summary')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor check --template > answers.md',
        'oauth-tutor check answers.md',
        'oauth-tutor check submissions/ --report class.csv',
        'oauth-tutor check submissions/ --summary',
        'oauth-tutor check answers.md --json',
      ) +
        '\nExit codes: 0 checked (even with wrong answers) · 1 with --strict, something not correct · 2 no file could be read\n',
    )
    .action(
      async (
        paths: string[],
        opts: {
          json?: boolean;
          strict?: boolean;
          template?: boolean;
          report?: string;
          seed?: string;
          save?: boolean;
          summary?: boolean;
        },
      ) => {
        const { check } = await import('./commands/check.js');
        await check({ ...opts, paths });
      },
    );

  program
    .command('flow')
    .description(
      'every OAuth grant live over HTTP, step by step, every request and token explained (default: the seven steps of the authorization-code flow)',
    )
    .option(
      '--grant <grant>',
      'which grant to play: code (default), device, client-credentials, refresh',
    )
    .option('--auto', 'no browser, no questions: the client plays the user on the consent page')
    .option('--no-browser', 'print the URL to open instead of opening a browser')
    .option('--step', 'pause before each step')
    .option('--user <name>', 'demo user for --auto: alice or bob')
    .option('--scope <scopes>', 'scopes to ask for (space-separated)')
    .option('--alg <alg>', "the built-in provider's signing algorithm: ES256, RS256, EdDSA")
    .option('--json', 'print a machine-readable transcript instead of prose')
    .option(
      '--transcript <file>',
      'also write the session as a markdown notebook (tokens and secrets shortened)',
    )
    .option(
      '--show-secrets',
      'record tokens, secrets and the PKCE verifier whole in the output, --json and --transcript (a warning is printed)',
    )
    .option('--curl', 'show every request as a curl command')
    .option(
      '--extras',
      'with --auto: also refresh, revoke, and call the API with the revoked token',
    )
    .option(
      '--attack <lab>',
      'run the flow with one thing broken: state, replay, verifier, redirect, no-pkce, scope, mix-up, dpop-replay',
    )
    .option('-y, --yes', 'answer "yes" to step 2 without asking')
    .option(
      '--timeout <seconds>',
      'how long to wait for the browser to come back (or, in the device flow, for the user to approve)',
      '300',
    )
    .option('--issuer <url>', 'a real provider (OpenID discovery) instead of the built-in one')
    .option('--client-id <id>', 'with --issuer: the app you registered there')
    .option(
      '--client-secret <secret>',
      'with --issuer: its secret (omit for a public client: PKCE)',
    )
    .option(
      '--redirect-port <port>',
      'with --issuer: the port of the registered redirect URI http://127.0.0.1:<port>/callback',
    )
    .option(
      '--redirect-path <path>',
      'with --issuer: the path of the registered redirect URI (default /callback; /cb is common)',
    )
    .option(
      '--redirect-uri <uri>',
      'with --issuer: the registered redirect URI itself, loopback only (its port and path are used), e.g. http://127.0.0.1:5173/cb',
    )
    .option('--authorize-url <url>', 'without discovery: the authorization endpoint')
    .option('--token-url <url>', 'without discovery: the token endpoint')
    .option('--api-url <url>', 'the API to call in step 7 (default: userinfo)')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor flow',
        'oauth-tutor flow --auto --json',
        'oauth-tutor flow --grant client-credentials',
        'oauth-tutor flow --grant refresh --auto',
        'oauth-tutor flow --auto --extras --transcript notes.md',
        'oauth-tutor flow --attack state',
        'oauth-tutor flow --grant device',
        'oauth-tutor flow --attack dpop-replay --auto',
        'oauth-tutor flow --issuer http://127.0.0.1:8080 --client-id my-app --redirect-port 5173 --no-browser',
        'oauth-tutor flow --issuer https://accounts.example.com --client-id my-app --redirect-uri http://127.0.0.1:5173/cb',
      ) + '\nExit codes: 0 flow done (or attack stopped) · 1 a step failed · 2 bad flags\n',
    )
    .action(async (opts: Record<string, unknown>) =>
      (await import('./commands/flow.js')).flowCommand(opts as never),
    );

  program
    .command('provider')
    .description(
      'run the built-in mock OAuth 2.0 / OpenID Connect provider (for class projects and experiments)',
    )
    .option('--port <port>', 'port to listen on (0: any free port)', '4000')
    .option('--host <host>', 'address to bind; anything but loopback needs --yes', '127.0.0.1')
    .option('--alg <alg>', 'token signing algorithm: ES256, RS256 or EdDSA', 'ES256')
    .option(
      '--client <id:secret:redirect_uri>',
      'pre-register a client (repeatable; empty secret = public client)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('-y, --yes', 'confirm binding a non-loopback address')
    .option('--quiet', 'do not log requests')
    .option(
      '--state-dir <dir>',
      'keep signing keys, registered clients and the demo secret here across restarts (and read users.yaml from it)',
    )
    .option(
      '--users <file>',
      'the class\'s own accounts instead of the demo users (YAML, see README "Class accounts")',
    )
    .option(
      '--allow-no-pkce',
      'let confidential clients skip PKCE (for libraries that cannot send it; public clients still need it)',
    )
    .addHelpText(
      'after',
      examples(
        'oauth-tutor provider',
        'oauth-tutor provider --port 0 --alg RS256',
        'oauth-tutor provider --client my-app:s3cret:http://127.0.0.1:3000/callback',
        'oauth-tutor provider --state-dir ~/class-provider --users users.yaml',
      ),
    )
    .action(
      async (opts: {
        port: string;
        host: string;
        alg: string;
        client?: string[];
        yes?: boolean;
        quiet?: boolean;
        stateDir?: string;
        users?: string;
        allowNoPkce?: boolean;
      }) => (await import('./commands/provider.js')).providerCommand(opts),
    );

  const jwt = program
    .command('jwt')
    .description('decode, verify and sign JWTs, and run the attack demos');
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  jwt
    .command('decode')
    .description(
      "show a token's header, payload and signature, every claim explained (decoded only, not verified)",
    )
    .argument('[token]', 'the token, or - to read it from stdin')
    .option('--json', 'print {"header","payload","signature","verified":false}')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor jwt decode eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln',
        'echo "Bearer eyJ…" | oauth-tutor jwt decode -',
      ) + '\nExit codes: 0 decoded (even partly) · 2 nothing decodable\n',
    )
    .action(async (token: string | undefined, opts: { json?: boolean }) =>
      (await import('./commands/jwt.js')).decodeCommand(token, opts),
    );
  jwt
    .command('verify')
    .description("verify a token's signature and claims; says why it is invalid")
    .argument('[token]', 'the token, or - to read it from stdin')
    .option('--secret <secret>', 'HMAC shared secret (HS256…)')
    .option(
      '--key <file>',
      "a PEM or JWK file (public key, certificate, or a private key's public half)",
    )
    .option('--jwks <url|file>', 'a JWK Set, by URL or file; the key is chosen by "kid"')
    .option('--alg <alg>', 'allowed algorithm (repeatable); default: what the key allows', collect)
    .option('--iss <issuer>', 'required issuer')
    .option('--aud <audience>', 'required audience')
    .option('--json', 'print {"valid","reason"?,"header","payload"}')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor jwt verify "$TOKEN" --secret "$SECRET" --alg HS256',
        'oauth-tutor jwt verify "$TOKEN" --jwks http://127.0.0.1:4000/jwks --iss http://127.0.0.1:4000 --aud my-api',
      ) +
        '\nExit codes: 0 valid · 1 invalid (the reason is printed) · 2 malformed token or bad flags\n',
    )
    .action(async (token: string | undefined, opts: Record<string, unknown>) =>
      (await import('./commands/jwt.js')).verifyCommand(token, opts),
    );
  jwt
    .command('sign')
    .description('sign claims into a JWT')
    .option('--claims <json>', 'the payload as a JSON object', '{}')
    .option('--secret <secret>', 'HMAC shared secret (for HS256/384/512)')
    .option('--key <file>', 'a private key, PEM or JWK (RS256, ES256, EdDSA…)')
    .option('--alg <alg>', 'HS256, RS256, ES256, EdDSA… (default: from the key)')
    .option('--exp <duration>', 'expires in, e.g. 15m, 1h, 7d')
    .option('--kid <kid>', 'key ID to put in the header')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor jwt sign --claims \'{"sub":"alice"}\' --secret "$(oauth-tutor jwt keys --alg HS256)" --exp 1h',
        'oauth-tutor jwt sign --claims \'{"sub":"alice"}\' --key private.pem --alg ES256',
      ),
    )
    .action(async (opts: Record<string, unknown>) =>
      (await import('./commands/jwt.js')).signCommand(opts),
    );
  jwt
    .command('keys')
    .description('generate a key pair (PEM or JWK), or a random HMAC secret')
    .option('--alg <alg>', 'ES256, RS256, EdDSA, HS256…', 'ES256')
    .option('--format <format>', 'pem or jwk', 'pem')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor jwt keys --alg ES256',
        'oauth-tutor jwt keys --alg RS256 --format jwk',
        'oauth-tutor jwt keys --alg HS256',
      ),
    )
    .action(async (opts: Record<string, unknown>) =>
      (await import('./commands/jwt.js')).keysCommand(opts),
    );
  jwt
    .command('demo')
    .description('run one of the live demos or attacks (structure, hmac, tamper, attack-none, …)')
    .argument('[id]', 'which demo')
    .option('--list', 'list the demos')
    .option('--json', 'print the demo as JSON')
    .addHelpText(
      'after',
      examples('oauth-tutor jwt demo --list', 'oauth-tutor jwt demo attack-confusion'),
    )
    .action(async (id: string | undefined, opts: { json?: boolean; list?: boolean }) =>
      (await import('./commands/jwt.js')).demoCommand(id, opts),
    );

  program
    .command('progress')
    .description('your lessons, status and scores')
    .option('--json', 'print JSON')
    .option('--reset', 'start over (the old file is kept as a .bak)')
    .option('-y, --yes', 'with --reset: do not ask for confirmation')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor progress',
        'oauth-tutor progress --json',
        'oauth-tutor progress --reset --yes',
      ),
    )
    .action(async (opts: { json?: boolean; reset?: boolean; yes?: boolean }) => {
      const { progress } = await import('./commands/progress.js');
      await progress(opts);
    });

  const lessons = program.command('lessons').description('tools for lesson authors');
  lessons
    .command('lint')
    .description('check a lessons folder (manifest, prose, exercises) and report every problem')
    .argument('[dir]', 'the folder holding manifest.yaml (default: the shipped lessons)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples('oauth-tutor lessons lint', 'oauth-tutor lessons lint ./my-lessons --json') +
        '\nExit codes: 0 no problems · 1 problems found · 2 no lessons folder there\n',
    )
    .action(async (dir: string | undefined, opts: { json?: boolean }) => {
      const { lintCommand } = await import('./commands/lessons-lint.js');
      await lintCommand({ ...opts, ...(dir === undefined ? {} : { dir }) });
    });

  return program;
}
