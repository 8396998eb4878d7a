/**
 * The workshops (live demos and labs between the sections, then a check of understanding),
 * the live flow and a quiz with its spaced review, in a pseudo-terminal, driven by keystrokes.
 * The exercises and the menus are test/e2e/interactive.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { KEY, terminalsWithHome, type Terminal } from '../helpers/pty.js';
import { findLesson, requireLessons } from '../../src/tutor/lessons.js';
import { shuffledQuiz } from '../../src/tutor/workshop.js';

const set = await requireLessons();

const learner = terminalsWithHome('interactive-workshops-');
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

/**
 * Presses Enter at each "Press Enter for the next part" until the check of understanding begins (at most
 * `max` parts), handing each part's screen to `seen`. "? …" is the prompt waiting; "✔ …" is the same
 * prompt answered.
 */
async function throughTheParts(
  max: number,
  seen: (screen: string) => void = () => {},
): Promise<void> {
  for (let i = 0; i < max; i++) {
    const screen = await term!.waitFor(
      /\? Press Enter for (the next part|a short check of understanding)/,
    );
    seen(screen);
    term!.press(KEY.enter);
    if (screen.includes('a short check of understanding')) break;
  }
}

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
    await throughTheParts(12, (screen) => {
      if (screen.includes('Attack: alg "none"')) {
        sawAttack = true;
        expect(screen).toMatch(
          /✓ oauth-tutor \(jose, algorithms: \["HS256"\]\): rejected: alg "none"/,
        );
      }
    });
    const quiz = rightIndexes('jwt', '4');
    await answerRight(quiz);
    expect(sawAttack).toBe(true);
    await term.waitFor(`Score: ${quiz.length}/${quiz.length}.`);
    expect(await term.exited).toBe(0);
    expect((await learner.progress()).lessons['jwt']).toMatchObject({
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
    await throughTheParts(5);
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
    expect((await learner.progress()).lessons['jwt-keys']).toMatchObject({
      status: 'done',
      score: { correct: quiz.length, total: quiz.length },
    });
  });
});

describe('the attack-labs lesson', () => {
  it('runs each lab of the live flow between the sections and shows what stopped it', async () => {
    term = learner.open(['learn', 'attack-labs', '--seed', '2']);
    await term.waitFor('Press Enter to start');
    term.press(KEY.enter);
    await throughTheParts(9);
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
    const saved = await learner.progress();
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
    expect((await learner.progress()).items['quiz:gone:q1']).toMatchObject({ source: gone });
  });
});
