/**
 * Issue 13, the learner's side, in pure functions: resumable sittings in the
 * progress file, wrapping that never cuts a word, the diagram's narrow form,
 * a table whose columns line up, and the wording fixes.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'fast-string-width';
import { ProgressStore, parseProgress } from '../../src/tutor/progress.js';
import { tempDir } from '../helpers/temp.js';
import { requireLessons, findLesson } from '../../src/tutor/lessons.js';
import { buildQuestion } from '../../src/tutor/vocabulary.js';
import { sequenceDiagram } from '../../src/tutor/diagram.js';
import { inSentence } from '../../src/tutor/wording.js';
import { evaluate } from '../../src/grader/evaluate.js';
import { createRng } from '../../src/random.js';
import { wrapText } from '../../src/cli/wrap.js';
import { padCell, statusLines } from '../../src/cli/status-view.js';
import { DEMO_IDS, DEMO_TITLES } from '../../src/jwt/demos/ids.js';
import { demoRun } from '../helpers/demo-runs.js';
import type { LessonStatus } from '../../src/tutor/status.js';

const set = await requireLessons();

let dir: string;
beforeEach(async () => (dir = await tempDir('learner-')));

describe('a sitting in the progress file', () => {
  it('is saved with every answer, merged under the lock, and forgotten when the lesson finishes', async () => {
    const { store } = await ProgressStore.open({ dir });
    await store.start('review');
    await store.saveSitting('review', { answers: [1, 0.5] });
    // Another run saves meanwhile: merged, not overwritten.
    const { store: other } = await ProgressStore.open({ dir });
    other.recordItem('quiz:x:y', true);
    await other.save();
    await store.saveSitting('review', { answers: [1, 0.5, 0] });
    const saved = parseProgress(await readFile(join(dir, 'progress.json'), 'utf8'));
    expect(saved.ok && saved.progress.lessons['review']?.sitting).toEqual({ answers: [1, 0.5, 0] });
    expect(saved.ok && saved.progress.items['quiz:x:y']).toBeTruthy();
    await store.finish('review', { correct: 1.5, total: 10 });
    const { store: again, warning } = await ProgressStore.open({ dir });
    expect(warning).toBeUndefined();
    expect(again.lesson('review')).toMatchObject({
      status: 'done',
      score: { correct: 1.5, total: 10 },
    });
    expect(again.lesson('review')?.sitting).toBeUndefined();
  });

  it('a review score with a half point is a valid file (it used to be moved aside as broken)', () => {
    const text = JSON.stringify({
      version: 1,
      lessons: {
        review: {
          status: 'done',
          attempts: 1,
          updatedAt: '2026-01-01T00:00:00Z',
          score: { correct: 1.5, total: 10 },
        },
      },
      items: {},
    });
    expect(parseProgress(text)).toMatchObject({ ok: true });
  });

  it('a sitting of the wrong shape is named, never used', () => {
    const bad = (sitting: unknown) =>
      JSON.stringify({
        version: 1,
        lessons: {
          v: { status: 'started', attempts: 0, updatedAt: '2026-01-01T00:00:00Z', sitting },
        },
        items: {},
      });
    expect(parseProgress(bad({ answers: 'x' }))).toEqual({
      ok: false,
      problem: 'lessons.v.sitting.answers: is not a list',
    });
    expect(parseProgress(bad({ answers: [1, -1] }))).toEqual({
      ok: false,
      problem: 'lessons.v.sitting.answers[1]: is -1, not a number ≥ 0',
    });
    expect(parseProgress(bad({ answers: [0], seed: 3 }))).toEqual({
      ok: false,
      problem: 'lessons.v.sitting.seed: is not a string',
    });
  });
});

describe('wrapText', () => {
  const word = fc.stringMatching(/^[a-zA-Z'’,.]{1,14}$/);
  it('never cuts a word and never exceeds the width (words shorter than the width)', () => {
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 30, max: 120 }),
        fc.constantFrom('', '  ', '✗ ', '  Model answer: '),
        (words, width, lead) => {
          const line = lead + words.join(' ');
          const wrapped = wrapText(line, width).split('\n');
          for (const l of wrapped) expect(stringWidth(l)).toBeLessThanOrEqual(width);
          // Same words, same order: nothing cut, nothing lost.
          expect(wrapped.join(' ').split(/\s+/).filter(Boolean)).toEqual(
            line.split(/\s+/).filter(Boolean),
          );
        },
      ),
    );
  });

  it('keeps a hanging indent and survives colours', () => {
    const red = '\u001b[31m✗\u001b[39m';
    const text = `${red} Not quite. This is a common misconception about the authorization code and what it carries.`;
    const lines = wrapText(text, 40).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines.slice(1)) expect(stripVTControlCharacters(l)).toMatch(/^ {2}\S/);
    expect(
      wrapText('  Model answer: one two three four five six seven eight nine ten', 30)
        .split('\n')
        .slice(1)
        .every((l) => l.startsWith('  ') && !l.startsWith('   ')),
    ).toBe(true);
  });

  it('leaves a word longer than the line whole (a URL stays copyable)', () => {
    const url = `http://127.0.0.1:4000/authorize?${'x'.repeat(80)}`;
    expect(wrapText(`Open ${url} now`, 40).split('\n')).toContain(url);
  });
});

describe('the sequence diagram at 60 columns', () => {
  const ex = findLesson(set, 'seven-steps').ordering!;
  it('draws lanes when they fit, and a vertical list of numbered arrows when they do not', () => {
    const wrap = wrapText;
    const wide = sequenceDiagram(ex, { width: 120, wrap });
    expect(wide.map((l) => l.text).join('\n')).toMatch(/│─+1─+▶│/);
    const narrow = sequenceDiagram(ex, { width: 60, wrap }).map((l) => l.text);
    expect(narrow.join('\n')).not.toContain('│');
    expect(narrow).toContain('  1. Client app → Auth server');
    expect(narrow).toContain('  7. Client app → API');
    expect(narrow).toContain('     Make a request to a third-party API endpoint');
    for (const l of narrow) expect(l.length).toBeLessThanOrEqual(60);
    expect(
      sequenceDiagram(ex, { width: 60, wrap, highlight: 3, upTo: 3 }).map((l) => l.text),
    ).toContain('▶ 3. Client app → Auth server');
  });
});

describe('the status table', () => {
  const row = (id: string, title: string, correct?: number, total?: number): LessonStatus => ({
    id,
    title,
    kind: 'reading',
    summary: '',
    status: correct === undefined ? 'new' : 'done',
    attempts: 0,
    ...(correct === undefined ? {} : { score: { correct, total: total! } }),
  });
  const rows = [
    row('a', '漢字のレッスン', 1, 2),
    row('longer-id', 'A plain title', 10, 10),
    row('b', 'The seven steps of the authorization-code flow, with a long tail'),
  ];

  it('lines up its columns by display width (wide characters count two)', () => {
    expect(stringWidth(padCell('漢字', 6))).toBe(6);
    const lines = statusLines(rows, 120).map(stripVTControlCharacters);
    const titleAt = (l: string, t: string) => stringWidth(l.slice(0, l.indexOf(t)));
    expect(titleAt(lines[0]!, '漢字')).toBe(titleAt(lines[1]!, 'A plain'));
    expect(titleAt(lines[1]!, 'A plain')).toBe(titleAt(lines[2]!, 'The seven'));
  });

  it('wraps a long title inside its column at 40 columns, never past the edge', () => {
    const lines = statusLines(rows, 40).map(stripVTControlCharacters);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(40);
    const start = stringWidth(lines[2]!.slice(0, lines[2]!.indexOf('The seven')));
    expect(lines[3]!.slice(0, start).trim()).toBe('');
    expect(lines.join(' ')).toMatch(/The seven steps of\s+the\s+authorization-code/);
  });
});

describe('wording', () => {
  it('writes a term inside a sentence in lower case, keeping ID, API, URI and PKCE', () => {
    expect(inSentence('State parameter')).toBe('state parameter');
    expect(inSentence('Client Secret')).toBe('client secret');
    expect(inSentence('Client ID')).toBe('client ID');
    expect(inSentence('PKCE code verifier and challenge')).toBe('PKCE code verifier and challenge');
  });

  it('vocabulary questions do not capitalise the term mid-sentence', () => {
    const deck = findLesson(set, 'vocabulary').vocabulary!;
    const state = deck.cards.find((c) => c.id === 'state')!;
    expect(buildQuestion(deck, state, 'term-to-definition', createRng('1')).prompt).toBe(
      'What is the state parameter?',
    );
  });

  it('the "none of the concepts" feedback is a sentence', () => {
    const item = findLesson(set, 'review').rubric!.terms.find((t) => t.id === 'access-token')!;
    const r = evaluate(item, 'something about bananas');
    expect(r.verdict).toBe('incorrect');
    expect(r.feedback).not.toMatch(/says that a credential/);
    expect(r.feedback).toMatch(
      /^Not quite\. A good answer would cover this: a credential the app presents/,
    );
  });

  it('in vocabulary cards the right answer is the longest option in at most a third of them', () => {
    const cards = findLesson(set, 'vocabulary').vocabulary!.cards;
    const longest = cards.filter((card) => {
      const right = card.options.find((o) => o.correct)!.text.length;
      return card.options.every((o) => o.correct || o.text.length < right);
    });
    expect(longest.length, longest.map((c) => c.id).join(', ')).toBeLessThanOrEqual(
      Math.floor(cards.length / 3),
    );
  });

  it('the demo picker titles are the titles the demos print', async () => {
    for (const id of DEMO_IDS) expect((await demoRun(id)).title).toBe(DEMO_TITLES[id]);
  });
});
