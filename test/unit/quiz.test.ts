import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDeck, type Question } from '../../src/quiz/deck.js';
import { score } from '../../src/quiz/score.js';
import { quizQuestions } from '../../src/quiz/session.js';
import { nextSchedule, dueItems } from '../../src/quiz/schedule.js';
import { buildReport } from '../../src/quiz/report.js';
import { deckMarkdown } from '../../src/quiz/export.js';
import { builtInDeckIds, readDeck, rubricItems } from '../../src/tutor/decks.js';
import { requireLessons } from '../../src/tutor/lessons.js';
import { formatProblem } from '../../src/problems.js';

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
    expect(await builtInDeckIds()).toEqual(['bearer', 'jwt', 'security', 'seven-steps', 'vocabulary']);
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
    ['a duplicate id', GOOD.replace('- id: m', '- id: s'), 'bad.yaml:10: s.id: duplicate id "s" (first at line 4)'],
    ['an answer not among the choices', GOOD.replace('answer: b', 'answer: d'), 'bad.yaml:8: s.answer: "d" is not among the choices'],
    ['an order answer that is no permutation', GOOD.replace('answer: [z, x, y]', 'answer: [z, x, x]'), 'bad.yaml:20: o.answer: must list every item exactly once (a permutation of items)'],
    ['a missing explanation', GOOD.replace(/(id: t[\s\S]*?)\n    explanation: because/, '$1'), 'bad.yaml:22: t.explanation: is missing: say why the answer is right'],
    ['an unknown type', GOOD.replace('type: truefalse', 'type: essay'), 'bad.yaml:23: t.type: "essay" is not one of: single, multi, order, truefalse, text'],
    ['an unknown rubric item', GOOD.replace('answer: [exp, expiration time]', 'rubric: question:nope'), 'bad.yaml:30: w.rubric: unknown rubric item "question:nope"'],
  ])('names file, line and question id for %s', (_what, text, expected) => {
    const { deck, problems } = parseDeck(text, 'bad.yaml', 'bad', rubricItems(rubric));
    expect(deck).toBeUndefined();
    expect(problems.map(formatProblem).some((p) => p.startsWith(expected))).toBe(true);
  });

  it('exports a printable quiz with an answer key', () => {
    const { deck } = parseDeck(GOOD, 'good.yaml', 'good');
    const md = deckMarkdown(deck!);
    expect(md).toContain('**1. Pick b**');
    expect(md).toMatch(/## Answer key\n\n1\. \*\*b\*\* \(b\) — because/);
    expect(md).toContain('3. **1. z  2. x  3. y**');
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
    const item: Question = { id: 'x', type: 'text', prompt: 'What can you do with an authorization code?', choices: [], answer: [], rubric: 'question:authorization-code', explanation: 'e', line: 1 };
    const grader = (_i: string, text: string) => ({ correct: /token/.test(text), feedback: '' });
    expect(score(item, 'swap it for a token', grader).correct).toBe(true);
    expect(score(item, 'log in', grader).correct).toBe(false);
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
        for (const x of a) expect([...x.choices].sort()).toEqual([...deck!.questions.find((y) => y.id === x.id)!.choices].sort());
      }),
      { numRuns: 50 },
    );
    expect(quizQuestions(deck!, 1).map((x) => x.id)).not.toEqual(quizQuestions(deck!, 2).map((x) => x.id));
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
  const result = (name: string, answers: Record<string, boolean>, wrong = 'x') => ({
    kind: 'oauth-tutor/quiz-result',
    version: 1,
    deck: 'd',
    title: 'D',
    name,
    timestamp: '2026-01-01T00:00:00Z',
    seed: '1',
    score: { correct: 0, total: 0 },
    questions: Object.entries(answers).map(([id, correct]) => ({ id, type: 'single', prompt: `Q ${id}`, answer: correct ? 'ok' : wrong, correct, expected: 'ok' })),
  });
  it('aggregates several results and check outputs; hardest first; frequent wrong answers; foreign files skipped', () => {
    const r = buildReport([
      { file: 'a.json', data: result('Ada', { q1: true, q2: false, q3: false }, 'B') },
      { file: 'b.json', data: result('Bo', { q1: true, q2: false, q3: true }, 'B') },
      { file: 'c.json', data: result('Cy', { q1: false, q2: false, q3: true }, 'C') },
      { file: 'check.json', data: { files: [{ file: 'sheet.md', ordering: { verdict: 'correct' }, questions: { 'oauth-benefit': { verdict: 'partial' } }, vocabulary: { 'client-id': { verdict: 'incorrect' } }, misconceptions: [{ id: 'client-id-as-account-number', item: 'client-id' }] }] } },
      { file: 'foreign.json', data: { hello: 'world' } },
    ]);
    expect(r.skipped).toEqual([{ file: 'foreign.json', reason: 'not a quiz result or a `check --json` output' }]);
    expect(r.questions[0]).toMatchObject({ key: expect.stringMatching(/^(d:q2|check:question:oauth-benefit|check:client-id)$/), rate: 0 });
    expect(r.questions.find((q) => q.key === 'd:q2')).toMatchObject({ answered: 3, correct: 0, wrongAnswers: [{ answer: '"B"', count: 2 }, { answer: '"C"', count: 1 }] });
    expect(r.questions.find((q) => q.key === 'check:client-id')!.wrongAnswers[0]!.answer).toBe('client-id-as-account-number');
    expect(r.students.map((s) => [s.name, s.correct, s.total])).toEqual([
      ['Bo', 2, 3],
      ['Ada', 1, 3],
      ['Cy', 1, 3],
      ['sheet.md', 1, 3],
    ]);
    expect(r.commonWrong[0]).toMatchObject({ key: 'd:q2', count: 2 });
  });
});
