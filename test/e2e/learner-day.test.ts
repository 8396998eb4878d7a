/**
 * Issue 13, the learner's side, played in a pseudo-terminal at 60 and 120
 * columns: resume continues where the learner stopped, Esc and Back lead out
 * of everything, nothing on screen is folded inside a word, and the small
 * things a new student saw are gone. The screen is checked as a terminal
 * renders it (xterm.js, headless): a row the terminal had to fold is a row
 * our output failed to wrap.
 */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../helpers/cli.js';
import { KEY, terminalsWithHome, type ScreenLine, type Terminal } from '../helpers/pty.js';
import { findLesson, requireLessons } from '../../src/tutor/lessons.js';
import { labelSteps } from '../../src/tutor/ordering.js';
import { VocabSession } from '../../src/tutor/vocabulary.js';
import { shuffledQuiz } from '../../src/tutor/workshop.js';
import { createRng } from '../../src/random.js';

const set = await requireLessons();
const ESC = '\x1b';

const learner = terminalsWithHome('learner-day-');

interface Saved {
  lastLesson?: string;
  lessons: Record<
    string,
    {
      status: string;
      score?: { correct: number; total: number };
      sitting?: { seed?: string; answers: number[] };
    }
  >;
}
async function progressFile(): Promise<Saved> {
  return JSON.parse(await readFile(join(learner.home(), 'progress.json'), 'utf8'));
}

/** Rows the terminal had to fold because a line of ours was wider than the screen. */
function folded(screen: ScreenLine[]): string[] {
  return screen.flatMap((l, i) => (l.wrapped ? [`${screen[i - 1]?.text ?? ''}⏎${l.text}`] : []));
}

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
      await t.waitFor('[1/10]');
      await t.type("you can read the user's email out of it");
      t.press(KEY.enter);
      await t.waitFor('[2/10]');
      await t.type('call the API on behalf of the user');
      t.press(KEY.enter);
      await t.waitFor('[3/10]');
      await t.type('safer');
      t.press(KEY.enter);
      await t.waitFor('[4/10]');
      await t.type('something about bananas');
      t.press(KEY.enter);
      for (const n of [5, 6]) {
        await t.waitFor(`[${n}/10]`);
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
      expect((await progressFile()).lessons['review']?.sitting).toEqual({
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
      const saved = (await progressFile()).lessons['review']!;
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
    expect((await progressFile()).lessons['review']?.sitting).toBeUndefined();
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
    expect((await progressFile()).lessons['vocabulary']?.sitting).toMatchObject({
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
    const saved = (await progressFile()).lessons['vocabulary']!;
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
    expect((await progressFile()).lessons['jwt-keys']).toMatchObject({
      status: 'done',
      score: { correct: quiz.length, total: quiz.length },
    });
  });
});

describe('ways out', () => {
  it('Esc inside a lesson returns to the lesson menu, Back to the main menu, and Ctrl-C still exits 130', async () => {
    const t = open([], 120);
    await t.waitFor('Quit');
    t.press(KEY.enter); // Learn
    await t.waitFor('Choose a lesson');
    await t.waitFor('Back');
    t.press(KEY.down);
    t.press(KEY.down); // OAuth vocabulary
    t.press(KEY.enter);
    await t.waitFor('Press Enter to start');
    t.press(KEY.enter);
    await t.waitFor('[1]');
    await t.waitFor('❯');
    t.press(KEY.enter);
    await t.waitFor(/Right\.|Not quite\./);
    await t.waitFor('[2]');
    await t.waitFor('❯');
    t.press(ESC);
    await t.waitFor('Back to the lessons. Your answers so far are saved');
    const menu = await t.waitFor('Back');
    expect(menu).toContain('Choose a lesson');
    expect(menu).toMatch(/OAuth vocabulary ← resume/);
    for (let i = 0; i < 12; i++) t.press(KEY.down);
    t.press(KEY.enter); // Back
    await t.waitFor('What would you like to do?');
    t.press(KEY.ctrlC);
    expect(await t.exited).toBe(130);
    expect((await progressFile()).lessons['vocabulary']?.sitting?.answers).toHaveLength(1);
  });

  it('every submenu has Back; the pickers show titles; an empty or missing path says so', async () => {
    const t = open([], 120);
    await t.waitFor('Quit');
    t.press(KEY.down);
    t.press(KEY.enter); // Quiz
    await t.waitFor('Review what is due');
    await t.waitFor('Back');
    t.press(KEY.down);
    t.press(KEY.enter); // Take a deck
    await t.waitFor('Which deck?');
    const decks = await t.waitFor('Back');
    for (const title of [
      'Basic vs Bearer',
      'Security of the flow',
      'The seven steps of the authorization-code flow',
      'OAuth vocabulary',
    ])
      expect(decks).toContain(title);
    expect(decks).not.toMatch(/^\s*seven-steps$/m);
    for (let i = 0; i < 6; i++) t.press(KEY.down);
    t.press(KEY.enter); // Back
    await t.waitFor('What would you like to do?');
    await t.waitFor('Quit');
    t.press(KEY.down);
    t.press(KEY.down);
    t.press(KEY.enter); // JWT (from Quiz, remembered)
    await t.waitFor('Run a demo or an attack');
    await t.waitFor('Back');
    t.press(KEY.down);
    t.press(KEY.down);
    t.press(KEY.enter); // demos
    await t.waitFor('Which demo?');
    const demos = await t.waitFor('Back');
    expect(demos).toContain('Attack: alg "none"');
    expect(demos).toContain('Attack: RS256 → HS256 key confusion');
    expect(demos).not.toMatch(/^\s*attack-none$/m);
    for (let i = 0; i < 14; i++) t.press(KEY.down);
    t.press(KEY.enter); // Back to the JWT menu
    await t.waitFor('Decode a token');
    await t.waitFor('Back');
    for (let i = 0; i < 4; i++) t.press(KEY.down);
    t.press(KEY.enter); // Back to the main menu
    await t.waitFor('What would you like to do?');
    await t.waitFor('Quit');
    t.press(KEY.down);
    t.press(KEY.enter); // Check my answers
    await t.waitFor('Path to your answer sheet');
    t.press(KEY.enter);
    await t.waitFor('No path given: back to the menu.');
    await t.waitFor('Quit');
    t.press(KEY.enter); // Check my answers again (remembered)
    await t.waitFor('Path to your answer sheet');
    await t.type('no-such-file.md');
    t.press(KEY.enter);
    await t.waitFor(
      'There is no file at no-such-file.md. Type another path, or press Enter to go back.',
    );
    await t.waitFor('Path to your answer sheet');
    t.press(KEY.enter);
    await t.waitFor('Quit');
    t.press(KEY.ctrlC);
    expect(await t.exited).toBe(130);
  });
});

describe('layout at 60 and 120 columns', () => {
  it('the sequence diagram becomes numbered arrows at 60 columns, and keeps its lanes at 120', async () => {
    const ex = findLesson(set, 'seven-steps').ordering!;
    const labelled = labelSteps(ex, '5');
    const right = ex.answer.map((id) => labelled.find((s) => s.id === id)!.label).join('');
    for (const cols of [60, 120]) {
      const t = open(['learn', 'seven-steps', '--seed', '5'], cols);
      await t.waitFor('Press Enter to start');
      t.press(KEY.enter);
      await t.waitFor('Type the letter of step 1');
      await t.type(right);
      await t.waitFor('All placed');
      t.press(KEY.enter);
      await t.waitFor('The flow, as a sequence diagram:');
      expect(await t.exited).toBe(0);
      const screen = await t.screen();
      expect(folded(screen)).toEqual([]);
      const text = screen.map((l) => l.text).join('\n');
      if (cols === 60) {
        expect(text).toContain('  1. Client app → Auth server');
        expect(text).toMatch(
          / {5}Register your application to get a client_id and\n {5}client_secret/,
        );
        expect(text).toContain('  7. Client app → API');
        expect(text).not.toMatch(/│─+1─+▶│/);
      } else {
        expect(text).toMatch(/│─+1─+▶│[ │]+1\. Register your application/);
      }
    }
  });

  it("at 60 columns a lesson's prose, its table and its choices fit the screen; at 120 the table keeps its borders", async () => {
    for (const cols of [60, 120]) {
      const t = open(['learn', 'vocabulary', '--seed', '3'], cols);
      await t.waitFor('Press Enter to start');
      t.press(KEY.enter);
      await t.waitFor('[1]');
      await t.waitFor('❯');
      const screen = await t.screen();
      expect(folded(screen)).toEqual([]);
      const text = screen.map((l) => l.text).join('\n');
      if (cols === 60) {
        expect(text).toContain("  • Client ID — the app's public name at the provider");
        // A long choice continues under its own first word, and every choice is in sight.
        expect(text).toMatch(
          /❯ A short-lived, one-time code sent back to your redirect\n {2}URI after the user approves; your app exchanges it for\n {2}tokens\./,
        );
        expect(text).toContain('  A code that directly gives the user access to the API.');
      } else {
        expect(text).toMatch(/│ Client ID +│ the app's public name at the provider +│/);
      }
      t.press(KEY.ctrlC);
      expect(await t.exited).toBe(130);
    }
  });

  it('the progress table lines up at 120 and wraps titles in their column at 60, cutting no word', async () => {
    await writeFile(
      join(learner.home(), 'progress.json'),
      JSON.stringify({
        version: 1,
        lessons: {
          'why-oauth': {
            status: 'done',
            score: { correct: 1, total: 1 },
            attempts: 1,
            updatedAt: '2026-01-01T00:00:00Z',
          },
          review: {
            status: 'done',
            score: { correct: 7.5, total: 10 },
            best: { correct: 8, total: 10 },
            attempts: 2,
            updatedAt: '2026-01-01T00:00:00Z',
          },
          'attack-labs': { status: 'started', attempts: 0, updatedAt: '2026-01-01T00:00:00Z' },
        },
        items: {},
      }),
    );
    for (const cols of [60, 120]) {
      const t = open(['progress'], cols);
      await t.waitFor('Saved in');
      expect(await t.exited).toBe(0);
      const screen = await t.screen();
      expect(folded(screen)).toEqual([]);
      const rows = screen.map((l) => l.text).filter((l) => /^[✓…·] /.test(l));
      expect(rows).toHaveLength(set.lessons.length);
      // Where each lesson's title starts on its row: one column for all.
      const starts = rows.map((r, i) =>
        r.indexOf(set.lessons[i]!.title.split(' ')[0]!, 2 + set.lessons[i]!.id.length),
      );
      const titleStart = starts[0]!;
      expect(
        starts.every((s) => s === titleStart),
        rows.join('\n'),
      ).toBe(true);
      const review = rows.find((r) => r.includes(' review '))!;
      const text = screen.map((l) => l.text).join('\n');
      if (cols === 60) {
        // Narrow: the best score moves beside the title, and a long title wraps in its own column.
        expect(review).toMatch(/review\s+7\.5\/10\s+Review questions \(best 8\/10\)/);
        expect(text).toMatch(
          new RegExp(`Attack labs: what each check\\n {${titleStart}}of the flow stops`),
        );
      } else {
        expect(review).toMatch(/review\s+7\.5\/10 \(best 8\/10\)\s+Review questions/);
        expect(text).toContain('Attack labs: what each check of the flow stops');
      }
    }
  });
});

describe('small things on screen', () => {
  it('a missing sheet is reported once', async () => {
    const r = await run(['check', 'no-such-file.md'], {
      env: { OAUTH_TUTOR_HOME: learner.home() },
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.match(/no such file/g)).toHaveLength(1);
  });

  it('progress does not claim a file it has not written yet', async () => {
    const r = await run(['progress'], { env: { OAUTH_TUTOR_HOME: learner.home() } });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('Saved in');
    expect(r.stderr).toContain(
      `Nothing saved yet: your progress will be kept in ${join(learner.home(), 'progress.json')} once you answer something.`,
    );
  });
});
