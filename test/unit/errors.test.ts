/**
 * The shared helpers of src/errors.ts and src/cli/score-bar.ts: one wording
 * for a file that cannot be read, one way to read a system error's code, one
 * score bar.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { cannotRead, errnoCode, TutorError, unreadable, usage } from '../../src/errors.js';
import { fitLabel, scoreBar } from '../../src/cli/score-bar.js';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('a file that cannot be read', () => {
  it('says "no such file", "is a folder" or the code, from the real error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'errors-'));
    try {
      const missing = await failure(readFile(join(dir, 'nope.json')));
      const folder = await failure(readFile(dir));
      expect(errnoCode(missing)).toBe('ENOENT');
      expect(unreadable(missing)).toBe('no such file');
      expect(unreadable(folder)).toBe('is a folder');
      expect(unreadable(new Error('odd'))).toBe('cannot be read (error)');
      const e = cannotRead('deck.yaml', missing, 'Give a deck file.');
      expect(e).toBeInstanceOf(TutorError);
      expect(e).toMatchObject({
        code: 'ERR_INPUT',
        message: 'Cannot read deck.yaml (no such file).',
        hint: 'Give a deck file.',
        cause: missing,
      });
      expect(e.exitCode).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('takes no code from a TutorError or a non-error', () => {
    expect(errnoCode(usage('x'))).toBeUndefined();
    expect(errnoCode({ code: 42 })).toBeUndefined();
    expect(errnoCode(undefined)).toBeUndefined();
    expect(errnoCode(Object.assign(new Error('locked'), { code: 'ELOCKED' }))).toBe('ELOCKED');
  });
});

describe('the score bar', () => {
  it('is 20 cells for any score, filled in 5% steps', () => {
    expect(scoreBar(0)).toBe('·'.repeat(20));
    expect(scoreBar(0.5)).toBe('█'.repeat(10) + '·'.repeat(10));
    expect(scoreBar(1)).toBe('█'.repeat(20));
    fc.assert(
      fc.property(fc.double({ min: -1, max: 2, noNaN: true }), (s) => {
        expect([...scoreBar(s)]).toHaveLength(20);
      }),
    );
  });

  it('fits a label to its column', () => {
    expect(fitLabel('abc', 5)).toBe('abc  ');
    expect(fitLabel('abcdef', 5)).toBe('abcd…');
  });
});
