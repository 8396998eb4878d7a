/**
 * Issue 13, the learner's side, played in a pseudo-terminal: resume continues
 * where the learner stopped (a lesson of questions, of cards, a workshop), at
 * 60 and 120 columns, checked as a terminal renders the screen (xterm.js,
 * headless). The rest of the learner's day is test/e2e/learner-day.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { KEY, folded, terminalsWithHome, type Terminal } from '../helpers/pty.js';
import { findLesson, requireLessons } from '../../src/tutor/lessons.js';
import { VocabSession } from '../../src/tutor/vocabulary.js';
import { shuffledQuiz } from '../../src/tutor/workshop.js';
import { createRng } from '../../src/random.js';

const set = await requireLessons();

const learner = terminalsWithHome('learner-day-resume-');

function open(args: string[], cols: number): Terminal {
  return learner.open(args, { cols, rows: 40 });
}

describe('resume means resume (the review lesson)', () => {
  it.each([60, 120])(
    'at %i columns: Ctrl-C at question 7 of 10, then resume continues at 7 and the score counts both sittings',
    async (cols) => {
      let t = open(['learn', 'review'], cols);
      await t.waitFor('Press Enter to start');
      t.press(KEY.enter);
      // Questions 1 to 6: four typed answers, then two left empty.
      const answers = [
        "you can read the user's email out of it",
        'call the API on behalf of the user',
        'safer',
        'something about bananas',
        '',
        '',
      ];
      for (const [i, answer] of answers.entries()) {
        await t.waitFor(`[${i + 1}/10]`);
        if (answer !== '') await t.type(answer);
        t.press(KEY.enter);
      }
      await t.waitFor('[7/10]');
      t.press(KEY.ctrlC);
      expect(await t.exited).toBe(130);

      const first = await t.screen();
      expect(folded(first)).toEqual([]);
      // Words as the learner reads them, whatever the line breaks.
      const text = first
        .map((l) => l.text)
        .join('\n')
        .replace(/\s+/g, ' ');
      expect(text).toContain('(Esc at any question returns to the lesson menu; Ctrl-C quits.');
      expect(text).not.toMatch(/Not quite\. Not quite\./);
      expect(text).toContain('Define the client ID, in your own words:');
      expect(text).not.toContain('Define:');
      expect(text).toContain(
        '✗ Not quite. A good answer would cover this: it publicly identifies the application',
      );
      expect((await learner.progress()).lessons['review']?.sitting).toEqual({
        answers: [0, 1, 0.5, 0, 0, 0],
      });

      t = open(['learn', 'review'], cols);
      const offer = await t.waitFor('Start over');
      expect(offer).toMatch(/You stopped Review questions after 6\s+answers/);
      expect(offer).toContain('Resume at question 7 of 10');
      t.press(KEY.enter); // Resume is first
      await t.waitFor('Press Enter to continue');
      t.press(KEY.enter);
      const next = await t.waitFor(/\[\d+\/10\]/);
      expect(next).toMatch(/\[7\/10\]$/);
      for (const n of [7, 8, 9, 10]) {
        if (n > 7) await t.waitFor(`[${n}/10]`);
        t.press(KEY.enter);
      }
      const end = await t.waitFor(/counting the 6\s+answers from before\./);
      expect(end).toMatch(/Score: 1\.5\/10/);
      expect(await t.exited).toBe(0);
      expect(folded(await t.screen())).toEqual([]);
      expect(t.output).not.toContain('[1/10]');
      const saved = (await learner.progress()).lessons['review']!;
      expect(saved).toMatchObject({ status: 'done', score: { correct: 1.5, total: 10 } });
      expect(saved.sitting).toBeUndefined();
      // The half point is a valid file: the next run reads it, nothing is moved aside.
      const after = await run(['progress', '--json'], {
        env: { OAUTH_TUTOR_HOME: learner.home() },
      });
      expect(after.stderr).toBe('');
      expect(
        JSON.parse(after.stdout).lessons.find((l: { id: string }) => l.id === 'review'),
      ).toMatchObject({ status: 'done', score: { correct: 1.5, total: 10 } });
    },
  );

  it('"Start over" beside "Resume" forgets the sitting and begins at question 1', async () => {
    let t = open(['learn', 'review'], 120);
    await t.waitFor('Press Enter to start');
    t.press(KEY.enter);
    await t.waitFor('[1/10]');
    await t.type('exchange it for an access token at the token endpoint');
    t.press(KEY.enter);
    await t.waitFor('[2/10]');
    t.press(KEY.ctrlC);
    expect(await t.exited).toBe(130);
    t = open(['learn', 'review'], 120);
    await t.waitFor('Start over');
    t.press(KEY.down);
    t.press(KEY.enter);
    await t.waitFor('Press Enter to start');
    expect((await learner.progress()).lessons['review']?.sitting).toBeUndefined();
    t.press(KEY.enter);
    await t.waitFor('[1/10]');
    t.press(KEY.ctrlC);
    expect(await t.exited).toBe(130);
  });
});

describe('resume means resume (the vocabulary lesson)', () => {
  it('Ctrl-C at card 6: resume asks card 6 again, and the score is what one sitting with the same answers earns', async () => {
    const deck = findLesson(set, 'vocabulary').vocabulary!;
    const expected = new VocabSession(deck, createRng('3'));
    for (let q = expected.next(); q !== undefined; q = expected.next()) expected.answer(q, 0);

    let t = open(['learn', 'vocabulary', '--seed', '3'], 120);
    await t.waitFor('Press Enter to start');
    t.press(KEY.enter);
    for (let n = 1; n <= 5; n++) {
      await t.waitFor(`[${n}]`);
      await t.waitFor('❯');
      t.press(KEY.enter); // always the first option
      await t.waitFor(/Right\.|Not quite\./);
    }
    await t.waitFor('[6]');
    const card6 = (await t.waitFor('❯')).trim().slice(0, 40);
    t.press(KEY.ctrlC);
    expect(await t.exited).toBe(130);
    expect((await learner.progress()).lessons['vocabulary']?.sitting).toMatchObject({
      seed: '3',
      answers: [0, 0, 0, 0, 0],
    });

    // Resuming ignores a new --seed: the sitting's own seed puts the same card next.
    t = open(['learn', 'vocabulary', '--seed', '99'], 120);
    await t.waitFor('Resume at card 6');
    t.press(KEY.enter);
    await t.waitFor('Press Enter to continue');
    t.press(KEY.enter);
    await t.waitFor('[6]');
    expect((await t.waitFor('❯')).trim().slice(0, 40)).toBe(card6);
    t.press(KEY.enter);
    for (let n = 7; n < 60; n++) {
      const screen = await t.waitFor(new RegExp(`\\[${n}\\]|Score:`));
      if (screen.includes('Score:')) break;
      await t.waitFor('❯');
      t.press(KEY.enter);
    }
    await t.waitFor('counting both sittings');
    expect(await t.exited).toBe(0);
    expect(t.output).not.toContain('[1]');
    const saved = (await learner.progress()).lessons['vocabulary']!;
    expect(saved.score).toEqual(expected.score);
    expect(saved.sitting).toBeUndefined();
    expect(t.output).not.toMatch(/What is the [A-Z][a-z]/);
  });
});

describe('resume means resume (a workshop)', () => {
  it('Ctrl-C after part 2 resumes at part 3; Ctrl-C in the check resumes at the next question, earlier points kept', async () => {
    const lesson = findLesson(set, 'jwt-keys');
    const quiz = shuffledQuiz(lesson.workshop!.quiz, '3');
    const right = quiz.map((q) => q.options.findIndex((o) => o.correct));
    let t = open(['learn', 'jwt-keys', '--seed', '3'], 120);
    await t.waitFor('Press Enter to start');
    t.press(KEY.enter);
    await t.waitFor('? Press Enter for the next part');
    t.press(KEY.enter);
    await t.waitFor('The key must belong to the issuer');
    await t.waitFor('? Press Enter for the next part');
    t.press(KEY.ctrlC);
    expect(await t.exited).toBe(130);

    t = open(['learn', 'jwt-keys'], 120);
    await t.waitFor('You stopped JWT header injection and key rotation after part 2 of 3.');
    t.press(KEY.enter); // Resume at part 3 of 3
    await t.waitFor('Press Enter to continue');
    t.press(KEY.enter);
    const part3 = await t.waitFor('? Press Enter for a short check of understanding');
    expect(part3).toContain('Rotation, and caching by kid');
    expect(part3).not.toContain('The key must belong to the issuer');
    t.press(KEY.enter);
    // The first question right, then Ctrl-C at the second.
    await t.waitFor('❯');
    for (let k = 0; k < right[0]!; k++) t.press(KEY.down);
    t.press(KEY.enter);
    await t.waitFor('Right.');
    await t.waitFor(quiz[1]!.question.slice(0, 30));
    t.press(KEY.ctrlC);
    expect(await t.exited).toBe(130);

    t = open(['learn', 'jwt-keys'], 120);
    await t.waitFor('after 1 answer in the check of understanding');
    t.press(KEY.enter); // straight back to the second question
    for (const [k, i] of right.entries()) {
      if (k === 0) continue;
      await t.waitFor(quiz[k]!.question.slice(0, 30));
      await t.waitFor('❯');
      for (let d = 0; d < i; d++) t.press(KEY.down);
      t.press(KEY.enter);
      await t.waitFor('Right.');
    }
    await t.waitFor(`Score: ${quiz.length}/${quiz.length}.`);
    expect(await t.exited).toBe(0);
    expect(t.output).not.toContain(quiz[0]!.question.slice(0, 30));
    expect((await learner.progress()).lessons['jwt-keys']).toMatchObject({
      status: 'done',
      score: { correct: quiz.length, total: quiz.length },
    });
  });
});
