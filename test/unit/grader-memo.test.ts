/**
 * A grader remembers what it worked out for each distinct line and answer
 * (src/grader/memo.ts), so a class's repeated lines are read once. That must
 * never change a grade: every sheet of every fixture folder, graded by one
 * grader after all the others (in two orders, twice over), is graded exactly
 * as a fresh grader grades it alone.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { requireLessons } from '../../src/tutor/lessons.js';
import { gradingKit } from '../../src/tutor/grading-kit.js';
import { createGrader } from '../../src/grader/grade.js';
import { decodeSheet } from '../../src/grader/text.js';
import { Memo } from '../../src/grader/memo.js';
import { stepMatcher } from '../../src/grader/steps.js';
import { root } from '../helpers/cli.js';

const kit = gradingKit(await requireLessons());

const FOLDERS = ['answers', 'answers-extra', 'answers-new', 'answers-holdout', 'answers-holdout2'];
const sheets: [string, string][] = FOLDERS.flatMap((folder) => {
  const dir = join(root, 'test/fixtures', folder);
  return readdirSync(dir)
    .filter((f) => !f.endsWith('.json'))
    .sort()
    .flatMap((f): [string, string][] => {
      const decoded = decodeSheet(readFileSync(join(dir, f)));
      return decoded.ok ? [[`${folder}/${f}`, decoded.text]] : [];
    });
});

describe('a grader that remembers lines and answers', () => {
  it('grades every sheet as a fresh grader does, in any order, again and again', () => {
    expect(sheets.length).toBeGreaterThan(50);
    const alone = new Map(sheets.map(([name, text]) => [name, createGrader(kit)(text)]));
    const shared = createGrader(kit);
    const orders = [sheets, [...sheets].reverse(), sheets, [...sheets].reverse()];
    for (const order of orders)
      for (const [name, text] of order) expect(shared(text), name).toEqual(alone.get(name));
  });

  it('grades a sheet the same after sheets that share its lines in other places', () => {
    // The same lines, shuffled between sheets: a line's meaning may depend on its neighbours
    // (a table header, a setext heading), which must not leak through what was remembered.
    const lines = sheets.flatMap(([, text]) => text.split('\n')).slice(0, 4000);
    const mixed = Array.from({ length: 40 }, (_, i) =>
      lines.filter((_, j) => j % 40 === i).join('\n'),
    );
    const shared = createGrader(kit);
    for (const text of [...mixed, ...mixed]) expect(shared(text)).toEqual(createGrader(kit)(text));
  });
});

describe('the step matcher', () => {
  it('remembers the best step of a line, not whether it passed the first threshold asked', () => {
    // Scores 0.50 (the "redirect" step): under the 0.55 of a line read on its own, over the 0.45 of
    // a line in a list of steps. Asked first with 0.55, it must still pass 0.45 afterwards.
    const line = 'Public identifier of the application at the authorization server.';
    const fresh = () => stepMatcher(kit.steps, kit.rubric.ordering.steps);
    const shared = fresh();
    expect(shared.match(line)).toBeUndefined();
    expect(shared.match(line, 0.45)).toEqual(fresh().match(line, 0.45));
    expect(shared.match(line, 0.45)?.id).toBe('redirect');
  });
});

describe('Memo', () => {
  it('computes each key once, remembers undefined, and starts over when full', () => {
    const memo = new Memo<string, number | undefined>(2, 5);
    let calls = 0;
    const f = (k: string) => (calls++, k === 'none' ? undefined : k.length);
    expect(memo.get('ab', f)).toBe(2);
    expect(memo.get('ab', f)).toBe(2);
    expect(memo.get('none', f)).toBeUndefined();
    expect(memo.get('none', f)).toBeUndefined();
    expect(calls).toBe(2);
    memo.get('abc', f); // full: starts over
    memo.get('ab', f);
    expect(calls).toBe(4);
    memo.get('longer than five', f);
    memo.get('longer than five', f); // long keys are never kept
    expect(calls).toBe(6);
  });
});
