/**
 * The real lessons in a pseudo-terminal, driven by keystrokes, asserting on the screen: the
 * exercises (ordering, vocabulary, review) and the menus. The workshops, the live flow and
 * quizzes are test/e2e/interactive-workshops.test.ts (one file took the longest of the run on
 * one worker, mostly waiting on the terminal: two run side by side).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { KEY, folded, terminalsWithHome, type Terminal } from '../helpers/pty.js';
import { labelSteps } from '../../src/tutor/ordering.js';
import { findLesson, requireLessons } from '../../src/tutor/lessons.js';

const set = await requireLessons();
const ex = findLesson(set, 'seven-steps').ordering!;

const learner = terminalsWithHome('interactive-');
let term: Terminal | undefined;

function correctOrder(seed: string): string[] {
  const labelled = labelSteps(ex, seed);
  return ex.answer.map((id) => labelled.find((s) => s.id === id)!.label);
}

describe('the ordering lesson', () => {
  it('gives feedback on a wrong order, lets the learner undo and retry, then draws the diagram', async () => {
    term = learner.open(['learn', 'seven-steps', '--seed', '5']);
    await term.waitFor('Press Enter to start');
    term.press(KEY.enter);
    await term.waitFor('Type the letter of step 1');

    // First attempt: the right order but with steps 4 and 5 swapped.
    const right = correctOrder('5');
    const wrong = [...right];
    [wrong[3], wrong[4]] = [wrong[4]!, wrong[3]!];
    await term.type(wrong.slice(0, 6).join(''));
    await term.waitFor('Type the letter of step 7');
    // Undo the sixth pick, then place it again.
    term.press(KEY.backspace);
    await term.waitFor('Type the letter of step 6');
    await term.type(wrong.slice(5).join(''));
    await term.waitFor('All placed. Enter to check');
    term.press(KEY.enter);
    const feedback = await term.waitFor('Try again?');
    expect(feedback).toContain('5 of 7 steps in place');
    // Wrapped to the terminal's width: compare the words, not the line breaks.
    expect(feedback.replace(/\s+/g, ' ')).toMatch(
      /is 4th in your order but comes 5th: You can't request an access token before you hold an authorization code/,
    );
    expect(feedback).toMatch(/Hint:/);
    expect((await learner.progress()).lessons['seven-steps']).toMatchObject({ status: 'started' });

    term.press(KEY.enter); // yes, try again
    await term.waitFor('Type the letter of step 1');
    await term.type(right.join('').toLowerCase());
    await term.waitFor('All placed');
    // One more letter once every step is placed says what Enter and Backspace do (it said
    // "Type one of the letters shown ()": none were left to show).
    await term.type(right[0]!);
    await term.waitFor('Every step is placed: Enter checks the order');
    expect(term.output).not.toContain('letters shown ()');
    term.press(KEY.enter);
    const done = await term.waitFor('7. Make a request to a third-party API endpoint');
    expect(done).toContain('All 7 steps are in place');
    expect(done).toMatch(/User\s+Client app\s+Auth server\s+API/);
    expect(done).toMatch(/│─+1─+▶│/);
    expect(await term.exited).toBe(0);
    // At 120 columns the diagram keeps its lanes, and no row is folded (60: learner-day.test.ts).
    const screen = await term.screen();
    expect(folded(screen)).toEqual([]);
    expect(screen.map((l) => l.text).join('\n')).toMatch(
      /│─+1─+▶│[ │]+1\. Register your application/,
    );
    expect((await learner.progress()).lessons['seven-steps']).toMatchObject({
      status: 'done',
      score: { correct: 1, total: 2 },
    });
  });

  it('refuses a letter that is already placed, and Enter before all are placed', async () => {
    term = learner.open(['learn', 'seven-steps', '--seed', '5']);
    await term.waitFor('Press Enter to start');
    term.press(KEY.enter);
    await term.waitFor('Type the letter of step 1');
    await term.type('AA');
    await term.waitFor('A is already placed');
    term.press(KEY.enter);
    await term.waitFor('Place every step first: 6 to go.');
    await term.type('z');
    await term.waitFor('Type one of the letters shown');
    term.press(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    expect(term.output).toContain('Interrupted. Your progress is saved.');
    expect(term.output).not.toMatch(/\n\s+at /);
  });
});

describe('the vocabulary lesson', () => {
  it('asks every card, explains a misconception, brings a missed card back and saves the score', async () => {
    term = learner.open(['learn', 'vocabulary', '--seed', '3']);
    await term.waitFor('Press Enter to start');
    term.press(KEY.enter);
    let asked = 0;
    for (let n = 1; n < 60; n++) {
      const screen = await term.waitFor(new RegExp(`\\[${n}\\]|Score:`));
      if (screen.includes('Score:')) break;
      asked = n;
      await term.waitFor('❯');
      // Always the first option: with this seed some are misconceptions.
      term.press(KEY.enter);
      await term.waitFor(/Right\.|Not quite\./);
    }
    await term.waitFor('right at the first try');
    expect(await term.exited).toBe(0);
    // At 120 columns the lesson's table keeps its borders, and no row is folded (60: learner-day.test.ts).
    const screen = await term.screen();
    expect(folded(screen)).toEqual([]);
    expect(screen.map((l) => l.text).join('\n')).toMatch(
      /│ Client ID +│ the app's public name at the provider +│/,
    );
    expect(term.output).toMatch(/Not quite\. Answer: [^\n]+\n\s+Why not: \S/);
    expect(term.output).toContain('This card will come back later.');
    // Missed cards came back: more questions than cards.
    expect(asked).toBeGreaterThan(12);
    const saved = await learner.progress();
    expect(saved.lessons['vocabulary']).toMatchObject({ status: 'done' });
    expect(saved.lessons['vocabulary']!.score!.total).toBe(12);
    expect(saved.lessons['vocabulary']!.score!.correct).toBeLessThan(12);
    expect(Object.keys(saved.items).length).toBeGreaterThanOrEqual(12);
  });
});

describe('the review lesson', () => {
  it('grades each free-text answer on the spot, explains a misconception and saves the score', async () => {
    term = learner.open(['learn', 'review']);
    await term.waitFor('Press Enter to start');
    term.press(KEY.enter);
    await term.waitFor('[1/10] What can you do with an authorization code?');
    await term.type("you can read the user's email out of it");
    term.press(KEY.enter);
    const first = await term.waitFor('[2/10]');
    expect(first).toContain('Not quite.');
    expect(first).toContain(
      'This is a common misconception. The authorization code carries nothing',
    );
    expect(first).toContain('See https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2');
    expect(first).toContain('Model answer: Exchange it');
    await term.type('call the API on behalf of the user');
    term.press(KEY.enter);
    const second = await term.waitFor('[3/10]');
    expect(second).toContain('✓ Correct.');
    await term.type('safer');
    term.press(KEY.enter);
    expect(await term.waitFor('[4/10] Define the client ID, in your own words:')).toContain(
      '~ Partly right.',
    );
    term.press(KEY.enter);
    for (let i = 5; i <= 10; i++) {
      await term.waitFor(`[${i}/10]`);
      term.press(KEY.enter);
    }
    const end = await term.waitFor('Score:');
    expect(end).toContain('– No answer.');
    await term.waitFor('1.5/10');
    expect(await term.exited).toBe(0);
    const saved = await learner.progress();
    expect(saved.lessons['review']).toMatchObject({
      status: 'done',
      score: { correct: 1.5, total: 10 },
    });
    expect(saved.items['review:question:access-token']).toMatchObject({ lastResult: true });
    expect(JSON.stringify(saved)).not.toContain('email'); // answers themselves are not stored
  });
});

describe('the lesson menu', () => {
  it('shows lessons with ✓ for finished ones and resumes at the next one', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      join(learner.home(), 'progress.json'),
      JSON.stringify({
        version: 1,
        lastLesson: 'why-oauth',
        lessons: {
          'why-oauth': { status: 'done', attempts: 1, updatedAt: '2026-01-01T00:00:00Z' },
        },
        items: {},
      }),
    );
    term = learner.open(['learn']);
    const menu = await term.waitFor('Back');
    expect(menu).toMatch(/✓ Why OAuth exists/);
    expect(menu).toMatch(/❯ · The seven steps of the authorization-code flow ← next/);
    term.press(KEY.enter);
    await term.waitFor('Press Enter to start');
    term.press(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    expect((await learner.progress()).lastLesson).toBe('seven-steps');
  });

  it('an unfinished ordering is offered to try again, not to resume (it is one exercise)', async () => {
    const { writeFile } = await import('node:fs/promises');
    const at = '2026-01-01T00:00:00Z';
    await writeFile(
      join(learner.home(), 'progress.json'),
      JSON.stringify({
        version: 1,
        lastLesson: 'seven-steps',
        lessons: {
          'why-oauth': { status: 'done', attempts: 1, updatedAt: at },
          'seven-steps': { status: 'started', attempts: 1, updatedAt: at },
        },
        items: {},
      }),
    );
    term = learner.open(['learn']);
    const menu = await term.waitFor('Back');
    expect(menu).toMatch(/❯ … The seven steps of the authorization-code flow ← try again/);
    expect(menu).not.toContain('← resume');
    term.press(KEY.ctrlC);
    expect(await term.exited).toBe(130);
  });

  it('the main menu opens with no command in a terminal', async () => {
    term = learner.open([]);
    const menu = await term.waitFor('Quit');
    expect(menu).toContain('Learn');
    expect(menu).toContain('Quiz');
    expect(menu).toContain('Live flow');
    expect(menu).toContain('JWT');
    expect(menu).toContain('Check my answers');
    expect(menu).toContain('Progress');
    for (let i = 0; i < 5; i++) term.press(KEY.down);
    term.press(KEY.enter);
    await term.waitFor('Progress: 0 of 12 lessons done');
    await term.waitFor('Quit');
    // Check my answers: a sheet that cannot be read is reported and the menu stays.
    term.press(KEY.up);
    term.press(KEY.enter);
    await term.waitFor('Path to your answer sheet');
    await term.type('no-such-file.md');
    term.press(KEY.enter);
    await term.waitFor('There is no file at no-such-file.md');
    await term.waitFor('Path to your answer sheet');
    term.press(KEY.enter); // nothing: back to the menu
    await term.waitFor('Quit');
    for (let i = 0; i < 4; i++) term.press(KEY.up);
    term.press(KEY.enter);
    await term.waitFor('Choose a lesson');
    term.press(KEY.ctrlC);
    expect(await term.exited).toBe(130);
  });
});
