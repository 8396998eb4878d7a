/**
 * Start-up stays lean: each command loads only what it uses. --help and
 * --version load no prompt, crypto, markdown or YAML library; decoding a JWT
 * loads no jose and no demo; listing lessons, decks or grading with --no-save
 * loads no file-locking or atomic-write library; the flow takes jose by
 * subpath, never its index, and with --json loads no colour or step printer. The modules are traced in a real run of the
 * built binary (test/helpers/loaded-modules.ts), bundle chunks mapped back
 * to their sources.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers/cli.js';
import { modulesLoadedBy } from '../helpers/loaded-modules.js';

const PROMPTS = 'node_modules/@inquirer/';
const JOSE = 'node_modules/jose/';
const JOSE_INDEX = 'node_modules/jose/dist/webapi/index.js';
const MARKDOWN = 'node_modules/marked';
const YAML = 'node_modules/yaml/';
const COLOR = 'node_modules/chalk/';
const OPEN = 'node_modules/open/';
const WRITE = 'node_modules/write-file-atomic/';
const LOCK = 'node_modules/proper-lockfile/';
const DEMOS = 'src/jwt/demos/attacks.ts';
const COMMANDER = 'node_modules/commander/';
// Text measuring: its Unicode-property expressions are built as it loads (about 8 M instructions).
const TEXT_WIDTH = 'node_modules/fast-string-width/';
// commander requires it for executable subcommands, which we have none of; the bundle defers it.
const CHILD_PROCESS = 'node:child_process';
// (--template's own module, src/grader/template.ts, is 0.7 KB: the bundler merges chunks that small
// into the chunk loaded with them, since a file costs more to load than its bytes.)
const CHECK_NEVER = [
  'src/grader/rubric-check.ts',
  'node_modules/ret/',
  'src/tutor/progress.ts',
  'src/cli/session.ts',
  'src/cli/class-csv.ts',
  'node_modules/csv-stringify/',
  'node_modules/entities/',
];

const TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGEifQ.c2ln';
const SHEET = join(
  root,
  'test/fixtures/answers',
  readdirSync(join(root, 'test/fixtures/answers')).find((f) => f.endsWith('.md'))!,
);

/** Each command, what it must load (to prove the trace sees it), and what it must not. */
const CASES: { args: string[]; loads: string[]; not: string[] }[] = [
  {
    args: ['--help'],
    loads: ['src/cli/main.ts', COMMANDER, 'node:fs'],
    not: [CHILD_PROCESS, PROMPTS, JOSE, MARKDOWN, YAML, COLOR, OPEN, WRITE, LOCK, TEXT_WIDTH],
  },
  {
    args: ['--version'],
    loads: ['src/cli/main.ts'],
    not: [COMMANDER, PROMPTS, JOSE, MARKDOWN, YAML, COLOR, OPEN, WRITE, LOCK, TEXT_WIDTH],
  },
  {
    args: ['learn', '--help'],
    loads: ['src/cli/main.ts'],
    not: [PROMPTS, JOSE, MARKDOWN, YAML, COLOR, OPEN, WRITE, LOCK],
  },
  {
    args: ['learn', '--list'],
    loads: ['src/tutor/lessons.ts', 'src/tutor/progress.ts'],
    not: [CHILD_PROCESS, PROMPTS, JOSE, MARKDOWN, YAML, OPEN, WRITE, LOCK],
  },
  {
    args: ['order', '--seed', '1', '--json'],
    loads: ['src/tutor/ordering.ts'],
    not: [CHILD_PROCESS, PROMPTS, JOSE, MARKDOWN, YAML, OPEN, WRITE, LOCK, TEXT_WIDTH],
  },
  {
    args: ['jwt', 'decode', TOKEN],
    loads: ['src/jwt/decode.ts'],
    not: [
      CHILD_PROCESS,
      JOSE,
      DEMOS,
      'src/jwt/keys.ts',
      PROMPTS,
      MARKDOWN,
      YAML,
      OPEN,
      WRITE,
      LOCK,
    ],
  },
  {
    args: ['check', SHEET, '--no-save'],
    loads: ['src/grader/grade.ts'],
    // Nor the rubric lint, the progress store, the session, CSV or HTML entities, nor text
    // measuring (only a class summary's bars need it).
    not: [
      CHILD_PROCESS,
      PROMPTS,
      JOSE,
      MARKDOWN,
      YAML,
      OPEN,
      WRITE,
      LOCK,
      TEXT_WIDTH,
      ...CHECK_NEVER,
    ],
  },
  {
    args: ['quiz', '--list'],
    loads: ['src/tutor/decks.ts'],
    not: [YAML, CHILD_PROCESS, PROMPTS, JOSE, MARKDOWN, OPEN, WRITE, LOCK],
  },
  {
    args: ['flow', '--auto', '--json'],
    loads: ['src/oauth/flow.ts', 'node_modules/jose/dist/webapi/jwt/verify.js'],
    // Only JSON is printed: no colour, no step printer, no sequence diagram; of the seven-steps
    // lesson only its step titles, kept by the build (src/tutor/step-titles.ts): no lesson loader,
    // no grader patterns, no data-directory lookup.
    not: [
      'src/tutor/lessons.ts',
      'src/grader/match.ts',
      'node_modules/env-paths/',
      JOSE_INDEX,
      DEMOS,
      PROMPTS,
      MARKDOWN,
      YAML,
      OPEN,
      TEXT_WIDTH,
      COLOR,
      'src/cli/flow-view.ts',
      'src/cli/play/ordering.ts',
    ],
  },
  {
    // Shown to a reader: the sequence diagram is drawn from the lesson, so the loader loads it.
    args: ['flow', '--auto'],
    loads: ['src/oauth/flow.ts', 'src/cli/flow-view.ts', 'src/tutor/lessons.ts'],
    not: [JOSE_INDEX, DEMOS, PROMPTS, MARKDOWN, YAML, OPEN],
  },
  {
    args: ['jwt', 'keys', '--alg', 'ES256'],
    loads: ['src/jwt/keys.ts', 'node_modules/jose/dist/webapi/key/generate_key_pair.js'],
    not: [JOSE_INDEX, DEMOS, PROMPTS, MARKDOWN, YAML],
  },
];

describe('start-up: each command loads only what it uses', () => {
  it.each(
    CASES.map(
      (c) => [c.args.map((a) => (a.length > 24 ? '<file or token>' : a)).join(' '), c] as const,
    ),
  )('%s', async (_name, { args, loads, not }) => {
    const modules = await modulesLoadedBy(args);
    for (const m of loads)
      expect(
        modules.filter((x) => x.startsWith(m)),
        `${m} should load`,
      ).not.toEqual([]);
    for (const m of not)
      expect(
        modules.filter((x) => x.startsWith(m)),
        `${m} should not load`,
      ).toEqual([]);
  });
});
