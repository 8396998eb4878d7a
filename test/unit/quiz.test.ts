import { describe, expect, it, onTestFinished } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDeck, type Question } from '../../src/quiz/deck.js';
import { normalizeText, score, scoreOf, scoreOfCounts } from '../../src/quiz/score.js';
import { resolveAnswer } from '../../src/quiz/answers.js';
import { toCsv } from '../../src/csv.js';
import { quizQuestions } from '../../src/quiz/session.js';
import { nextSchedule, dueItems } from '../../src/quiz/schedule.js';
import { answerShown, buildReport, reportCsv } from '../../src/quiz/report.js';
import { collectPaper, paperHtml, paperMarkdown } from '../../src/quiz/export.js';
import { builtInDeckIds, readDeck, requireDeck } from '../../src/tutor/decks.js';
import { rubricGrader, rubricItemIds } from '../../src/quiz/rubric-grading.js';
import { parseReviewKey, reviewKey } from '../../src/quiz/review-key.js';
import { reviewQuestion } from '../../src/quiz/review.js';
import { loadLessons, requireLessons } from '../../src/tutor/lessons.js';
import { formatProblem } from '../../src/problems.js';
import { root } from '../helpers/cli.js';

const rubric = (await requireLessons()).lessons.find((l) => l.id === 'review')!.rubric!;

const GOOD = `title: T
description: D
questions:
  - id: s
    type: single
    prompt: Pick b
    choices: [a, b, c]
    answer: b
    explanation: because
  - id: m
    type: multi
    prompt: Pick a and c
    choices: [a, b, c]
    answer: [a, c]
    explanation: because
  - id: o
    type: order
    prompt: Order
    items: [x, y, z]
    answer: [z, x, y]
    explanation: because
  - id: t
    type: truefalse
    prompt: True?
    answer: true
    explanation: because
  - id: w
    type: text
    prompt: Say exp
    answer: [exp, expiration time]
    explanation: because
`;

describe('decks', () => {
  it('the built-in decks lint clean and hold at least 40 questions of every type', async () => {
    let total = 0;
    const types = new Set<string>();
    for (const id of await builtInDeckIds()) {
      const { deck, problems } = await readDeck(id, rubric);
      expect(problems.map(formatProblem), id).toEqual([]);
      total += deck!.questions.length;
      for (const q of deck!.questions) types.add(q.type);
    }
    expect(total).toBeGreaterThanOrEqual(40);
    expect([...types].sort()).toEqual(['multi', 'order', 'single', 'text', 'truefalse']);
    expect(await builtInDeckIds()).toEqual([
      'bearer',
      'jwt',
      'security',
      'seven-steps',
      'vocabulary',
    ]);
  });

  it('parses a good deck', () => {
    const { deck, problems } = parseDeck(GOOD, 'good.yaml', 'good');
    expect(problems).toEqual([]);
    expect(deck!.questions.map((q) => [q.id, q.type, q.line])).toEqual([
      ['s', 'single', 4],
      ['m', 'multi', 10],
      ['o', 'order', 16],
      ['t', 'truefalse', 22],
      ['w', 'text', 27],
    ]);
  });

  it.each([
    [
      'a duplicate id',
      GOOD.replace('- id: m', '- id: s'),
      'bad.yaml:10: s.id: duplicate id "s" (first at line 4)',
    ],
    [
      'an answer not among the choices',
      GOOD.replace('answer: b', 'answer: d'),
      'bad.yaml:8: s.answer: "d" is not among the choices',
    ],
    [
      'an order answer that is no permutation',
      GOOD.replace('answer: [z, x, y]', 'answer: [z, x, x]'),
      'bad.yaml:20: o.answer: must list every item exactly once (a permutation of items)',
    ],
    [
      'a missing explanation',
      GOOD.replace(/(id: t[\s\S]*?)\n    explanation: because/, '$1'),
      'bad.yaml:22: t.explanation: is missing: say why the answer is right',
    ],
    [
      'an unknown type',
      GOOD.replace('type: truefalse', 'type: essay'),
      'bad.yaml:23: t.type: "essay" is not one of: single, multi, order, truefalse, text',
    ],
    [
      'an unknown rubric item',
      GOOD.replace('answer: [exp, expiration time]', 'rubric: question:nope'),
      'bad.yaml:30: w.rubric: unknown rubric item "question:nope"',
    ],
  ])('names file, line and question id for %s', (_what, text, expected) => {
    const { deck, problems } = parseDeck(text, 'bad.yaml', 'bad', rubricItemIds(rubric));
    expect(deck).toBeUndefined();
    expect(problems.map(formatProblem).some((p) => p.startsWith(expected))).toBe(true);
  });

  it('checks decks with the Checker the lessons use: a title that is not text says so, with its line', () => {
    const { problems } = parseDeck(GOOD.replace('title: T', 'title: [T]'), 'bad.yaml', 'bad');
    expect(problems.map(formatProblem)).toEqual(['bad.yaml:1: title: must be text']);
  });

  it('takes numbers in choices as written (HTTP status codes)', () => {
    const text = GOOD.replace(
      'choices: [a, b, c]\n    answer: b',
      'choices: [200, 302]\n    answer: "302"',
    );
    const { deck, problems } = parseDeck(text, 'n.yaml', 'n');
    expect(problems).toEqual([]);
    expect(deck!.questions[0]).toMatchObject({ choices: ['200', '302'], answer: '302' });
  });

  it('maps a YAML error to the same problem in a deck and in a lesson file', async () => {
    const broken = 'title: [unclosed\n';
    const deck = parseDeck(broken, 'x.yaml', 'x').problems;
    const lessons = await mkdtemp(join(tmpdir(), 'yaml-'));
    onTestFinished(() => rm(lessons, { recursive: true, force: true }));
    await writeFile(join(lessons, 'manifest.yaml'), broken);
    const { problems } = await loadLessons(lessons);
    expect(deck.map(formatProblem)).toEqual([
      expect.stringMatching(/^x\.yaml:\d+: not valid YAML: /),
    ]);
    expect(problems.map(formatProblem)).toEqual(
      deck.map((p) => formatProblem({ ...p, file: 'manifest.yaml' })),
    );
  });

  it('exports a printable quiz with an answer key', () => {
    const { deck } = parseDeck(GOOD, 'good.yaml', 'good');
    const md = paperMarkdown(
      collectPaper(deck!, deck!.questions, { ref: 'good.yaml', seed: 's1' }),
    );
    expect(md).toContain('**1. Pick b**');
    expect(md).toMatch(
      /## Answer key\n\nPaper s1\. Grade typed answers with `oauth-tutor quiz good\.yaml --seed s1 --answers answers\.json`\.\n\n1\. \*\*b\) b\*\* — because/,
    );
    expect(md).toContain('3. **c, a, b** — because'); // items x, y, z are lettered a, b, c; the order is z, x, y
  });
});

// Moved from test/e2e/instructor.test.ts (issue 16: eight launches of `quiz export`); the binary's
// export contract (exit 0, the paper on stdout, --count and the grading line) is still tested there.
describe('quiz export: a paper per seed', () => {
  const DECK = join(root, 'test/fixtures/decks/class.yaml');
  const paper = async (seed: string, count?: number) => {
    const deck = await requireDeck(DECK, rubric);
    const opts = { ref: DECK, seed, ...(count === undefined ? {} : { count }) };
    return paperMarkdown(collectPaper(deck, quizQuestions(deck, seed, count), opts));
  };

  it('the same seed prints the same paper; another seed shuffles questions and choices; a count is honoured', async () => {
    expect(await paper('class-1')).toBe(await paper('class-1'));
    const seeds = await Promise.all(['1', '2', '3', '4', '5', '6'].map((s) => paper(s)));
    expect(new Set(seeds).size).toBeGreaterThan(1);
    // The single-choice answer ("Bearer") is not always at a).
    const letters = seeds.map((s) => /^\s*- \[ \] ([a-d])\) Bearer$/m.exec(s)?.[1]);
    expect(letters).not.toContain(undefined);
    expect(new Set(letters).size).toBeGreaterThan(1);
    const three = await paper('class-1', 3);
    expect(three.match(/^\*\*\d+\. /gm)).toHaveLength(3);
    expect(three.slice(three.indexOf('## Answer key')).match(/^\d+\. \*\*/gm)).toHaveLength(3);
  });
});

describe('scoring', () => {
  const { deck } = parseDeck(GOOD, 'good.yaml', 'good');
  const q = (id: string) => deck!.questions.find((x) => x.id === id)!;
  it.each([
    ['s', 'b', true],
    ['s', 'a', false],
    ['m', ['c', 'a'], true],
    ['m', ['a'], false],
    ['m', ['a', 'b', 'c'], false],
    ['o', ['z', 'x', 'y'], true],
    ['o', ['x', 'y', 'z'], false],
    ['t', true, true],
    ['t', 'yes', true],
    ['t', false, false],
    ['w', '  Expiration   Time ', true],
    ['w', 'nbf', false],
  ])('%s: %j → %s', (id, answer, correct) => {
    expect(score(q(id), answer as never).correct).toBe(correct);
  });

  it('grades text answers with the self-check rubric when the question names a rubric item', () => {
    const item: Question = {
      id: 'x',
      type: 'text',
      prompt: 'What can you do with an authorization code?',
      choices: [],
      answer: [],
      rubric: 'question:authorization-code',
      explanation: 'e',
      line: 1,
    };
    const grader = (_i: string, text: string) => ({
      verdict: /swap/.test(text)
        ? ('correct' as const)
        : /token/.test(text)
          ? ('partial' as const)
          : ('incorrect' as const),
      feedback: 'say more',
    });
    expect(score(item, 'swap it for a token', grader)).toEqual({
      verdict: 'correct',
      correct: true,
    });
    expect(score(item, 'something with a token', grader)).toEqual({
      verdict: 'partial',
      correct: false,
      feedback: 'say more',
    });
    expect(score(item, 'log in', grader).correct).toBe(false);
    expect(score(item, undefined, grader).verdict).toBe('missing');
  });

  it('text answers match whatever the case, articles and punctuation (issue 13)', () => {
    expect(normalizeText('The Authorization header.')).toBe(normalizeText('authorization header'));
    expect(normalizeText('an "access token"!')).toBe('access token');
    const item: Question = {
      id: 'h',
      type: 'text',
      prompt: 'Where does the bearer token go?',
      choices: [],
      answer: ['authorization header'],
      explanation: 'e',
      line: 1,
    };
    expect(score(item, 'In the Authorization header').correct).toBe(false); // "in" is a word, not an article
    expect(score(item, 'The Authorization header.').correct).toBe(true);
  });
});

describe('the one score (issue 13)', () => {
  it('correct 1, partial half, incorrect and missing 0, averaged over every graded item', () => {
    expect(scoreOf(['correct', 'partial', 'incorrect', 'missing'])).toBe(0.375);
    expect(scoreOf(['correct', 'partial'])).toBe(0.75);
    expect(scoreOf([])).toBe(0);
    expect(scoreOf(['correct', 'correct', 'incorrect'])).toBe(0.667);
    expect(scoreOfCounts({ correct: 2, partial: 1, incorrect: 1, missing: 0 })).toBe(0.625);
    expect(scoreOfCounts({ correct: 0.5, partial: 0.25, incorrect: 0.25, missing: 0 })).toBe(0.625); // shares work too
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'correct' as const,
            'partial' as const,
            'incorrect' as const,
            'missing' as const,
          ),
        ),
        (vs) => {
          const counts = { correct: 0, partial: 0, incorrect: 0, missing: 0 };
          for (const v of vs) counts[v]++;
          expect(scoreOf(vs)).toBe(scoreOfCounts(counts));
        },
      ),
    );
  });
});

describe('answer files (issue 13)', () => {
  const { deck } = parseDeck(GOOD, 'good.yaml', 'good');
  const q = (id: string) => deck!.questions.find((x) => x.id === id)!;
  it.each([
    ['s', 'b', 'b'],
    ['s', 'B)', 'b'],
    ['m', 'a, c', ['a', 'c']],
    ['m', ['c', 'a'], ['c', 'a']],
    ['o', 'cab', ['z', 'x', 'y']],
    ['o', 'c a b', ['z', 'x', 'y']],
    ['o', ['z', 'x', 'y'], ['z', 'x', 'y']],
    ['t', 'true', true],
    ['t', 'F', false],
    ['w', 'Expiration time', 'Expiration time'],
  ])('%s: %j resolves to %j', (id, raw, answer) => {
    expect(resolveAnswer(q(id), raw).answer).toEqual(answer);
  });

  it('a letter is the choice at that place in the shuffled question; a choice text wins over a letter', () => {
    const single: Question = {
      id: 'x',
      type: 'single',
      prompt: 'p',
      choices: ['Register', 'Redirect', 'Token'],
      answer: 'Token',
      explanation: 'e',
      line: 1,
    };
    expect(resolveAnswer(single, 'c')).toEqual({ answer: 'Token', usedLetters: true });
    expect(resolveAnswer(single, '(a)')).toEqual({ answer: 'Register', usedLetters: true });
    expect(resolveAnswer(single, 'the token')).toEqual({ answer: 'Token', usedLetters: false });
    expect(resolveAnswer(single, 'z')).toEqual({ answer: 'z', usedLetters: false });
    const order: Question = { ...single, type: 'order', answer: ['Register', 'Redirect', 'Token'] };
    expect(resolveAnswer(order, 'A, B, C')).toEqual({
      answer: ['Register', 'Redirect', 'Token'],
      usedLetters: true,
    });
    expect(resolveAnswer(order, ['c', 'b', 'a'])).toEqual({
      answer: ['Token', 'Redirect', 'Register'],
      usedLetters: true,
    });
  });
});

describe('paper quizzes (issue 13)', () => {
  it('for any seed: the paper asks quizQuestions(seed); each key letter points at the right choice; orders start scrambled', async () => {
    const { deck } = await readDeck('seven-steps', rubric);
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (seed, count) => {
          const qs = quizQuestions(deck!, seed, count);
          const paper = collectPaper(deck!, qs, { ref: 'seven-steps', seed, count });
          expect(paper.items.map((i) => i.id)).toEqual(qs.map((x) => x.id));
          for (const [i, x] of qs.entries()) {
            const key = paper.key[i]!;
            if (x.type === 'single')
              expect(resolveAnswer(x, key.answer.slice(0, 1)).answer).toBe(x.answer);
            if (x.type === 'order') {
              expect(x.choices).not.toEqual(x.answer);
              expect(resolveAnswer(x, key.answer).answer).toEqual(x.answer);
            }
            if (x.type === 'multi')
              expect(
                score(x, resolveAnswer(x, key.answer.match(/\b[a-z](?=\))/g)!.join(',')).answer)
                  .correct,
              ).toBe(true);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a rubric-graded text question gets the model answer and the concepts in the key; the HTML escapes and puts the key on its own page', async () => {
    const { deck } = await readDeck('seven-steps', rubric);
    const item = rubric.questions.find((x) => x.id === 'authorization-code')!;
    const qs = deck!.questions.filter((x) => x.rubric === 'question:authorization-code');
    const paper = collectPaper({ ...deck!, title: 'A <b>deck</b>' }, qs, {
      ref: 'seven-steps',
      seed: '1',
      rubricItem: (id) => (id === 'question:authorization-code' ? item : undefined),
    });
    expect(paper.key[0]!.rubric).toEqual({
      model: item.model,
      need: item.need,
      concepts: item.concepts.map((c) => c.says),
    });
    expect(paperMarkdown(paper)).toContain(`Model answer: ${item.model}`);
    const html = paperHtml(paper);
    expect(html).toContain('A &lt;b&gt;deck&lt;/b&gt;');
    expect(html).toMatch(/section\.key \{ break-before: page;/);
    expect(html).not.toMatch(/<(link|script|img)\b/);
  });
});

describe('seeded shuffles', () => {
  it('the same seed gives the same questions and choices; every question is kept', async () => {
    const { deck } = await readDeck('vocabulary', rubric);
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const a = quizQuestions(deck!, seed);
        expect(quizQuestions(deck!, seed)).toEqual(a);
        expect(a.map((x) => x.id).sort()).toEqual(deck!.questions.map((x) => x.id).sort());
        for (const x of a)
          expect([...x.choices].sort()).toEqual(
            [...deck!.questions.find((y) => y.id === x.id)!.choices].sort(),
          );
      }),
      { numRuns: 50 },
    );
    expect(quizQuestions(deck!, 1).map((x) => x.id)).not.toEqual(
      quizQuestions(deck!, 2).map((x) => x.id),
    );
    expect(quizQuestions(deck!, 1, 3)).toHaveLength(3);
  });
});

describe('spaced review (Leitner)', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  it('right moves up a box and further out; wrong goes back to box 1, due now', () => {
    expect(nextSchedule(undefined, true, now)).toEqual({ box: 1, due: '2026-03-02T10:00:00.000Z' });
    expect(nextSchedule(3, true, now)).toEqual({ box: 4, due: '2026-03-15T10:00:00.000Z' });
    expect(nextSchedule(4, false, now)).toEqual({ box: 1, due: '2026-03-01T10:00:00.000Z' });
    expect(nextSchedule(5, true, now).box).toBe(5);
  });
  it('a box that is no box (NaN, -1, 2.5, 99) never makes an invalid date (issue 12: RangeError)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer()), fc.boolean(), (box, correct) => {
        const s = nextSchedule(box, correct, now);
        expect(Number.isNaN(Date.parse(s.due))).toBe(false);
        expect(s.box).toBeGreaterThanOrEqual(1);
      }),
    );
  });
  it('due items come missed-first, then longest overdue; future ones wait', () => {
    const items = [
      { key: 'a', lastResult: true, due: '2026-02-01T00:00:00Z' },
      { key: 'b', lastResult: false, due: '2026-02-20T00:00:00Z' },
      { key: 'c', lastResult: true, due: '2026-04-01T00:00:00Z' },
      { key: 'd', lastResult: false, due: '2026-02-10T00:00:00Z' },
    ];
    expect(dueItems(items, now).map((i) => i.key)).toEqual(['d', 'b', 'a']);
  });
});

describe('the class report', () => {
  const result = (name: string, answers: Record<string, boolean>, wrong: unknown = 'x') => ({
    kind: 'oauth-tutor/quiz-result',
    version: 1,
    deck: 'd',
    title: 'D',
    name,
    timestamp: '2026-01-01T00:00:00Z',
    seed: '1',
    score: { correct: 0, total: 0 },
    questions: Object.entries(answers).map(([id, correct]) => ({
      id,
      type: 'single',
      prompt: `Q ${id}`,
      answer: correct ? 'ok' : wrong,
      correct,
      expected: 'ok',
    })),
  });
  it('aggregates several results and check outputs; hardest first; frequent wrong answers; foreign files skipped', () => {
    const r = buildReport([
      { file: 'a.json', data: result('Ada', { q1: true, q2: false, q3: false }, 'B') },
      { file: 'b.json', data: result('Bo', { q1: true, q2: false, q3: true }, 'B') },
      { file: 'c.json', data: result('Cy', { q1: false, q2: false, q3: true }, 'C') },
      {
        file: 'check.json',
        data: {
          files: [
            {
              file: 'sheet.md',
              ordering: { verdict: 'correct' },
              questions: { 'oauth-benefit': { verdict: 'partial' } },
              vocabulary: { 'client-id': { verdict: 'incorrect' } },
              misconceptions: [{ id: 'client-id-as-account-number', item: 'client-id' }],
            },
          ],
        },
      },
      { file: 'foreign.json', data: { hello: 'world' } },
    ]);
    expect(r.skipped).toEqual([
      { file: 'foreign.json', reason: 'not a quiz result or a `check --json` output' },
    ]);
    expect(r.questions[0]).toMatchObject({
      key: expect.stringMatching(/^(d:q2|check:client-id)$/),
      score: 0,
    });
    expect(r.questions.find((q) => q.key === 'd:q2')).toMatchObject({
      answered: 3,
      correct: 0,
      wrongAnswers: [
        { answer: 'B', count: 2 },
        { answer: 'C', count: 1 },
      ],
    });
    expect(r.questions.find((q) => q.key === 'check:question:oauth-benefit')).toMatchObject({
      partial: 1,
      score: 0.5,
    });
    expect(r.questions.find((q) => q.key === 'check:client-id')!.wrongAnswers[0]!.answer).toBe(
      'misconception: client-id-as-account-number',
    );
    expect(r.students.map((s) => [s.name, s.correct, s.partial, s.total, s.score])).toEqual([
      ['Bo', 2, 0, 3, 0.667],
      ['sheet.md', 1, 1, 3, 0.5],
      ['Ada', 1, 0, 3, 0.333],
      ['Cy', 1, 0, 3, 0.333],
    ]);
    expect(r.commonWrong[0]).toMatchObject({ key: 'd:q2', count: 2 });
  });
});

describe('the class report counts answers once normalised, in words (issue 13)', () => {
  it('"true" and true are one answer; case, spacing and articles do not split a text answer', () => {
    expect(answerShown('truefalse', 'true')).toEqual(answerShown('truefalse', true));
    expect(answerShown('truefalse', 'T').answer).toBe('True');
    expect(answerShown('text', '  The   Token').group).toBe(answerShown('text', 'token').group);
    expect(answerShown('multi', ['b', 'a']).group).toBe(answerShown('multi', ['a', 'b']).group);
    expect(answerShown('order', ['b', 'a']).group).not.toBe(answerShown('order', ['a', 'b']).group);
    expect(answerShown('single', null).answer).toBe('(no answer)');
  });

  it('check items are named by the rubric, and wrong written answers by their misconception or the missing concept', () => {
    const r = buildReport(
      [
        {
          file: 'c.json',
          data: {
            files: [
              {
                file: 's.md',
                ordering: { verdict: 'incorrect' },
                questions: {
                  'oauth-benefit': {
                    verdict: 'partial',
                    missing: ['the app never sees the password'],
                  },
                },
                vocabulary: { 'client-id': { verdict: 'incorrect' } },
                misconceptions: [
                  {
                    id: 'client-id-as-account-number',
                    item: 'client-id',
                    explanation: 'The client is the app. More text.',
                  },
                ],
              },
            ],
          },
        },
      ],
      {
        labels: new Map([
          ['client-id', 'Client ID'],
          ['question:oauth-benefit', 'What is a benefit?'],
        ]),
      },
    );
    const byKey = Object.fromEntries(r.questions.map((q) => [q.key, q]));
    expect(byKey['check:client-id']).toMatchObject({
      prompt: 'Client ID',
      wrongAnswers: [{ answer: 'misconception: The client is the app.' }],
    });
    expect(byKey['check:question:oauth-benefit']).toMatchObject({
      prompt: 'What is a benefit?',
      wrongAnswers: [{ answer: 'partly right: does not say that the app never sees the password' }],
    });
  });

  it('CSV through csv-stringify: quoted where needed, formulas defused with a leading quote, numbers kept', () => {
    expect(toCsv([['=1+1', '+A', '-x', '@SUM(A1)', 'a,b', 'say "hi"', -3, 12, null]])).toBe(
      `'=1+1,'+A,'-x,'@SUM(A1),"a,b","say ""hi""",-3,12,\n`,
    );
    const r = buildReport([
      {
        file: 'a.json',
        data: {
          kind: 'oauth-tutor/quiz-result',
          version: 1,
          deck: 'd',
          title: 'D',
          name: '=HYPERLINK("x")',
          timestamp: '',
          seed: '1',
          score: {},
          questions: [
            {
              id: 'q',
              type: 'single',
              prompt: '@q',
              answer: '-1',
              verdict: 'incorrect',
              correct: false,
              expected: 'x',
            },
          ],
        },
      },
    ]);
    const csv = reportCsv(r).split('\n');
    expect(csv[0]).toBe(
      'section,key,prompt,answered,correct,partial,score_percent,top_wrong_answer',
    );
    expect(csv[1]).toBe("question,d:q,'@q,1,0,0,0,'-1");
    expect(csv[2]).toBe(`student,a.json,"'=HYPERLINK(""x"")",1,0,0,0,`);
  });
});

describe('review keys (src/quiz/review-key.ts): one function writes them, one reads them', () => {
  it('reads back every key it writes', () => {
    const id = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    const key = fc.oneof(
      fc.record({ kind: fc.constant('quiz' as const), deck: id, question: id }),
      fc.record({ kind: fc.constant('vocabulary' as const), card: id }),
      fc.record({
        kind: fc.constant('review' as const),
        item: fc.constantFrom('question' as const, 'term' as const),
        id,
      }),
      fc.record({
        kind: fc.constant('workshop' as const),
        lesson: id.filter((l) => !['quiz', 'vocabulary', 'review'].includes(l)),
        question: id,
      }),
    );
    fc.assert(
      fc.property(key, (k) => {
        expect(parseReviewKey(reviewKey(k))).toEqual(k);
      }),
    );
  });

  it('writes the keys progress files already hold', () => {
    expect(reviewKey({ kind: 'quiz', deck: 'jwt', question: 'parts' })).toBe('quiz:jwt:parts');
    expect(reviewKey({ kind: 'review', item: 'term', id: 'client-id' })).toBe(
      'review:term:client-id',
    );
    expect(parseReviewKey('quiz:too:many:parts')).toBeUndefined();
    expect(parseReviewKey('review:essay:x')).toBeUndefined();
  });

  it('asks a rubric item again as a text question graded by the rubric', async () => {
    const q = await reviewQuestion('review:question:access-token', undefined, {
      rubric,
      seed: 1,
      deck: async () => undefined,
      vocabulary: () => undefined,
    });
    expect(q).toMatchObject({ type: 'text', rubric: 'question:access-token' });
    const graded = score(
      q!,
      rubric.questions.find((x) => x.id === 'access-token')!.model,
      rubricGrader(rubric),
    );
    expect(graded.verdict).toBe('correct');
  });
});
