/** `oauth-tutor check` run for real on answer-sheet files. */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmod, cp, readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { baseEnv, bin, root, run, type RunResult } from '../helpers/cli.js';
import { fileTempDir, tempDir } from '../helpers/temp.js';

const samples = join(root, 'test/fixtures/answers');
const dir = fileTempDir('check-');
beforeAll(() => cp(samples, join(dir(), 'class'), { recursive: true }));

interface FileJson {
  file: string;
  score?: number;
  error?: string;
  ordering?: { verdict: string; given: number[] | null };
  questions?: Record<string, { verdict: string; feedback: string }>;
  vocabulary?: Record<string, { verdict: string; feedback: string }>;
  misconceptions?: { id: string; item: string; explanation: string }[];
}

describe('check', () => {
  it('--json gives the documented shape for one sheet', async () => {
    const r = await run(['check', join(samples, 'dash-colon.txt'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { files: FileJson[]; summary: unknown };
    const f = out.files[0]!;
    expect(f.score).toBeGreaterThan(0);
    expect(f.score).toBeLessThan(1);
    expect(f.ordering).toMatchObject({ verdict: 'correct', given: [1, 2, 3, 4, 5, 6, 7] });
    expect(Object.keys(f.questions!)).toEqual([
      'authorization-code',
      'access-token',
      'oauth-benefit',
    ]);
    expect(Object.keys(f.vocabulary!)).toEqual([
      'client-id',
      'client-secret',
      'authentication-endpoint',
      'access-token-endpoint',
      'api-endpoint',
      'authorization-code',
      'access-token',
    ]);
    expect(f.questions!['oauth-benefit']).toMatchObject({
      verdict: 'partial',
      feedback: expect.any(String),
    });
    expect(f.misconceptions!.map((m) => m.item).sort()).toEqual([
      'authorization-code',
      'client-secret',
      'question:authorization-code',
    ]);
    expect(out.summary).toBeTruthy();
  });

  it('grades a sheet saved as CSV through the built binary (csv-parse loaded only for it); a folder leaves .csv files out', async () => {
    const folder = join(dir(), 'csv');
    await mkdir(folder, { recursive: true });
    const sheet = join(folder, 'answers.csv');
    await writeFile(
      sheet,
      [
        'Term,Definition',
        `Client ID,"the app's public identifier, given at registration"`,
        'Client Secret,the password of the user',
        'Access Token,a credential the app sends to the API',
        'API Endpoint,the URL the app calls with the access token',
      ].join('\n'),
    );
    const r = await run(['check', sheet, '--json', '--no-save']);
    expect(r.code, r.stderr).toBe(0);
    const f = (JSON.parse(r.stdout) as { files: FileJson[] }).files[0]!;
    expect(f.vocabulary?.['client-id']?.verdict).toBe('correct');
    expect(f.vocabulary?.['client-secret']?.verdict).toBe('incorrect');
    const inFolder = await run(['check', folder, '--json', '--no-save']);
    expect(inFolder.code).toBe(2);
    expect(inFolder.stderr).toContain('no answer files (.md or .txt) in this folder');
  });

  it('prints a readable report: misplaced steps with why, verdicts, the misconception and the model answer', async () => {
    const r = await run(['check', join(samples, 'table-and-bold.md')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/score \d+%/);
    expect(r.stdout).toMatch(
      /"Make a request to the access token endpoint" is 4th in your list but comes 5th: You can't request an access token/,
    );
    expect(r.stdout).toMatch(
      /Client ID — incorrect\n\s+This is a common misconception\. The "client" in OAuth is the application/,
    );
    expect(r.stdout).toMatch(/Model answer: /);
  });

  it('grades a folder: one report per file, bad files reported, class summary and CSV/JSON reports', async () => {
    const csv = join(dir(), 'class.csv');
    const json = join(dir(), 'class.json');
    const r = await run(['check', join(dir(), 'class'), '--json', '--report', csv]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      files: FileJson[];
      summary: {
        files: number;
        graded: number;
        errors: number;
        items: { item: string; correct: number }[];
        misconceptions: { item: string; count: number }[];
      };
    };
    const byName = Object.fromEntries(out.files.map((f) => [f.file.split('/').pop()!, f]));
    expect(byName['binary.bin']).toBeUndefined(); // not an answer-sheet extension
    expect(byName['empty.md']).toEqual({
      file: expect.stringMatching(/empty\.md$/),
      error: 'no answers found: the file is empty',
    });
    expect(byName['headings.md']!.ordering!.given).toEqual([2, 1, 3, 4, 5, 6, 7]);
    expect(out.summary).toMatchObject({ files: 10, graded: 9, errors: 1 });
    expect(out.summary.items.find((i) => i.item === 'api-endpoint')!.correct).toBe(0.778); // headings.md and messy-order.md have none
    expect(out.summary.misconceptions.length).toBeGreaterThan(0);
    const rows = (await readFile(csv, 'utf8')).trim().split('\n');
    expect(rows[0]).toBe('file,score,item,verdict,misconception,error');
    expect(
      rows.some((row) =>
        /table-and-bold\.md,[\d.]+,client-id,incorrect,client-id-as-account-number,/.test(row),
      ),
    ).toBe(true);

    const text = await run(['check', join(dir(), 'class'), '--report', json]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Class summary: 9 of 10 sheets graded');
    expect(text.stdout).toContain('Most common misconceptions');
    expect(text.stderr).toMatch(/empty\.md: no answers found/);
    expect(JSON.parse(await readFile(json, 'utf8'))).toMatchObject({ graded: 9 });
  });

  it('names each bad input, and exits 2 only when nothing could be read', async () => {
    const big = join(dir(), 'big.md');
    await writeFile(big, 'x'.repeat(1024 * 1024 + 10));
    const bad = await run([
      'check',
      join(samples, 'binary.bin'),
      join(dir(), 'missing.md'),
      big,
      join(samples, 'empty.md'),
      '--json',
    ]);
    expect(bad.code).toBe(2);
    const files = (JSON.parse(bad.stdout) as { files: FileJson[] }).files;
    expect(files.map((f) => f.error)).toEqual([
      'not a text file',
      'no such file',
      expect.stringMatching(/larger than the 1 MB limit/),
      'no answers found: the file is empty',
    ]);
    expect(bad.stderr).toMatch(/None of the 4 files could be checked/);

    const mixed = await run(['check', join(samples, 'binary.bin'), join(samples, 'headings.md')]);
    expect(mixed.code).toBe(0);
    expect(mixed.stdout).toContain('headings.md  score');
    expect(mixed.stderr).toMatch(/binary\.bin: not a text file/);

    const one = await run(['check', join(samples, 'binary.bin')]);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/Could not check .*binary\.bin: not a text file/);
    expect(one.stderr).not.toMatch(/\n\s+at /);
  });

  it('--strict exits 1 when anything is not correct, 0 when all is', async () => {
    expect((await run(['check', join(samples, 'headings.md'), '--strict'])).code).toBe(1);
    const template = (await run(['check', '--template', '--seed', '4'])).stdout;
    const lessons = (await import('../../src/tutor/lessons.js')).requireLessons();
    const kit = (await import('../../src/tutor/grading-kit.js')).gradingKit(await lessons);
    let filled = template;
    const lines = filled.split('\n');
    const stepLines = kit.steps.map((s) => s.text);
    // Put the steps in order, and answer every item with its model answer.
    filled = lines
      .filter((l) => !stepLines.includes(l))
      .join('\n')
      .replace(
        '## Put these steps in the correct order\n',
        `## Put these steps in the correct order\n${stepLines.join('\n')}\n`,
      );
    for (const item of [...kit.rubric.questions, ...kit.rubric.terms]) {
      const heading = item.kind === 'question' ? `## ${item.prompt}\n\n` : `### ${item.prompt}\n\n`;
      filled = filled.replace(heading, `${heading}${item.model}\n`);
    }
    await mkdir(join(dir(), 'perfect'), { recursive: true });
    await writeFile(join(dir(), 'perfect', 'answers.md'), filled);
    const r = await run(['check', join(dir(), 'perfect', 'answers.md'), '--strict', '--json']);
    expect(JSON.parse(r.stdout).files[0].score).toBe(1);
    expect(r.code).toBe(0);
  });

  it('--template prints a blank sheet that grades as missing, not as an error', async () => {
    const t = await run(['check', '--template']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain(
      "## What's a benefit of using OAuth instead of your own basic authentication?",
    );
    expect(t.stdout).toContain('### Client ID');
    const file = join(dir(), 'blank.md');
    await writeFile(file, t.stdout);
    const r = await run(['check', file, '--json']);
    const f = (JSON.parse(r.stdout) as { files: FileJson[] }).files[0]!;
    expect(f.questions!['access-token']!.verdict).toBe('missing');
    expect(f.vocabulary!['client-id']!.verdict).toBe('missing');
  });

  it('a learner checking their own sheet gets what was not right queued for review (unless --no-save)', async () => {
    const home = join(dir(), 'learner');
    await mkdir(home, { recursive: true });
    const r = await run(['check', join(samples, 'dash-colon.txt')], {
      env: { OAUTH_TUTOR_HOME: home },
    });
    expect(r.stderr).toMatch(/4 items added to your review queue/);
    const items = (
      JSON.parse(await readFile(join(home, 'progress.json'), 'utf8')) as {
        items: Record<string, { lastResult: boolean; box: number }>;
      }
    ).items;
    expect(Object.keys(items).sort()).toEqual([
      'review:question:authorization-code',
      'review:question:oauth-benefit',
      'review:term:authorization-code',
      'review:term:client-secret',
    ]);
    expect(Object.values(items).every((i) => i.lastResult === false && i.box === 1)).toBe(true);
    const other = join(dir(), 'instructor');
    await mkdir(other, { recursive: true });
    await run(['check', join(samples, 'dash-colon.txt'), '--no-save'], {
      env: { OAUTH_TUTOR_HOME: other },
    });
    await expect(readFile(join(other, 'progress.json'), 'utf8')).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('with no file and no --template, exits 2 saying what to do', async () => {
    const r = await run(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Name the answer file/);
    expect(r.stderr).toMatch(/--template/);
  });

  it('--summary on a folder prints only the class summary (issue 13)', async () => {
    const r = await run(['check', join(dir(), 'class'), '--summary']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Class summary: 9 of 10 sheets graded, average score \d+%/);
    expect(r.stdout).toContain('Per item, hardest first');
    expect(r.stdout).not.toMatch(/\.(md|txt)\s+score \d+%/);
    expect(r.stdout).not.toContain('Model answer:');
    const json = JSON.parse(
      (await run(['check', join(dir(), 'class'), '--summary', '--json'])).stdout,
    ) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['summary']);
  });

  it('a review queue that cannot be saved (read-only data folder) is one warning after the grades, not exit 3 (issue 13)', async () => {
    // root writes through permission bits, so it gets /sys (a folder nobody can write files into).
    let home = '/sys';
    if (process.getuid?.() !== 0 || !existsSync(home)) {
      home = join(dir(), 'read-only');
      await mkdir(home, { recursive: true });
      await chmod(home, 0o555);
    }
    const r = await run(['check', join(samples, 'dash-colon.txt')], {
      env: { OAUTH_TUTOR_HOME: home },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/dash-colon\.txt\s+score \d+%/);
    expect(r.stdout).toContain('Vocabulary');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^! Your review queue was not saved \(.+\); the grades above stand\. Use --no-save to skip saving\.$/,
    );
  });

  it('an OAUTH_TUTOR_HOME that can never be a folder (under /proc, below a file) exits 2 with a message, without spinning (issue 13)', async () => {
    // A bounded run: before the fix this spun for ever in mkdir, so the child must not outlive the test.
    const bounded = (args: string[], env: Record<string, string>) =>
      new Promise<RunResult>((resolve) => {
        const child = spawn(process.execPath, [bin, ...args], {
          cwd: root,
          env: baseEnv(env),
          timeout: 20_000,
          killSignal: 'SIGKILL',
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const proc = await bounded(['check', join(samples, 'dash-colon.txt')], {
      OAUTH_TUTOR_HOME: '/proc/oauth-tutor-test',
    });
    expect(proc.code).toBe(2);
    expect(proc.stderr).toMatch(
      /^error: OAUTH_TUTOR_HOME \(\/proc\/oauth-tutor-test\) cannot be used: the folder \/proc\/oauth-tutor-test cannot be created \(ENOENT\)\.\n\s+Set OAUTH_TUTOR_HOME to a folder you can write to/,
    );
    const file = join(dir(), 'a-file');
    await writeFile(file, 'not a folder');
    const below = await bounded(['check', join(samples, 'dash-colon.txt')], {
      OAUTH_TUTOR_HOME: join(file, 'home'),
    });
    expect(below.code).toBe(2);
    expect(below.stderr).toMatch(/cannot be used: a part of that path is a file/);
    // --no-save never touches the data folder.
    expect(
      (
        await bounded(['check', join(samples, 'dash-colon.txt'), '--no-save'], {
          OAUTH_TUTOR_HOME: '/proc/oauth-tutor-test',
        })
      ).code,
    ).toBe(0);
  });

  it('--report class.csv defuses cells a spreadsheet would run as formulas (issue 13)', async () => {
    const folder = join(dir(), 'formulas');
    await mkdir(folder, { recursive: true });
    await cp(join(samples, 'headings.md'), join(folder, '=HYPERLINK("x"),1.md'));
    await cp(join(samples, 'dash-colon.txt'), join(folder, '@sum.txt'));
    const r = await run(['check', '.', '--summary', '--report', 'class.csv'], { cwd: folder });
    expect(r.code, r.stderr).toBe(0);
    const csv = await readFile(join(folder, 'class.csv'), 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""x""),1.md",`);
    expect(csv).toContain(`'@sum.txt,`);
    expect(csv).not.toMatch(/^"?[=+@-]/m);
  });
});

describe('check --json over a class (issue 16)', () => {
  it('prints byte for byte JSON.stringify of every sheet graded alone, in file order', async () => {
    // Every fixture sheet, twice (the grader remembers lines and answers it has seen, and the
    // stream reuses the text of results it has written: neither may change a byte).
    const home = await tempDir('check-class-');
    const folders = ['answers', 'answers-extra', 'answers-new', 'answers-holdout'];
    for (const copy of ['a', 'b'])
      for (const f of folders)
        await cp(join(root, 'test/fixtures', f), join(home, 'class', copy, f), {
          recursive: true,
        });
    const r = await run(['check', 'class', '--json'], { cwd: home });
    expect(r.code).toBe(0);

    const { requireLessons } = await import('../../src/tutor/lessons.js');
    const { gradingKit } = await import('../../src/tutor/grading-kit.js');
    const { createGrader } = await import('../../src/grader/grade.js');
    const { decodeSheet } = await import('../../src/grader/text.js');
    const { summarize } = await import('../../src/grader/summary.js');
    const { itemLabels } = await import('../../src/cli/check-view.js');
    const kit = gradingKit(await requireLessons());
    const names = (await readdir(join(home, 'class'), { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && /\.(md|txt)$|^[^.]+$/.test(e.name))
      .map((e) => relative(home, join(e.parentPath, e.name)))
      .sort();
    const grades = await Promise.all(
      names.map(async (file) => {
        const decoded = decodeSheet(await readFile(join(home, file)));
        return decoded.ok
          ? { file, sheet: createGrader(kit)(decoded.text) }
          : { file, error: decoded.error };
      }),
    );
    expect(grades.filter((g) => g.sheet !== undefined).length).toBeGreaterThan(70);
    const files = grades.map((g) =>
      g.sheet === undefined ? { file: g.file, error: g.error } : { file: g.file, ...g.sheet },
    );
    const summary = summarize(grades, itemLabels(kit.rubric));
    expect(r.stdout).toBe(JSON.stringify({ files, summary }, null, 2) + '\n');
  });
});
