/** `oauth-tutor quiz`, `quiz lint`, `quiz export` and `report` run for real. */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root, run } from '../helpers/cli.js';
import { fileTempDir } from '../helpers/temp.js';
import { quizQuestions } from '../../src/quiz/session.js';
import { requireDeck } from '../../src/tutor/decks.js';
import { requireLessons } from '../../src/tutor/lessons.js';
import { CANONICAL_STEPS } from '../helpers/steps.js';

const dir = fileTempDir('quiz-');

const ORDER = [...CANONICAL_STEPS];

describe('quiz --answers (no terminal)', () => {
  it('grades a prepared answer set, writes the results file, prints JSON', async () => {
    const answers = {
      'full-order': ORDER,
      first: 'Register your application',
      'back-channel': false,
      'what-code-for': 'swap it at the token endpoint for an access token',
      last: 'The client secret',
    };
    await writeFile(join(dir(), 'answers.json'), JSON.stringify(answers));
    const out = join(dir(), 'ada.json');
    const r = await run([
      'quiz',
      'seven-steps',
      '--seed',
      '9',
      '--name',
      'Ada',
      '--answers',
      join(dir(), 'answers.json'),
      '--out',
      out,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout) as {
      score: { correct: number; total: number };
      questions: { id: string; correct: boolean; answer: unknown }[];
    };
    const saved = JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown>;
    expect(saved).toEqual(printed);
    expect(saved).toMatchObject({
      kind: 'oauth-tutor/quiz-result',
      deck: 'seven-steps',
      name: 'Ada',
      seed: '9',
      timestamp: expect.any(String),
    });
    const byId = Object.fromEntries(printed.questions.map((q) => [q.id, q]));
    expect(byId['full-order']!.correct).toBe(true);
    expect(byId['back-channel']!.correct).toBe(true);
    expect(byId['what-code-for']!.correct).toBe(true); // graded with the self-check rubric
    expect(byId['last']).toMatchObject({ correct: false, answer: 'The client secret' });
    expect(printed.score).toEqual({ correct: 4, partial: 0, total: 9, value: 0.444 });
    expect(
      (await run(['quiz', 'seven-steps', '--answers', join(dir(), 'answers.json'), '--strict']))
        .code,
    ).toBe(1);
  });

  it('without a terminal and without --answers, exits 2 saying so', async () => {
    const r = await run(['quiz', 'jwt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--answers/);
  });

  it('--seed and --count ask the questions quizQuestions gives for that seed (the same in every run)', async () => {
    await writeFile(join(dir(), 'empty.json'), '{}');
    const r = await run([
      'quiz',
      'jwt',
      '--seed',
      'class-1',
      '--count',
      '4',
      '--answers',
      join(dir(), 'empty.json'),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const ids = (JSON.parse(r.stdout) as { questions: { id: string }[] }).questions.map(
      (q) => q.id,
    );
    // That a seed always gives the same questions is quizQuestions' own test (test/unit/quiz.test.ts).
    const rubric = (await requireLessons()).lessons.find((l) => l.id === 'review')?.rubric;
    const deck = await requireDeck('jwt', rubric);
    expect(ids).toEqual(quizQuestions(deck, 'class-1', 4).map((q) => q.id));
  });
});

describe('quiz lint and export', () => {
  it('lints the built-in decks clean, and a broken deck with file, line and id (exit 1)', async () => {
    const ok = await run(['quiz', 'lint']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/5 decks, 52 questions, no problems/);
    const deck = join(dir(), 'broken.yaml');
    await writeFile(
      deck,
      (await readFile(join(root, 'lessons/decks/jwt.yaml'), 'utf8')).replace(
        'answer: [header, payload, signature]',
        'answer: [header, header, signature]',
      ),
    );
    const bad = await run(['quiz', 'lint', deck]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      new RegExp(
        `${deck.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: parts\\.answer: must list every item exactly once`,
      ),
    );
  });

  it('exports a printable quiz with the answer key at the end; without --seed a random one is drawn and printed', async () => {
    const r = await run(['quiz', 'export', 'security', '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Security of the flow/);
    const seed = /\*Paper (\d+) · \d+ questions\*/.exec(r.stdout)![1]!;
    expect(r.stdout).toMatch(
      new RegExp(
        `## Answer key\n\nPaper ${seed}\\. Grade typed answers with \`oauth-tutor quiz security --seed ${seed} --answers answers\\.json\`\\.\n\n1\\. \\*\\*`,
      ),
    );
    expect((await run(['quiz', 'export', 'security', '--seed', seed])).stdout).toBe(r.stdout);
  });

  it('lists the decks', async () => {
    const r = await run(['quiz', '--list', '--json']);
    expect(
      (JSON.parse(r.stdout) as { decks: { id: string; questions: number }[] }).decks.map(
        (d) => d.id,
      ),
    ).toEqual(['bearer', 'jwt', 'security', 'seven-steps', 'vocabulary']);
  });
});

describe('report', () => {
  it('aggregates result files and check outputs; foreign files are reported and skipped; CSV and JSON', async () => {
    await writeFile(join(dir(), 'a.json'), JSON.stringify({ first: 'Register your application' }));
    await writeFile(join(dir(), 'b.json'), JSON.stringify({ first: 'Receive access token' }));
    for (const [who, file] of [
      ['Ada', 'a'],
      ['Bo', 'b'],
    ]) {
      expect(
        (
          await run([
            'quiz',
            'seven-steps',
            '--answers',
            join(dir(), `${file}.json`),
            '--name',
            who!,
            '--out',
            join(dir(), `result-${file}.json`),
          ])
        ).code,
      ).toBe(0);
    }
    const check = await run([
      'check',
      join(root, 'test/fixtures/answers/dash-colon.txt'),
      '--json',
      '--no-save',
    ]);
    await writeFile(join(dir(), 'check.json'), check.stdout);
    await writeFile(join(dir(), 'foreign.json'), '{"hello": 1}');
    const files = [
      'result-a.json',
      'result-b.json',
      'check.json',
      'foreign.json',
      'missing.json',
    ].map((f) => join(dir(), f));
    const text = await run(['report', ...files]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Questions, hardest first');
    expect(text.stdout).toMatch(/Ada\s+11%\s+1\/9 right/);
    expect(text.stderr).toMatch(/skipped .*foreign\.json: not a quiz result/);
    expect(text.stderr).toMatch(/skipped .*missing\.json: no such file/);
    const json = JSON.parse((await run(['report', ...files, '--json'])).stdout) as {
      questions: { key: string; score: number; wrongAnswers: { answer: string }[] }[];
      students: unknown[];
    };
    expect(json.students).toHaveLength(3);
    expect(json.questions.find((q) => q.key === 'seven-steps:first')).toMatchObject({
      score: 0.5,
      wrongAnswers: [{ answer: 'Receive access token' }],
    });
    expect(
      json.questions.find((q) => q.key === 'check:client-secret')!.wrongAnswers[0]!.answer,
    ).toMatch(/^misconception: The user's password never reaches your app/);
    const csv = (await run(['report', ...files, '--csv'])).stdout.split('\n');
    expect(csv[0]).toBe(
      'section,key,prompt,answered,correct,partial,score_percent,top_wrong_answer',
    );
    expect(csv.some((l) => l.startsWith('question,seven-steps:first,'))).toBe(true);
    expect((await run(['report', join(dir(), 'foreign.json')])).code).toBe(2);
  });
});
