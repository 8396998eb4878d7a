/** The real binary, spawned without a terminal: help, the `order` contract, lists, progress, lint, errors. */
import { describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, writeFile, cp, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { root, run, start } from '../helpers/cli.js';
import { fileTempDir, tempDir } from '../helpers/temp.js';
import { CANONICAL_STEPS } from '../helpers/steps.js';
import { findLesson, requireLessons } from '../../src/tutor/lessons.js';
import { labelSteps } from '../../src/tutor/ordering.js';
import { COMMANDS } from '../helpers/commands.js';

const home = fileTempDir('cli-');
const env = () => ({ OAUTH_TUTOR_HOME: home() });

describe('help and version', () => {
  it('--help lists every command with a description, examples and exit codes', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    // All ten, each with its description (each command's own --help: test/unit/cli-help.test.ts).
    const commands = r.stdout.slice(r.stdout.indexOf('Commands:'), r.stdout.indexOf('Examples:'));
    const listed = [...commands.matchAll(/^ {2}(\w+) .*\S/gm)].map((m) => m[1]);
    expect(listed).toEqual(COMMANDS);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('130 interrupted');
    expect(r.stderr).toBe('');
  });

  // The binary prints a command's own help and exits 0, one level down and two; what every
  // command's help says is test/unit/cli-help.test.ts.
  it.each(['order', 'lessons lint'])('%s --help prints its own help with examples', async (cmd) => {
    const r = await run([...cmd.split(' '), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: oauth-tutor ${cmd}`);
    expect(r.stdout).toContain('Examples:');
    expect(r.stderr).toBe('');
  });

  // One run for two things: --version never reads stdin, so a megabyte of input cannot fit the
  // pipe and the write fails with EPIPE once the program has exited (under load this happened to
  // `--help` with no input): a program that exits without reading its input is not an error of
  // the test (run() feeds stdin).
  it('--version prints the package version, and a program that never reads its input is no error of run()', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    const r = await run(['--version'], { input: 'x'.repeat(1 << 20) });
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('with no command and no terminal, prints help instead of a menu', async () => {
    const r = await run([], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: oauth-tutor');
  });

  // An unknown option is commander's: end to end in rough-edges.test.ts, for each command in
  // test/unit/usage-errors.test.ts.
  it('an unknown command exits 2 with a hint, no stack trace', async () => {
    const r = await run(['nope'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: .*\n.*--help/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad option value exits 2 with two lines: what is allowed, and which help to read', async () => {
    const r = await run(['flow', '--auto', '--timeout', 'soon'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      "error: Option '--timeout <seconds>' argument 'soon' is invalid. Give a number of seconds greater than 0, e.g. 60.",
      '  Run `oauth-tutor flow --help` for its usage and examples.',
    ]);
  });
});

describe('order: the scriptable ordering contract', () => {
  it('--seed N --json prints the shuffled, labelled steps without asking anything', async () => {
    const r = await run(['order', '--seed', '7', '--json'], { env: env() });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { steps: { label: string; text: string }[] };
    expect(out.steps.map((s) => s.label)).toEqual([...'ABCDEFG']);
    expect(out.steps.map((s) => s.text)).toContain(
      'Register your application to get a client_id and client_secret',
    );
    // The same seed, the same shuffle in another process (--answer relies on it); that another seed
    // gives another shuffle is labelSteps' own test (test/unit/ordering.test.ts).
    expect((await run(['order', '--seed', '7', '--json'], { env: env() })).stdout).toBe(r.stdout);
    expect(out.steps).toEqual(
      labelSteps(findLesson(await requireLessons(), 'seven-steps').ordering!, '7').map(
        ({ label, text }) => ({ label, text }),
      ),
    );
  });

  /** The labels of the canonical order for a seed, computed in-process (the printed labels are the test above). */
  async function correctAnswer(seed: string): Promise<string> {
    const steps = labelSteps(findLesson(await requireLessons(), 'seven-steps').ordering!, seed);
    return [...CANONICAL_STEPS].map((t) => steps.find((s) => s.text === t)!.label).join('');
  }

  it('a correct --answer exits 0', async () => {
    const answer = await correctAnswer('11');
    const r = await run(
      ['order', '--seed', '11', '--answer', answer.split('').join(', '), '--json'],
      { env: env() },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ correct: true, inPlace: 7, feedback: [] });
  });

  it('a wrong --answer exits 1 with feedback explaining each misplaced step', async () => {
    const answer = [...(await correctAnswer('11'))];
    [answer[3], answer[4]] = [answer[4]!, answer[3]!];
    const r = await run(['order', '--seed', '11', '--answer', answer.join(''), '--json'], {
      env: env(),
    });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      correct: boolean;
      inPlace: number;
      feedback: { message: string }[];
    };
    expect(out).toMatchObject({ correct: false, inPlace: 5 });
    expect(out.feedback).toHaveLength(2);
    expect(out.feedback[0]!.message).toMatch(
      /can't request an access token before you hold an authorization code/,
    );

    const text = await run(['order', '--seed', '11', '--answer', answer.join('')], { env: env() });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('5 of 7 steps in place');
  });

  // Repeated and unknown labels: parseAnswer's own tests (test/unit/ordering.test.ts).
  it.each([[['--answer', 'ABC'], /3 labels, expected 7/]])(
    'a bad answer %j exits 2 naming the problem',
    async (extra, message) => {
      const r = await run(['order', '--seed', '3', ...extra], { env: env() });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    },
  );

  it('--answer without --seed exits 2 and says which flag to add', async () => {
    const r = await run(['order', '--answer', 'ABCDEFG'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--answer needs the --seed/);
  });
});

describe('learn without a terminal', () => {
  it('--list prints the lessons and their status', async () => {
    const r = await run(['learn', '--list'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/seven-steps\s+The seven steps of the authorization-code flow/);
    expect(r.stdout).toMatch(/vocabulary\s+OAuth vocabulary/);
    // The core gaps of issue 11, each a lesson with a check of understanding.
    expect(r.stdout).toMatch(/oauth-vs-oidc\s+OAuth vs OpenID Connect/);
    expect(r.stdout).toMatch(/clients-and-grants\s+Client types and grants/);
    expect(r.stdout).toMatch(/browser-tokens\s+Tokens in the browser/);
    expect(r.stdout).toMatch(/jwt-keys\s+JWT header injection and key rotation/);
  });

  it('--list --json prints data', async () => {
    const r = await run(['learn', '--list', '--json'], { env: env() });
    const out = JSON.parse(r.stdout) as {
      lessons: { id: string; status: string }[];
      resume: string;
    };
    expect(out.lessons.map((l) => l.id)).toEqual([
      'why-oauth',
      'seven-steps',
      'vocabulary',
      'review',
      'jwt',
      'bearer',
      'attack-labs',
      'oauth-vs-oidc',
      'clients-and-grants',
      'browser-tokens',
      'jwt-keys',
      'device-flow',
    ]);
    expect(out.lessons.every((l) => l.status === 'new')).toBe(true);
    expect(out.resume).toBe('why-oauth');
  });

  it('does not wait on a prompt: exits 2 and names the flag to use', async () => {
    for (const args of [['learn'], ['learn', 'seven-steps'], ['progress', '--reset']]) {
      const r = await run(args, { env: env() });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/needs an interactive terminal/);
      expect(r.stderr).toMatch(/--list|--yes/);
    }
  });

  it('<lesson> --print prints the lesson and its exercise as a handout, and saves nothing', async () => {
    const reading = await run(['learn', 'why-oauth', '--print'], { env: env() });
    expect(reading.code, reading.stderr).toBe(0);
    expect(reading.stdout).toMatch(/^# Why OAuth exists\n\n/);
    expect(reading.stdout).toMatch(/PhotoPrint/);
    expect(reading.stdout).not.toMatch(/exercise runs/);
    // The ordering's steps, shuffled as `order --seed 2` labels them, so that command checks the answer.
    const exercise = await run(['learn', 'seven-steps', '--print', '--seed', '2'], { env: env() });
    const order = JSON.parse(
      (await run(['order', '--seed', '2', '--json'], { env: env() })).stdout,
    );
    const lines = (order.steps as { label: string; text: string }[]).map(
      (s) => `${s.label}. ${s.text}`,
    );
    expect(exercise.stdout).toContain(
      `## The exercise: put the steps in order\n\n${lines.join('\n\n')}`,
    );
    expect(exercise.stdout).toMatch(/`oauth-tutor order --seed 2 --answer <letters>`/);
    // The terminal lesson's typing instructions are not the handout's.
    expect(exercise.stdout).not.toMatch(/Backspace/);
    // The review's questions and terms; a workshop's sections, not only its opening.
    const review = await run(['learn', 'review', '--print'], { env: env() });
    expect(review.stdout).toMatch(/- What can you do with an access token\?\n/);
    expect(review.stdout).toMatch(/- Client Secret\n/);
    const data = JSON.parse(
      (await run(['learn', 'jwt', '--print', '--json'], { env: env() })).stdout,
    );
    expect(data).toMatchObject({
      id: 'jwt',
      kind: 'workshop',
      prose: expect.stringMatching(/^# JWT: structure, signing, and attacks/),
      handout: expect.stringMatching(/\n## Mallory edits the payload\n/),
      command: 'oauth-tutor learn jwt',
    });
    // Reading is not taking the lesson: nothing was saved.
    expect(await readdir(home())).not.toContain('progress.json');
  });

  it('--print without a lesson, or with an unknown one, exits 2 and says what to give', async () => {
    const none = await run(['learn', '--print'], { env: env() });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--print needs a lesson: oauth-tutor learn <lesson> --print/);
    const unknown = await run(['learn', 'nope', '--print'], { env: env() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no lesson "nope"/);
    // A flag that would be ignored is a usage error that says what to write.
    const json = await run(['learn', 'jwt', '--json'], { env: env() });
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/`oauth-tutor learn jwt --print --json`/);
    expect((await run(['learn', 'jwt', '--print', '--list'], { env: env() })).code).toBe(2);
  });

  it('an unknown lesson id exits 2 and lists the lessons', async () => {
    const r = await run(['learn', 'nope', '--seed', '1'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no lesson "nope"/);
    expect(r.stderr).toMatch(
      /why-oauth, seven-steps, vocabulary, review, jwt, bearer, attack-labs/,
    );
  });
});

describe('progress', () => {
  it('a corrupted progress file is moved aside with one line, and the run continues', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'progress.json'), '{ this is not json');
    const r = await run(['progress', '--json'], { env: { OAUTH_TUTOR_HOME: dir } });
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/moved to .*progress\.json\.bak/);
    expect(JSON.parse(r.stdout)).toMatchObject({ lessons: expect.any(Array) });
    expect((await readdir(dir)).sort()).toEqual(['progress.json.bak']);
    expect(await readFile(join(dir, 'progress.json.bak'), 'utf8')).toBe('{ this is not json');
  });

  it('--reset --yes starts over and keeps the old file as .bak', async () => {
    const dir = await tempDir();
    const saved = {
      version: 1,
      lessons: {
        'seven-steps': {
          status: 'done',
          attempts: 1,
          updatedAt: '2026-01-01T00:00:00Z',
          score: { correct: 1, total: 1 },
        },
      },
      items: {},
    };
    await writeFile(join(dir, 'progress.json'), JSON.stringify(saved));
    const before = JSON.parse(
      (await run(['progress', '--json'], { env: { OAUTH_TUTOR_HOME: dir } })).stdout,
    ) as { lessons: { id: string; status: string }[] };
    expect(before.lessons.find((l) => l.id === 'seven-steps')!.status).toBe('done');
    const r = await run(['progress', '--reset', '--yes'], { env: { OAUTH_TUTOR_HOME: dir } });
    expect(r.code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'progress.json.bak'), 'utf8'))).toEqual(saved);
    const after = JSON.parse(
      (await run(['progress', '--json'], { env: { OAUTH_TUTOR_HOME: dir } })).stdout,
    ) as { lessons: { status: string }[] };
    expect(after.lessons.every((l) => l.status === 'new')).toBe(true);
  });

  // Issue 12 item 10: "box": "x" threw RangeError (exit 3) as soon as the item was recorded again.
  // Issue 15: only that entry is left out; the learner's other progress stays.
  it('a progress entry of the wrong shape ("box": "x") is left out with one line, the rest kept; check still records its misses', async () => {
    const dir = await tempDir();
    const lesson = { status: 'done', attempts: 1, updatedAt: '2026-01-01T00:00:00Z' };
    const bad = {
      version: 1,
      lessons: { 'seven-steps': lesson },
      items: {
        'review:question:q1': {
          seen: 1,
          correct: 0,
          lastResult: false,
          lastSeen: '2026-01-01T00:00:00Z',
          box: 'x',
        },
      },
    };
    await writeFile(join(dir, 'progress.json'), JSON.stringify(bad));
    const r = await run(['check', join(root, 'test/fixtures/answers/headings.md')], {
      env: { OAUTH_TUTOR_HOME: dir },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /an entry of the wrong shape \(items\.review:question:q1\.box: is "x", not a whole number ≥ 0\), left out; the rest was kept, and the file as it was is saved as .*progress\.json\.bak\./,
    );
    expect((await readdir(dir)).sort()).toEqual(['progress.json', 'progress.json.bak']);
    const saved = JSON.parse(await readFile(join(dir, 'progress.json'), 'utf8'));
    expect(saved.lessons['seven-steps']).toEqual(lesson);
    expect(saved.items['review:question:q1']).toBeUndefined();
    expect(Object.keys(saved.items).length).toBeGreaterThan(0); // the sheet's misses
  });

  // Issue 12 item 11: an unusable data directory stopped `check` with exit 2 before it graded anything.
  it('a data directory that can never be one (below a file): check and progress --reset exit 2 with a clear message', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a-file'), 'not a folder');
    const sheet = join(root, 'test/fixtures/answers/headings.md');
    const r = await run(['check', sheet, '--json'], {
      env: { OAUTH_TUTOR_HOME: join(dir, 'a-file', 'home') },
    });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/OAUTH_TUTOR_HOME .* cannot be used: .*file, not a folder/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    // The grades are still there for whoever asks not to save (the read-only case is in check.test.ts).
    const unsaved = await run(['check', sheet, '--json', '--no-save'], {
      env: { OAUTH_TUTOR_HOME: join(dir, 'a-file', 'home') },
    });
    expect(unsaved.code).toBe(0);
    const reset = await run(['progress', '--reset', '--yes'], {
      env: { OAUTH_TUTOR_HOME: join(dir, 'a-file', 'home') },
    });
    expect(reset.code).toBe(2);
    expect(reset.stderr).toMatch(/could not be reset/);
  });
});

describe('lessons lint', () => {
  it('passes on the shipped lessons', async () => {
    const r = await run(['lessons', 'lint']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/12 lessons, no problems/);
  });

  // One folder with two problems, one lint run (a run costs about 0.4 s of CPU): every problem is
  // listed, a lesson's (file and field) and, since issue 10, the rubric's own check of an
  // instructor's edit (a model answer its rubric grades incorrect, a pattern that backtracks).
  it("reports a broken lesson folder with file and field, and runs the rubric's own check (issue 10), exit 1", async () => {
    const dir = await tempDir();
    await cp(join(root, 'lessons'), dir, { recursive: true });
    const file = join(dir, 'seven-steps.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('answer: [register,', 'answer: [ask,'),
    );
    const rubricFile = join(dir, 'rubric.yaml');
    const rubric = (await readFile(rubricFile, 'utf8'))
      .replace(
        /model: The public identifier the authorization server issues[^\n]*/,
        'model: A banana.',
      )
      .replace(
        "- '\\bpublic\\b.{0,20}\\b(id|identif\\w*|name|value|string)\\b'",
        "- '\\bpublic\\b(\\s*\\w+)*\\b(id|identif\\w*)\\b'",
      );
    await writeFile(rubricFile, rubric);
    const r = await run(['lessons', 'lint', dir, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      ok: boolean;
      problems: { file: string; field: string; message: string }[];
    };
    expect(out.ok).toBe(false);
    expect(out.problems).toContainEqual(
      expect.objectContaining({ file: 'seven-steps.yaml', field: 'answer' }),
    );
    expect(out.problems).toContainEqual(
      expect.objectContaining({
        file: 'rubric.yaml',
        field: 'terms[0] (client-id).model',
        message: expect.stringMatching(/graded incorrect by its own rubric/),
      }),
    );
    expect(out.problems).toContainEqual(
      expect.objectContaining({
        file: 'rubric.yaml',
        message: expect.stringMatching(/quantifier inside another quantifier/),
      }),
    );
  });

  it('exits 2 for a folder that does not exist', async () => {
    const r = await run(['lessons', 'lint', join(home(), 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a folder/);
  });

  it('learn refuses invalid shipped content with a pointer to lint', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'pkg'));
    for (const entry of ['bin', 'dist', 'package.json'])
      await cp(join(root, entry), join(dir, 'pkg', entry), { recursive: true });
    await symlink(join(root, 'node_modules'), join(dir, 'pkg', 'node_modules'));
    await mkdir(join(dir, 'pkg', 'lessons'));
    await writeFile(join(dir, 'pkg', 'lessons', 'manifest.yaml'), 'lessons: nope\n');
    // The copied package's own binary, not the one under test/helpers/cli.ts.
    const copy = start([join(dir, 'pkg', 'bin', 'oauth-tutor.cjs'), 'learn', '--list'], {
      command: process.execPath,
      env: { OAUTH_TUTOR_HOME: home() },
    });
    const r = { code: await copy.exited, stderr: copy.stderr() };
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/manifest\.yaml: lessons: must be a list/);
    expect(r.stderr).toMatch(/oauth-tutor lessons lint/);
  }, 60_000);
});

describe('colour', () => {
  it('NO_COLOR and --no-color print no escape codes; FORCE_COLOR does', async () => {
    const plain = await run(['learn', '--list', '--no-color'], {
      env: { ...env(), NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    const forced = await run(['learn', '--list'], {
      env: { ...env(), NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    expect(forced.stdout).toMatch(/\x1b\[/);
    const noColor = await run(['learn', '--list'], {
      env: { ...env(), NO_COLOR: '1', FORCE_COLOR: '1' },
    });
    expect(noColor.stdout).not.toMatch(/\x1b\[/);
  });
});
