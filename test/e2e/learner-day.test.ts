/**
 * Issue 13, the learner's side, played in a pseudo-terminal at 60 and 120
 * columns: Esc and Back lead out of everything, nothing on screen is folded
 * inside a word, and the small things a new student saw are gone. The screen
 * is checked as a terminal renders it (xterm.js, headless): a row the terminal
 * had to fold is a row our output failed to wrap. That resume continues where
 * the learner stopped is test/e2e/learner-day-resume.test.ts (one file took
 * the longest of the run on one worker, mostly waiting on the terminal).
 */
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../helpers/cli.js';
import { KEY, folded, terminalsWithHome, type Terminal } from '../helpers/pty.js';
import { findLesson, requireLessons } from '../../src/tutor/lessons.js';
import { labelSteps } from '../../src/tutor/ordering.js';

const set = await requireLessons();
const ESC = '\x1b';

const learner = terminalsWithHome('learner-day-');

function open(args: string[], cols: number): Terminal {
  return learner.open(args, { cols, rows: 40 });
}

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
    expect((await learner.progress()).lessons['vocabulary']?.sitting?.answers).toHaveLength(1);
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
  // At 120 columns the same runs (learn seven-steps --seed 5, learn vocabulary --seed 3) are in
  // test/e2e/interactive.test.ts, which checks there that nothing is folded, that the diagram keeps
  // its lanes and the table its borders.
  it('the sequence diagram becomes numbered arrows at 60 columns', async () => {
    const ex = findLesson(set, 'seven-steps').ordering!;
    const labelled = labelSteps(ex, '5');
    const right = ex.answer.map((id) => labelled.find((s) => s.id === id)!.label).join('');
    const t = open(['learn', 'seven-steps', '--seed', '5'], 60);
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
    expect(text).toContain('  1. Client app → Auth server');
    expect(text).toMatch(/ {5}Register your application to get a client_id and\n {5}client_secret/);
    expect(text).toContain('  7. Client app → API');
    expect(text).not.toMatch(/│─+1─+▶│/);
  });

  it("at 60 columns a lesson's prose, its table and its choices fit the screen", async () => {
    const t = open(['learn', 'vocabulary', '--seed', '3'], 60);
    await t.waitFor('Press Enter to start');
    t.press(KEY.enter);
    await t.waitFor('[1]');
    await t.waitFor('❯');
    const screen = await t.screen();
    expect(folded(screen)).toEqual([]);
    const text = screen.map((l) => l.text).join('\n');
    expect(text).toContain("  • Client ID — the app's public name at the provider");
    // A long choice continues under its own first word, and every choice is in sight.
    expect(text).toMatch(
      /❯ A short-lived, one-time code sent back to your redirect\n {2}URI after the user approves; your app exchanges it for\n {2}tokens\./,
    );
    expect(text).toContain('  A code that directly gives the user access to the API.');
    t.press(KEY.ctrlC);
    expect(await t.exited).toBe(130);
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
