/** The real lessons in a pseudo-terminal, driven by keystrokes, asserting on the screen. */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KEY, terminalsWithHome, type Terminal } from '../helpers/pty.js';
import { labelSteps } from '../../src/tutor/ordering.js';
import { findLesson, requireLessons } from '../../src/tutor/lessons.js';
import { shuffledQuiz } from '../../src/tutor/workshop.js';

const set = await requireLessons();
const ex = findLesson(set, 'seven-steps').ordering!;

const learner = terminalsWithHome('interactive-');
let term: Terminal | undefined;

/** Where the right answer of each question of a workshop's check sits for this seed. */
function rightIndexes(lesson: string, seed: string): number[] {
  return shuffledQuiz(findLesson(set, lesson).workshop!.quiz, seed).map((q) =>
    q.options.findIndex((o) => o.correct),
  );
}

async function answerRight(indexes: number[]): Promise<void> {
  for (const i of indexes) {
    await term!.waitFor('❯');
    for (let k = 0; k < i; k++) term!.press(KEY.down);
    term!.press(KEY.enter);
    await term!.waitFor(/Right\.|✗/);
  }
}

function correctOrder(seed: string): string[] {
  const labelled = labelSteps(ex, seed);
  return ex.answer.map((id) => labelled.find((s) => s.id === id)!.label);
}

async function progressFile(): Promise<{
  lastLesson?: string;
  lessons: Record<string, { status: string; score?: { correct: number; total: number } }>;
  items: Record<string, unknown>;
}> {
  return JSON.parse(await readFile(join(learner.home(), 'progress.json'), 'utf8'));
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
    expect((await progressFile()).lessons['seven-steps']).toMatchObject({ status: 'started' });

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
    expect((await progressFile()).lessons['seven-steps']).toMatchObject({
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
    expect(term.output).toMatch(/Not quite\. Answer: [^\n]+\n\s+Why not: \S/);
    expect(term.output).toContain('This card will come back later.');
    // Missed cards came back: more questions than cards.
    expect(asked).toBeGreaterThan(12);
    const saved = await progressFile();
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
    const saved = await progressFile();
    expect(saved.lessons['review']).toMatchObject({
      status: 'done',
      score: { correct: 1.5, total: 10 },
    });
    expect(saved.items['review:question:access-token']).toMatchObject({ lastResult: true });
    expect(JSON.stringify(saved)).not.toContain('email'); // answers themselves are not stored
  });
});

describe('the JWT workshop', () => {
  it('runs the live demos between the sections, then a quiz whose score is saved', async () => {
    term = learner.open(['learn', 'jwt', '--seed', '4']);
    await term.waitFor('Press Enter to start');
    term.press(KEY.enter);
    const first = await term.waitFor('? Press Enter for the next part');
    expect(first).toContain('A JWT is header.payload.signature');
    expect(first).toMatch(/decoded\s+\{"alg":"HS256","typ":"JWT"\}/);
    term.press(KEY.enter);
    let sawAttack = false;
    for (let i = 0; i < 12; i++) {
      // "? …" is the prompt waiting; "✔ …" is the same prompt answered.
      const screen = await term.waitFor(
        /\? Press Enter for (the next part|a short check of understanding)/,
      );
      if (screen.includes('Attack: alg "none"')) {
        sawAttack = true;
        expect(screen).toMatch(
          /✓ oauth-tutor \(jose, algorithms: \["HS256"\]\): rejected: alg "none"/,
        );
      }
      term.press(KEY.enter);
      if (screen.includes('a short check of understanding')) break;
    }
    const quiz = rightIndexes('jwt', '4');
    await answerRight(quiz);
    expect(sawAttack).toBe(true);
    await term.waitFor(`Score: ${quiz.length}/${quiz.length}.`);
    expect(await term.exited).toBe(0);
    expect((await progressFile()).lessons['jwt']).toMatchObject({
      status: 'done',
      score: { correct: quiz.length, total: quiz.length },
    });
  });
});

describe('the JWT header-injection lesson (issue 11)', () => {
  it('runs the jku demo on loopback between the sections, then a shuffled check whose score is saved', async () => {
    term = learner.open(['learn', 'jwt-keys', '--seed', '3']);
    await term.waitFor('Press Enter to start');
    term.press(KEY.enter);
    for (let i = 0; i < 5; i++) {
      const screen = await term.waitFor(
        /\? Press Enter for (the next part|a short check of understanding)/,
      );
      term.press(KEY.enter);
      if (screen.includes('a short check of understanding')) break;
    }
    expect(term.output).toMatch(
      /✗ A naive verifier that fetches the keys from the token's "jku": accepts it: Mallory is admin/,
    );
    expect(term.output).toMatch(
      /✓ The same verifier, given Mallory's token: rejected: signature mismatch/,
    );
    const quiz = rightIndexes('jwt-keys', '3');
    await answerRight(quiz);
    await term.waitFor(`Score: ${quiz.length}/${quiz.length}.`);
    expect(await term.exited).toBe(0);
    expect((await progressFile()).lessons['jwt-keys']).toMatchObject({
      status: 'done',
      score: { correct: quiz.length, total: quiz.length },
    });
  });
});

describe('the live flow, interactively', () => {
  it('"no" at step 2 ends the flow politely, having sent nothing to the provider', async () => {
    term = learner.open(['flow', '--no-browser']);
    await term.waitFor('Sign in with MockProvider?');
    await term.type('n');
    term.press(KEY.enter);
    await term.waitFor('nothing was sent to the provider');
    expect(await term.exited).toBe(0);
  });

  it('--step pauses before each step; yes at step 2; the browser part played over HTTP; the extras offered', async () => {
    term = learner.open(['flow', '--no-browser', '--step']);
    await term.waitFor(
      'Step 1: Register your application to get a client_id and client_secret — press Enter',
    );
    term.press(KEY.enter);
    await term.waitFor('registered: client_id');
    await term.waitFor(
      'Step 2: Ask the client if they want to sign in via a third party — press Enter',
    );
    term.press(KEY.enter);
    await term.waitFor('Sign in with MockProvider?');
    term.press(KEY.enter); // default yes
    await term.waitFor('Step 3: Redirect to a third party authentication endpoint — press Enter');
    term.press(KEY.enter);
    const screen = await term.waitFor(/http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+/);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)/.exec(screen)![1]!;
    const { playConsent } = await import('../../src/oauth/consent-bot.js');
    const { location } = await playConsent(url, { username: 'alice', password: 'wonderland' });
    await fetch(location);
    for (const n of [4, 5, 6, 7]) {
      await term.waitFor(`Step ${n}: `);
      term.press(KEY.enter);
    }
    await term.waitFor('Try the extras');
    term.press(KEY.enter); // yes: on this session's own tokens
    const extras = await term.waitFor('All seven steps done');
    expect(extras).toMatch(/Extra\s+Refresh the token \(rotation\)/);
    expect(extras).toMatch(
      /the API answered 401: Bearer realm="oauth-tutor", error="invalid_token"/,
    );
    expect(await term.exited).toBe(0);
    expect(term.output).toMatch(/state sent \S+ \/ received \S+: equal ✓/);
    expect(term.output).toMatch(/ID token \(signature verified\)/);
  });
});

describe('a quiz, driven by keystrokes, then spaced review', () => {
  it('answers every question type, shows explanations and the missed one, and brings it back in --review', async () => {
    const { writeFile } = await import('node:fs/promises');
    const { parseDeck } = await import('../../src/quiz/deck.js');
    const { quizQuestions } = await import('../../src/quiz/session.js');
    const deckText = [
      'title: Mini',
      'description: every type',
      'questions:',
      '  - {id: s, type: single, prompt: Pick b, choices: [a, b, c], answer: b, explanation: single because}',
      '  - {id: m, type: multi, prompt: Pick a and c, choices: [a, b, c], answer: [a, c], explanation: multi because}',
      '  - {id: o, type: order, prompt: Order them, items: [x, y, z], answer: [z, x, y], explanation: order because}',
      '  - {id: t, type: truefalse, prompt: Is it true, answer: true, explanation: tf because}',
      '  - {id: w, type: text, prompt: Say exp, answer: [exp], explanation: text because}',
    ].join('\n');
    const file = join(learner.home(), 'mini.yaml');
    await writeFile(file, deckText);
    const deck = parseDeck(deckText, file, 'mini').deck!;
    const order = quizQuestions(deck, 'k');
    term = learner.open(['quiz', file, '--seed', 'k']);
    for (const [i, q] of order.entries()) {
      const shown = await term.waitFor(`[${i + 1}/5] ${q.prompt}`);
      // The deck says what it is before its first question (issue 13).
      if (i === 0) expect(shown).toMatch(/Mini[\s\S]*every type[\s\S]*\[1\/5\]/);
      if (q.type === 'single') {
        for (let k = 0; k < q.choices.indexOf('b'); k++) term.press(KEY.down);
        term.press(KEY.enter);
      } else if (q.type === 'multi') {
        // Enter with nothing ticked is refused, not graded as an empty answer.
        term.press(KEY.enter);
        await term.waitFor('At least one choice must be selected');
        // Walk the list top to bottom, ticking a and c.
        for (const [k, choice] of q.choices.entries()) {
          if (choice === 'a' || choice === 'c') await term.type(' ');
          if (k < q.choices.length - 1) term.press(KEY.down);
        }
        term.press(KEY.enter);
      } else if (q.type === 'order') {
        await term.type(['z', 'x', 'y'].map((t) => 'ABC'[q.choices.indexOf(t)]).join(''));
        term.press(KEY.enter);
      } else if (q.type === 'truefalse') {
        term.press(KEY.enter); // True is first
      } else {
        await term.type('nbf');
        term.press(KEY.enter);
      }
      await term.waitFor(/Right\.|Answer:/);
    }
    const end = await term.waitFor('These come back');
    expect(end, term.output.slice(-3000)).toContain('Mini: 4/5 right');
    expect(end).toMatch(/Missed\s+✗ Say exp\s+Answer: exp/);
    expect(term.output).toContain('multi because');
    expect(await term.exited).toBe(0);

    term = learner.open(['quiz', '--review']);
    await term.waitFor('[1/1] Say exp');
    await term.type('exp');
    term.press(KEY.enter);
    await term.waitFor('Review: 1/1 right');
    expect(await term.exited).toBe(0);
    const saved = await progressFile();
    expect(saved.items['quiz:mini:w']).toMatchObject({ lastResult: true, box: 2 });
  });

  it('a due item whose deck file is gone is skipped with one line saying why, and kept', async () => {
    const { writeFile } = await import('node:fs/promises');
    const gone = join(learner.home(), 'gone.yaml');
    const item = { seen: 1, correct: 0, lastResult: false, lastSeen: '2026-01-01T00:00:00.000Z' };
    const progress = {
      version: 1,
      lessons: {},
      items: { 'quiz:gone:q1': { ...item, box: 1, due: '2026-01-01T00:00:00.000Z', source: gone } },
    };
    await writeFile(join(learner.home(), 'progress.json'), JSON.stringify(progress));
    term = learner.open(['quiz', '--review']);
    await term.waitFor('Nothing is due right now');
    expect(await term.exited).toBe(0);
    expect(term.output).toMatch(
      /Review items of the deck "gone" are skipped: Cannot read .*gone\.yaml/,
    );
    expect((await progressFile()).items['quiz:gone:q1']).toMatchObject({ source: gone });
  });
});

describe('the attack-labs lesson', () => {
  it('runs each lab of the live flow between the sections and shows what stopped it', async () => {
    term = learner.open(['learn', 'attack-labs', '--seed', '2']);
    await term.waitFor('Press Enter to start');
    term.press(KEY.enter);
    for (let i = 0; i < 9; i++) {
      const screen = await term.waitFor(
        /\? Press Enter for (the next part|a short check of understanding)/,
      );
      term.press(KEY.enter);
      if (screen.includes('a short check of understanding')) break;
    }
    expect(term.output).toMatch(
      /Running: oauth-tutor flow --auto --attack state[\s\S]*✓ Stopped by the client: the state in the callback/,
    );
    expect(term.output).toMatch(/✓ Stopped by the API: the API requires the notes\.read scope/);
    const quiz = rightIndexes('attack-labs', '2');
    await answerRight(quiz);
    await term.waitFor(`Score: ${quiz.length}/${quiz.length}.`);
    expect(await term.exited).toBe(0);
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
    expect((await progressFile()).lastLesson).toBe('seven-steps');
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
