/**
 * Issue 13, the instructor's day, run on the real binary: a paper quiz per
 * seed whose key matches the quiz it grades, answer files with choice
 * letters, one score in check / quiz / report, and a report that counts
 * answers in words and writes safe CSV.
 */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root, run } from '../helpers/cli.js';
import { fileTempDir } from '../helpers/temp.js';
import { openTerminal } from '../helpers/pty.js';
import { parseDeck } from '../../src/quiz/deck.js';
import { quizQuestions } from '../../src/quiz/session.js';

const DECK = join(root, 'test/fixtures/decks/class.yaml');
const dir = fileTempDir('instructor-');

/**
 * The questions of the paper for a seed, in their order, with their choices as lettered, from
 * quizQuestions, where `quiz --answers` and `quiz export` both take them (that the two commands
 * agree is the 100% test below: the paper's key, resolved by the grader, is all correct).
 */
async function paperQuestions(seed: string) {
  const { deck } = parseDeck(await readFile(DECK, 'utf8'), DECK, 'class');
  if (deck === undefined) throw new Error(`${DECK} does not parse`);
  return quizQuestions(deck, seed);
}

/** `check` of one sample sheet as JSON, run once for the file and read by each test that needs it. */
let dashColon: ReturnType<typeof run> | undefined;
const checkDashColon = () =>
  (dashColon ??= run([
    'check',
    join(root, 'test/fixtures/answers/dash-colon.txt'),
    '--json',
    '--no-save',
  ]));

interface Result {
  score: { correct: number; partial: number; total: number; value: number };
  questions: { id: string; type: string; verdict: string; answer: unknown }[];
}

async function grade(answers: Record<string, unknown>, ...flags: string[]) {
  const file = join(dir(), `answers-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(answers));
  const r = await run(['quiz', DECK, '--answers', file, '--json', ...flags]);
  return { ...r, result: r.code === 0 ? (JSON.parse(r.stdout) as Result) : undefined, file };
}

/** The answer key of a markdown paper: number → the bold answer. */
function keyOf(paper: string): string[] {
  const key = paper.slice(paper.indexOf('## Answer key'));
  return [...key.matchAll(/^(\d+)\. \*\*(.+?)\*\*/gm)].map((m) => m[2]!);
}

describe('quiz export: a paper per seed', () => {
  // That a seed fixes the paper and another seed shuffles it is quizQuestions' and collectPaper's
  // own test (test/unit/quiz.test.ts); here, the command's contract.
  it('--seed and --count: exit 0, a paper of that many questions and its key, and the line that grades it', async () => {
    const three = await run(['quiz', 'export', DECK, '--seed', 'class-1', '--count', '3']);
    expect(three.code, three.stderr).toBe(0);
    expect(three.stdout.match(/^\*\*\d+\. /gm)).toHaveLength(3);
    expect(keyOf(three.stdout)).toHaveLength(3);
    expect(three.stdout).toContain(
      `oauth-tutor quiz ${DECK} --seed class-1 --count 3 --answers answers.json`,
    );
  });

  it('the key matches the paper: answering with its letters scores 100% for the same seed; the ordering question starts scrambled', async () => {
    const seed = 'spring';
    const paper = (await run(['quiz', 'export', DECK, '--seed', seed])).stdout;
    const ids = (await paperQuestions(seed)).map((q) => q.id);
    const key = keyOf(paper);
    expect(key).toHaveLength(ids.length);
    const answers: Record<string, unknown> = {};
    ids.forEach((id, i) => {
      const k = key[i]!;
      if (id === 'scheme') answers[id] = k.slice(0, 1); // "b) Bearer" → "b"
      else if (id === 'claims') answers[id] = [...k.matchAll(/\b([a-d])\)/g)].map((m) => m[1]); // ["a", "b", "d"]
      else if (id === 'parts') {
        answers[id] = k; // "c, a, b"
        expect(k).not.toBe('a, b, c'); // not printed already in order
      } else if (id === 'tls') answers[id] = k; // "False"
      else if (id === 'header') answers[id] = 'The Authorization header.'; // normalised to "authorization header"
      else if (id === 'benefit')
        answers[id] = 'The app never sees the password: the provider checks it.';
    });
    const r = await grade(answers, '--seed', seed);
    expect(r.code, r.stderr).toBe(0);
    expect(r.result!.questions.filter((q) => q.verdict !== 'correct')).toEqual([]);
    expect(r.result!.score.value).toBe(1);
    // Letters were resolved to the choice texts.
    expect(r.result!.questions.find((q) => q.id === 'scheme')!.answer).toBe('Bearer');
    expect(r.result!.questions.find((q) => q.id === 'parts')!.answer).toEqual([
      'protected header',
      'payload',
      'signature',
    ]);
  });

  it('a rubric-graded text question gets the model answer and the concepts it must contain', async () => {
    const paper = (await run(['quiz', 'export', DECK, '--seed', '1'])).stdout;
    expect(paper).toMatch(/\*\*graded by the rubric: see the model answer\*\*/);
    expect(paper).toMatch(/Model answer: The app never sees or stores the user's password/);
    expect(paper).toMatch(
      /A correct answer says at least 1 of:\n\s+- the app never sees or stores the user's password/,
    );
  });

  it('--format html is one self-contained page; a bad format exits 2', async () => {
    const r = await run(['quiz', 'export', 'seven-steps', '--format', 'html', '--seed', '4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!doctype html>/);
    expect(r.stdout).not.toMatch(/<(link|script|img)\b|src=|@import/);
    expect(r.stdout).toContain('<section class="key">');
    const bad = await run(['quiz', 'export', 'seven-steps', '--format', 'pdf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/'pdf' is invalid\. Allowed choices are md, html\./);
  });
});

describe('quiz --answers files', () => {
  it('choice letters need the paper seed (exit 2 without it); unknown ids are warned about on stderr', async () => {
    const noSeed = await grade({ scheme: 'b' });
    expect(noSeed.code).toBe(2);
    expect(noSeed.stderr).toMatch(/answers "scheme" with a choice letter.*seed/);
    expect(noSeed.stderr).toMatch(/--seed printed on the paper/);
    const r = await grade({ scheme: 'Bearer', shceme: 'Bearer', 'bogus-id': 1 }, '--seed', '9');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/"shceme" is not a question of the deck class; ignored/);
    expect(r.stderr).toMatch(/"bogus-id" is not a question of the deck class; ignored/);
    expect(r.result!.questions.find((q) => q.id === 'scheme')!.verdict).toBe('correct');
  });

  it('answers to questions left off the paper by --count are named on stderr', async () => {
    const ids = (await paperQuestions('9')).map((q) => q.id);
    const r = await grade(
      Object.fromEntries(ids.map((id) => [id, 'x'])),
      '--seed',
      '9',
      '--count',
      '4',
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `2 answers are for questions not on this paper \\("${ids[4]}", "${ids[5]}"\\); check --count and --seed`,
      ),
    );
  });

  it('text answers match ignoring case, articles and punctuation; a rubric question is graded by the rubric, partly right counting half', async () => {
    const r = await grade(
      { header: 'the AUTHORIZATION header!', benefit: 'it is more secure' },
      '--seed',
      '2',
    );
    const byId = Object.fromEntries(r.result!.questions.map((q) => [q.id, q]));
    expect(byId['header']!.verdict).toBe('correct');
    expect(byId['benefit']!.verdict).toBe('partial');
    expect(r.result!.score).toEqual({ correct: 1, partial: 1, total: 6, value: 0.25 });
    const text = await run(['quiz', DECK, '--answers', r.file, '--seed', '2']);
    expect(text.stdout).toMatch(/1\/6 right, 1 partly right, score 25%/);
  });
});

describe('one score everywhere', () => {
  it('check and report give a sheet the same score', async () => {
    const check = await checkDashColon();
    const sheetScore = (JSON.parse(check.stdout) as { files: { score: number }[] }).files[0]!.score;
    await writeFile(join(dir(), 'check.json'), check.stdout);
    const report = JSON.parse(
      (await run(['report', join(dir(), 'check.json'), '--json'])).stdout,
    ) as { students: { score: number }[] };
    expect(report.students[0]!.score).toBe(sheetScore);
    const pct = Math.round(sheetScore * 100);
    expect(
      (await run(['check', join(root, 'test/fixtures/answers/dash-colon.txt'), '--no-save']))
        .stdout,
    ).toContain(`score ${pct}%`);
    expect((await run(['report', join(dir(), 'check.json')])).stdout).toMatch(
      new RegExp(`dash-colon\\.txt\\s+${pct}%`),
    );
  });

  it("check's class summary and report give every item the same score", async () => {
    const folder = join(root, 'test/fixtures/answers');
    const summary = (await run(['check', folder, '--summary', '--no-save'])).stdout;
    const check = await run(['check', folder, '--json', '--no-save']);
    await writeFile(join(dir(), 'class-check.json'), check.stdout);
    const report = (await run(['report', join(dir(), 'class-check.json')])).stdout;
    // "  <label>  <bar> NN%": the label, and the score after the bar.
    const scores = (text: string, from: string) =>
      new Map(
        [...text.slice(text.indexOf(from)).matchAll(/^ {2}(.+?)\s+[█·]{20}\s+(\d+)%/gm)].map(
          (m) => [m[1]!.trim().replace(/…$/, '').slice(0, 50), m[2]!],
        ),
      ); // labels are cut at different widths
    const inCheck = scores(summary, 'Per item');
    const inReport = scores(report, 'Questions, hardest first');
    expect(inCheck.size).toBe(11);
    expect(inReport).toEqual(inCheck);
    expect(inCheck.get('What can you do with an access token?')).toBe('72'); // 5 right, 3 partly right, 1 wrong of 9 (expected.json)
  });
});

describe('report', () => {
  it('counts "true" and true as one answer, shows choice texts and rubric names, and writes CSV a spreadsheet will not run', async () => {
    const files: string[] = [];
    for (const [name, answers] of [
      ['=HYPERLINK("http://x")', { tls: true, scheme: 'c' }],
      ['Bo', { tls: 'true', scheme: 'c' }],
    ] as const) {
      const out = join(dir(), `r-${files.length}.json`);
      const answersFile = join(dir(), `a-${files.length}.json`);
      await writeFile(answersFile, JSON.stringify(answers));
      expect(
        (
          await run([
            'quiz',
            DECK,
            '--seed',
            '5',
            '--answers',
            answersFile,
            '--name',
            name,
            '--out',
            out,
          ])
        ).code,
      ).toBe(0);
      files.push(out);
    }
    const check = await checkDashColon();
    await writeFile(join(dir(), 'check2.json'), check.stdout);
    files.push(join(dir(), 'check2.json'));
    const json = JSON.parse((await run(['report', ...files, '--json'])).stdout) as {
      questions: {
        key: string;
        prompt: string;
        wrongAnswers: { answer: string; count: number }[];
      }[];
    };
    const q = (key: string) => json.questions.find((x) => x.key === key)!;
    expect(q('class:tls').wrongAnswers).toEqual([{ answer: 'True', count: 2 }]);
    const scheme = (await paperQuestions('5')).find((x) => x.id === 'scheme');
    const choiceC = scheme?.type === 'single' ? scheme.choices[2] : undefined;
    expect(q('class:scheme').wrongAnswers.map((w) => w.answer)).toEqual(
      choiceC === 'Bearer' ? [] : [choiceC],
    );
    expect(q('check:client-secret').prompt).toBe('Client Secret');
    expect(q('check:client-secret').wrongAnswers[0]!.answer).toMatch(
      /^misconception: The user's password never reaches your app/,
    );
    expect(q('check:question:oauth-benefit').wrongAnswers[0]!.answer).toMatch(
      /^partly right: does not say that /,
    );
    const csv = (await run(['report', ...files, '--csv'])).stdout;
    expect(csv.split('\n')[0]).toBe(
      'section,key,prompt,answered,correct,partial,score_percent,top_wrong_answer',
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).not.toMatch(/(^|,)"?[=+@]/m);
  });
});

describe('an unusable OAUTH_TUTOR_HOME', () => {
  it('stops an interactive quiz before the first question with exit 2, instead of spinning at the first save', async () => {
    const term = openTerminal(['quiz', 'jwt', '--seed', '1'], {
      OAUTH_TUTOR_HOME: '/proc/oauth-tutor-test',
    });
    await term.waitFor('cannot be used');
    expect(await term.exited).toBe(2);
    expect(term.output).toMatch(/OAUTH_TUTOR_HOME \(\/proc\/oauth-tutor-test\) cannot be used/);
    expect(term.output).not.toContain('[1/');
  });
});
