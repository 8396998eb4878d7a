/**
 * Declares the commands and flags (commander), and nothing else: each
 * command's code is imported only when it runs, so that --help and
 * --version load no prompt, crypto or markdown library.
 *
 * Options are typed by what they declare (@commander-js/extra-typings):
 * choices and parsers (./options.ts) check values before any command runs,
 * and each command takes the options type exported here, never one of its own.
 */
import { Argument, Command, Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { styleText } from 'node:util';
import { usage } from '../errors.js';
import { errorText, usageHint, usageSentence } from './error-lines.js';
import {
  ATTACKS,
  DEMO_IDS,
  GRANTS,
  KEY_FORMATS,
  PAPER_FORMATS,
  parseProviderAlg,
  parseSigningAlg,
  PROVIDER_ALGS,
  SIGNING_ALGS,
  parseCount,
  parseListenPort,
  parsePort,
  parseSeconds,
  parseSeed,
  parseSigningAlgs,
} from './options.js';
import { version } from './version.js';

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/** A command declared on its parent; its action is attached in buildProgram. */
type Parent = CommandUnknownOpts;
/** The options a command's action receives, the way commander parses them. */
type OptionsOf<D extends (parent: Parent) => { opts(): unknown }> = ReturnType<
  ReturnType<D>['opts']
>;

/**
 * What the top-level help lists of each command: its usage and description. The commands declare
 * the same description; `oauth-tutor --help` declares only these, not every command's options
 * (buildProgram). test/unit/program-one-command.test.ts checks that each usage is what commander
 * makes of the whole declaration, and that the two helps are the same text.
 */
const ABOUT = {
  learn: {
    usage: '[options] [lesson]',
    description: 'lessons with a menu, feedback and saved progress',
  },
  order: {
    usage: '[options]',
    description:
      'the seven-steps ordering exercise, scriptable: print a shuffle or check an answer',
  },
  quiz: {
    usage: '[options] [command] [deck]',
    description:
      'take a quiz from a built-in deck or your own YAML deck; spaced review with --review',
  },
  report: {
    usage: '[options] [files...]',
    description:
      'class report from quiz results and `check --json` outputs: hardest questions, students, common wrong answers',
  },
  check: {
    usage: '[options] [files...]',
    description: 'grade written review answers (markdown or text), item by item',
  },
  flow: {
    usage: '[options]',
    description:
      'every OAuth grant live over HTTP, step by step, every request and token explained (default: the seven steps of the authorization-code flow)',
  },
  provider: {
    usage: '[options]',
    description:
      'run the built-in mock OAuth 2.0 / OpenID Connect provider (for class projects and experiments)',
  },
  jwt: {
    usage: '[options] [command]',
    description: 'decode, verify and sign JWTs, and run the attack demos',
  },
  progress: {
    usage: '[options]',
    description: 'your lessons, status and scores',
  },
  lessons: {
    usage: '[options] [command]',
    description: 'tools for lesson authors',
  },
} as const satisfies Record<CommandName, { usage: string; description: string }>;

const seedOption = (description: string) =>
  new Option('--seed <seed>', description).argParser(parseSeed);
const countOption = (description: string) =>
  new Option('--count <n>', description).argParser(parseCount);

const learnCommand = (parent: Parent) =>
  parent
    .command('learn')
    .description(ABOUT.learn.description)
    .argument('[lesson]', 'jump straight into a lesson by id')
    .option('--list', 'list the lessons and your status, then exit')
    .option(
      '--print',
      "with a lesson: print its text and exit (for reading, a pipe or a handout; it doesn't mark the lesson done)",
    )
    .option('--json', 'with --list or --print: print data as JSON')
    .addOption(seedOption('shuffle exercises reproducibly'))
    .addHelpText(
      'after',
      '\nInside a lesson, Esc returns to the lesson menu (Ctrl-C quits). A lesson left half-way\noffers to resume where you stopped, or to start over.\n' +
        examples(
          'oauth-tutor learn',
          'oauth-tutor learn seven-steps',
          'oauth-tutor learn jwt --print > jwt.md',
          'oauth-tutor learn --list --json',
        ),
    );
export type LearnCliOptions = OptionsOf<typeof learnCommand>;

const orderCommand = (parent: Parent) =>
  parent
    .command('order')
    .description(ABOUT.order.description)
    .addOption(seedOption('which shuffle (the same seed always gives the same labels)'))
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
    );
export type OrderCliOptions = OptionsOf<typeof orderCommand>;

const quizCommand = (parent: Parent) =>
  parent
    .command('quiz')
    .description(ABOUT.quiz.description)
    .argument('[deck]', 'a built-in deck id (see --list) or a deck .yaml file')
    .addOption(countOption('ask only n questions'))
    .addOption(seedOption('shuffle questions and choices reproducibly'))
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
    );
export type QuizCliOptions = OptionsOf<typeof quizCommand>;

const quizLintCommand = (quiz: Parent) =>
  quiz
    .command('lint')
    .description('check decks and report every problem with file, line and question id')
    .argument('[decks...]', 'deck files or built-in ids (default: all built-in decks)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 no problems · 1 a deck has problems · 2 a deck cannot be read\n' +
        examples(
          'oauth-tutor quiz lint',
          'oauth-tutor quiz lint my-deck.yaml',
          'oauth-tutor quiz lint my-deck.yaml --json',
        ),
    );
export type QuizLintCliOptions = OptionsOf<typeof quizLintCommand>;

const quizExportCommand = (quiz: ReturnType<typeof quizCommand>) =>
  quiz
    .command('export')
    .description('print a deck as a printable quiz with an answer key')
    .argument('<deck>', 'a built-in deck id or a deck .yaml file')
    .addOption(
      new Option(
        '--format <format>',
        'md (markdown) or html (a printable page, key on its own page)',
      )
        .choices(PAPER_FORMATS)
        .default('md'),
    )
    .addOption(
      seedOption(
        'the paper: questions and choices shuffled as `quiz --seed` shuffles them (default: a random seed, printed)',
      ),
    )
    .addOption(countOption('only the first n questions of the shuffle'))
    .addHelpText(
      'after',
      examples(
        'oauth-tutor quiz export jwt --seed 7 --count 5 > paper.md',
        'oauth-tutor quiz export security --seed class-1 --format html > paper.html',
      ),
    );
export type QuizExportCliOptions = ReturnType<
  ReturnType<typeof quizExportCommand>['optsWithGlobals']
>;

const reportCommand = (parent: Parent) =>
  parent
    .command('report')
    .description(ABOUT.report.description)
    .argument('[files...]', 'result files')
    .option('--csv', 'print CSV')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor report results/*.json',
        'oauth-tutor report results/*.json --csv > class.csv',
      ),
    );
export type ReportCliOptions = OptionsOf<typeof reportCommand>;

const checkCommand = (parent: Parent) =>
  parent
    .command('check')
    .description(ABOUT.check.description)
    .argument('[files...]', 'answer sheets, or folders of them')
    .option('--json', 'print JSON')
    .option('--strict', 'exit 1 when anything is not correct')
    .option('--template', 'print a blank answer sheet')
    .option('--report <file>', 'write the class summary to a .csv or .json file')
    .addOption(seedOption('with --template: the order the steps are listed in'))
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
    );
export type CheckCliOptions = OptionsOf<typeof checkCommand>;

const flowCommand = (parent: Parent) =>
  parent
    .command('flow')
    .description(ABOUT.flow.description)
    .addOption(new Option('--grant <grant>', 'which grant to play').choices(GRANTS).default('code'))
    .option('--auto', 'no browser, no questions: the client plays the user on the consent page')
    .option('--no-browser', 'print the URL to open instead of opening a browser')
    .option('--step', 'pause before each step')
    .option('--user <name>', 'demo user for --auto: alice or bob')
    .option('--scope <scopes>', 'scopes to ask for (space-separated)')
    .addOption(
      // choices() lists the fully-specified names in --help; the parser also takes the deprecated EdDSA.
      new Option('--alg <alg>', "the built-in provider's signing algorithm")
        .choices(PROVIDER_ALGS)
        .argParser(parseProviderAlg),
    )
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
    .addOption(new Option('--attack <lab>', 'run the flow with one thing broken').choices(ATTACKS))
    .option('-y, --yes', 'answer "yes" to step 2 without asking')
    .option(
      '--timeout <seconds>',
      'how long to wait for the browser to come back (or, in the device flow, for the user to approve)',
      parseSeconds,
      300,
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
      parsePort,
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
    .option(
      '--api-url <url>',
      "the API to call in step 7 of another provider's flow (default with --issuer: its userinfo endpoint)",
    )
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
    );
export type FlowCliOptions = OptionsOf<typeof flowCommand>;

const providerCommand = (parent: Parent) =>
  parent
    .command('provider')
    .description(ABOUT.provider.description)
    .option('--port <port>', 'port to listen on (0: any free port)', parseListenPort, 4000)
    .option('--host <host>', 'address to bind; anything but loopback needs --yes', '127.0.0.1')
    .addOption(
      new Option('--alg <alg>', 'token signing algorithm')
        .choices(PROVIDER_ALGS)
        .argParser(parseProviderAlg)
        .default('ES256'),
    )
    .option(
      '--client <id:secret:redirect_uri>',
      'pre-register a client (repeatable; empty secret = public client)',
      collect,
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
    .option(
      '--no-sessions',
      'remember no sign-ins: every authorization shows the password form (sessions are otherwise kept in memory only, never in --state-dir)',
    )
    .addHelpText(
      'after',
      examples(
        'oauth-tutor provider',
        'oauth-tutor provider --port 0 --alg RS256',
        'oauth-tutor provider --client my-app:s3cret:http://127.0.0.1:3000/callback',
        'oauth-tutor provider --state-dir ~/class-provider --users users.yaml',
        'oauth-tutor provider --no-sessions',
      ),
    );
export type ProviderCliOptions = OptionsOf<typeof providerCommand>;

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const jwtDecodeCommand = (parent: Parent) =>
  parent
    .command('decode')
    .description(
      "show a token's header, payload and signature, every claim explained (decoded only, not verified)",
    )
    .argument('[token]', 'the token, or - to read it from stdin')
    .option(
      '--json',
      'print {"header","payload","signature","verified":false,"format","problems"}, even for input that is no token',
    )
    .addHelpText(
      'after',
      examples(
        'oauth-tutor jwt decode eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln',
        'echo "Bearer eyJ…" | oauth-tutor jwt decode -',
      ) +
        '\nThe decoded token goes to stdout, a broken payload or signature named in it; input that is\nno token (not 3 or 5 parts, or a header that does not decode) is an error on stderr.\n' +
        '\nExit codes: 0 decoded (even with a broken payload or signature) · 2 not a JWT, or bad flags\n',
    );
export type JwtDecodeCliOptions = OptionsOf<typeof jwtDecodeCommand>;

const jwtVerifyCommand = (parent: Parent) =>
  parent
    .command('verify')
    .description("verify a token's signature and claims; says why it is invalid")
    .argument('[token]', 'the token, or - to read it from stdin')
    .option('--secret <secret>', 'HMAC shared secret (HS256…)')
    .option(
      '--key <file>',
      "a PEM or JWK file (public key, certificate, or a private key's public half)",
    )
    .option('--jwks <url|file>', 'a JWK Set, by URL or file; the key is chosen by "kid"')
    .option(
      '--alg <alg>',
      `allowed algorithm (repeatable, or comma-separated; default: what the key allows): ${SIGNING_ALGS.join(', ')}`,
      parseSigningAlgs,
    )
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
    );
export type JwtVerifyCliOptions = OptionsOf<typeof jwtVerifyCommand>;

const jwtSignCommand = (parent: Parent) =>
  parent
    .command('sign')
    .description('sign claims into a JWT')
    .option('--claims <json>', 'the payload as a JSON object', '{}')
    .option('--secret <secret>', 'HMAC shared secret (for HS256/384/512)')
    .option('--key <file>', 'a private key, PEM or JWK (RS256, ES256, Ed25519…)')
    .addOption(
      new Option(
        '--alg <alg>',
        'the signing algorithm (default: HS256 with --secret, else from the key)',
      )
        .choices(SIGNING_ALGS)
        .argParser(parseSigningAlg),
    )
    .option('--exp <duration>', 'expires in, e.g. 15m, 1h, 7d')
    .option('--kid <kid>', 'key ID to put in the header')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor jwt sign --claims \'{"sub":"alice"}\' --secret "$(oauth-tutor jwt keys --alg HS256)" --exp 1h',
        'oauth-tutor jwt sign --claims \'{"sub":"alice"}\' --key private.pem --alg ES256',
      ),
    );
export type JwtSignCliOptions = OptionsOf<typeof jwtSignCommand>;

const jwtKeysCommand = (parent: Parent) =>
  parent
    .command('keys')
    .description('generate a key pair (PEM or JWK), or a random HMAC secret')
    .addOption(
      new Option('--alg <alg>', 'the algorithm')
        .choices(SIGNING_ALGS)
        .argParser(parseSigningAlg)
        .default('ES256'),
    )
    .addOption(
      new Option('--format <format>', 'the key format').choices(KEY_FORMATS).default('pem'),
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor jwt keys --alg ES256',
        'oauth-tutor jwt keys --alg RS256 --format jwk   # the public JWKS, then the private JWK',
        'oauth-tutor jwt keys --alg Ed25519 --json > keys.json   # one document: privateJwk, publicJwk, PEMs',
        'oauth-tutor jwt keys --alg HS256',
      ),
    );
export type JwtKeysCliOptions = OptionsOf<typeof jwtKeysCommand>;

const jwtDemoCommand = (parent: Parent) =>
  parent
    .command('demo')
    .description('run one of the live demos or attacks (structure, hmac, tamper, attack-none, …)')
    .addArgument(new Argument('[id]', 'which demo').choices(DEMO_IDS))
    .option('--list', 'list the demos')
    .option('--json', 'print the demo as JSON')
    .addHelpText(
      'after',
      examples('oauth-tutor jwt demo --list', 'oauth-tutor jwt demo attack-confusion'),
    );
export type JwtDemoCliOptions = OptionsOf<typeof jwtDemoCommand>;

const progressCommand = (parent: Parent) =>
  parent
    .command('progress')
    .description(ABOUT.progress.description)
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
    );
export type ProgressCliOptions = OptionsOf<typeof progressCommand>;

const lessonsLintCommand = (parent: Parent) =>
  parent
    .command('lint')
    .description('check a lessons folder (manifest, prose, exercises) and report every problem')
    .argument('[dir]', 'the folder holding manifest.yaml (default: the shipped lessons)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples('oauth-tutor lessons lint', 'oauth-tutor lessons lint ./my-lessons --json') +
        '\nExit codes: 0 no problems · 1 problems found · 2 no lessons folder there\n',
    );
export type LessonsLintCliOptions = OptionsOf<typeof lessonsLintCommand>;

/**
 * Each command the program has, by the name a command line gives it, with what declares it and
 * its action: each command's code is imported only when it runs.
 */
const COMMANDS = {
  learn: (program: Parent) =>
    learnCommand(program).action(async (lesson, opts) => {
      const { learn } = await import('./commands/learn.js');
      await learn(opts, lesson);
    }),
  order: (program: Parent) =>
    orderCommand(program).action(async (opts) => {
      const { order } = await import('./commands/order.js');
      await order(opts);
    }),
  quiz: (program: Parent) => {
    const quiz = quizCommand(program).action(async (deck, opts) =>
      (await import('./commands/quiz.js')).quiz(opts, deck),
    );
    quizLintCommand(quiz).action(async (decks, opts) =>
      (await import('./commands/quiz.js')).quizLint(decks, opts),
    );
    // `quiz` declares --seed and --count too, and commander gives them to it:
    // the options with those of `quiz` read both.
    quizExportCommand(quiz).action(async (deck, _opts, cmd) =>
      (await import('./commands/quiz.js')).quizExport(deck, cmd.optsWithGlobals()),
    );
  },
  report: (program: Parent) =>
    reportCommand(program).action(async (files, opts) =>
      (await import('./commands/report.js')).reportCommand(files, opts),
    ),
  check: (program: Parent) =>
    checkCommand(program).action(async (paths, opts) => {
      const { check } = await import('./commands/check.js');
      await check(opts, paths);
    }),
  flow: (program: Parent) =>
    flowCommand(program).action(async (opts) =>
      (await import('./commands/flow.js')).flowCommand(opts),
    ),
  provider: (program: Parent) =>
    providerCommand(program).action(async (opts) =>
      (await import('./commands/provider.js')).providerCommand(opts),
    ),
  jwt: declareJwt,
  progress: (program: Parent) =>
    progressCommand(program).action(async (opts) => {
      const { progress } = await import('./commands/progress.js');
      await progress(opts);
    }),
  lessons: declareLessons,
};
export type CommandName = keyof typeof COMMANDS;

function isCommandName(word: string | undefined): word is CommandName {
  return word !== undefined && Object.hasOwn(COMMANDS, word);
}

/** The commands, in the order --help lists them. */
export const COMMAND_NAMES: readonly CommandName[] = Object.keys(COMMANDS).filter(isCommandName);

/**
 * The command a command line runs, when its first word that is not an option names one: only that
 * command needs declaring. Declaring all sixteen commands and their options took about a tenth of
 * the start-up of a command that uses one (commander builds and checks every option as it is
 * added). undefined (declare everything) for no command, a word that is no command, or `-h` /
 * `--help` before the command's name (`oauth-tutor --help flow` shows the whole program's help,
 * which lists every command), so that the main menu and the top-level help see them all.
 */
export function commandOf(argv: readonly string[]): CommandName | undefined {
  const args = argv.slice(2);
  const at = args.findIndex((a) => !a.startsWith('-'));
  if (at < 0 || args.slice(0, at).some((a) => a === '-h' || a === '--help')) return undefined;
  const first = args[at];
  return isCommandName(first) ? first : undefined;
}

/** `oauth-tutor --help`, `-h` or `help`, with nothing else but --no-color. */
export function onlyTopLevelHelp(argv: readonly string[]): boolean {
  const args = argv.slice(2).filter((a) => a !== '--no-color');
  return args.length === 1 && ['--help', '-h', 'help'].includes(args[0] ?? '');
}

/** The defaults of `flow`'s options, as commander gives them when no flag is set (the menu's flow). */
function flowDefaults(): FlowCliOptions {
  return flowCommand(new Command('oauth-tutor')).opts();
}

export interface ProgramOptions {
  /**
   * Fits an error's lines to stderr, as err() fits the program's own (main passes output.ts's
   * wrapping when a terminal shows it; program.ts does not load it for --help or a pipe).
   */
  fitErr?: (text: string) => string;
}

/**
 * The program, with every command declared, or only the one `argv` runs (see commandOf): the
 * program's own options and help text are the same either way.
 */
export function buildProgram(
  argv?: readonly string[],
  options: ProgramOptions = {},
): CommandUnknownOpts {
  const only = argv === undefined ? undefined : commandOf(argv);
  const program = new Command('oauth-tutor');
  program
    .description(
      'Learn OAuth 2.0 and JWT by doing: drills, real traffic on your own machine, and feedback on what you write.',
    )
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--no-color', 'turn off colours (NO_COLOR works too)')
    .argument('[command...]')
    .usage('[options] [command]')
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
    .action(async ([command, topic]) => {
      // `oauth-tutor help` and `oauth-tutor help quiz`, as many command-line tools take them.
      if (command === 'help') {
        const about =
          topic === undefined ? program : program.commands.find((c) => c.name() === topic);
        if (about !== undefined) return about.outputHelp();
      }
      const unknown = command === 'help' ? topic : command;
      if (unknown !== undefined)
        throw usage(
          `Unknown command "${unknown}".`,
          'Run `oauth-tutor --help` to see the commands.',
        );
      const { menu } = await import('./commands/menu.js');
      // Not parsed (the command line named no command), `flow` holds just its defaults.
      await menu({ help: () => program.outputHelp(), flowDefaults: flowDefaults() });
    });

  // The top-level help alone lists each command by its usage and description: nothing more is
  // declared for it (every option of sixteen commands, their choices and help texts).
  const shells = argv !== undefined && onlyTopLevelHelp(argv);
  for (const name of COMMAND_NAMES)
    if (shells) program.command(name).description(ABOUT[name].description).usage(ABOUT[name].usage);
    else if (only === undefined || only === name) COMMANDS[name](program);

  usageErrorsLikeOurs(program, 'oauth-tutor', options.fitErr ?? ((text) => text));
  return program;
}

function declareJwt(program: Parent): void {
  const jwt = program
    .command('jwt')
    .description(ABOUT.jwt.description)
    .helpCommand('help [command]', 'show help for a command')
    .addHelpText(
      'after',
      examples(
        'oauth-tutor jwt decode "$TOKEN"',
        'oauth-tutor jwt verify "$TOKEN" --jwks http://127.0.0.1:4000/jwks',
        'oauth-tutor jwt keys --alg ES256',
        'oauth-tutor jwt demo attack-none',
      ),
    );
  jwtDecodeCommand(jwt).action(async (token, opts) =>
    (await import('./commands/jwt.js')).decodeCommand(token, opts),
  );
  jwtVerifyCommand(jwt).action(async (token, opts) =>
    (await import('./commands/jwt.js')).verifyCommand(token, opts),
  );
  jwtSignCommand(jwt).action(async (opts) => (await import('./commands/jwt.js')).signCommand(opts));
  jwtKeysCommand(jwt).action(async (opts) => (await import('./commands/jwt.js')).keysCommand(opts));
  jwtDemoCommand(jwt).action(async (id, opts) =>
    (await import('./commands/jwt.js')).demoCommand(id, opts),
  );
}

function declareLessons(program: Parent): void {
  const lessons = program
    .command('lessons')
    .description(ABOUT.lessons.description)
    .helpCommand('help [command]', 'show help for a command')
    .addHelpText(
      'after',
      examples('oauth-tutor lessons lint', 'oauth-tutor lessons lint ./my-lessons'),
    );
  lessonsLintCommand(lessons).action(async (dir, opts) => {
    const { lintCommand } = await import('./commands/lessons-lint.js');
    await lintCommand(opts, dir);
  });
}

/**
 * A usage error (an unknown option, a bad value, a missing argument) reads like the program's own
 * errors (error-lines.ts): "error: " and commander's message as a sentence, then, indented, which
 * help to read: this command's own. Exit code 2 (report.ts). Colour as commander sees stderr
 * (NO_COLOR and --no-color turn it off): chalk is not loaded for this.
 */
function usageErrorsLikeOurs(
  command: CommandUnknownOpts,
  path: string,
  fit: (text: string) => string,
): void {
  command.configureOutput({
    outputError: (message, write) =>
      write(
        fit(
          errorText(
            usageSentence(message),
            usageHint(path),
            command.configureOutput().getErrHasColors?.() === true ? red : undefined,
          ),
        ),
      ),
  });
  for (const sub of command.commands) usageErrorsLikeOurs(sub, `${path} ${sub.name()}`, fit);
}

const red = (s: string): string => styleText('red', s);
