/**
 * literals.ts: the text every match of a rubric pattern contains. The grader skips a pattern
 * whose literals an answer lacks (match.ts), so a literal that some match does not contain would
 * make the grader miss an answer: on every pattern of the shipped rubric, strings made to match
 * hold its literals, and the grader's verdict on random answers is the same with and without them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { requiredLiterals } from '../../src/grader/literals.js';
import { hits, mayMatch, type Pattern } from '../../src/grader/match.js';
import { requireLessons } from '../../src/tutor/lessons.js';
import { gradingKit } from '../../src/tutor/grading-kit.js';

const rubric = gradingKit(await requireLessons()).rubric;
const patterns: Pattern[] = [];
const isPattern = (node: object): node is Pattern =>
  're' in node &&
  node.re instanceof RegExp &&
  'source' in node &&
  typeof node.source === 'string' &&
  'negated' in node &&
  typeof node.negated === 'boolean';
const collect = (node: unknown): void => {
  if (Array.isArray(node)) node.forEach(collect);
  else if (typeof node === 'object' && node !== null) {
    if (!isPattern(node)) Object.values(node).forEach(collect);
    else if (!patterns.some((p) => p.source === node.source)) patterns.push(node);
  }
};
collect(rubric);
const bodyOf = (p: Pattern) => (p.negated ? p.source.slice(1) : p.source);
const withoutLiterals = (p: Pattern): Pattern => ({ ...p, literals: [], re: new RegExp(p.re) });
const withLiterals = (p: Pattern): Pattern => ({
  ...p,
  literals: requiredLiterals(bodyOf(p)),
  re: new RegExp(p.re),
});

describe('requiredLiterals', () => {
  it('reads runs of characters, alternatives and required groups; nothing from what may be absent', () => {
    expect(requiredLiterals('\\bclient\\s+(id|key)\\b')).toEqual([['client'], ['id', 'key']]);
    expect(requiredLiterals('access token|bearer')).toEqual([['access token', 'bearer']]);
    expect(requiredLiterals('auth(orization)? code')).toEqual([['auth'], [' code']]);
    expect(requiredLiterals('(?:a|b)+c')).toEqual([['a', 'b'], ['c']]);
    // An alternative with nothing sure in it: no clause at all.
    expect(requiredLiterals('secret|\\w+')).toEqual([]);
    expect(requiredLiterals('secret|\\w+@')).toEqual([['secret', '@']]);
    // Lookarounds, sets, back-references and optional parts ask for nothing.
    expect(requiredLiterals('^(?!.*endpoint)[a-z]{0,9}(x)?\\1')).toEqual([]);
    // Syntax the tokenizer does not read: nothing, and the expression decides.
    expect(requiredLiterals('(')).toEqual([]);
    // Escapes JavaScript reads otherwise than the tokenizer: nothing either (found in review).
    for (const [source, text] of [
      ['(?<n>a)\\k<n>', 'aa'],
      ['\\012x', '\nx'],
      ['\\00', '\u0000'],
      ['\\400', ' 0'],
      ['\\cjx', '\nx'],
      ['a\\u{2}', 'auu'],
      ['(a)\\1b', 'aab'],
    ] as const) {
      expect(new RegExp(source).test(text), source).toBe(true);
      expect(mayMatch(requiredLiterals(source), text), source).toBe(true);
    }
    // Escapes read alike keep their literals.
    expect(requiredLiterals('\\x41\\u0042\\.c')).toEqual([['AB.c']]);
    // A lookbehind (which ret does not read) asks for nothing; the rest keeps its literals.
    expect(requiredLiterals('(?<!\\bnot\\b[^.;)]{0,9})\\bput (it|the code)')).toEqual([
      ['put '],
      ['it', 'the code'],
    ]);
    expect(requiredLiterals('ab(?<!x(y))cd')).toEqual([['abcd']]);
  });

  it('mayMatch wants one alternative of every clause', () => {
    expect(mayMatch([['client'], ['id', 'key']], 'the client key')).toBe(true);
    expect(mayMatch([['client'], ['id', 'key']], 'the client secret')).toBe(false);
    expect(mayMatch([], 'anything')).toBe(true);
  });
});

describe('on the shipped rubric', () => {
  it(`finds literals for most of its ${patterns.length} patterns`, () => {
    expect(patterns.length).toBeGreaterThan(100);
    const without = patterns.filter((p) => requiredLiterals(bodyOf(p)).length === 0);
    expect(without.length).toBeLessThan(patterns.length / 10);
  });

  it('every string made to match a pattern holds its literals', () => {
    let checked = 0;
    let matched = 0;
    for (const p of patterns) {
      let arbitrary: fc.Arbitrary<string>;
      try {
        // fast-check cannot generate for \b: without it the expression matches more strings, and
        // only those the pattern itself matches are checked.
        arbitrary = fc.stringMatching(new RegExp(bodyOf(p).replaceAll('\\b', '')));
      } catch {
        continue; // syntax fast-check cannot generate from (lookarounds): the next test covers it
      }
      checked++;
      const literals = requiredLiterals(bodyOf(p));
      fc.assert(
        fc.property(arbitrary, (s) => {
          if (!new RegExp(bodyOf(p)).test(s)) return true;
          matched++;
          return mayMatch(literals, s);
        }),
        { numRuns: 60 },
      );
    }
    expect(checked).toBeGreaterThan(patterns.length / 2);
    // Most strings made without \b still match: the property is not checked on nothing.
    expect(matched).toBeGreaterThan(checked * 5);
  });

  it('the grader finds the same with and without literals, on answers made of its own words', () => {
    // The rubric's own words, so that answers often match; plus letters, spaces and punctuation.
    const words = [
      ...new Set(
        patterns.flatMap((p) => p.source.toLowerCase().match(/[a-z_]{2,}(?: [a-z_]{2,})?/g) ?? []),
      ),
    ];
    const answer = fc
      .array(
        fc.oneof(
          fc.constantFrom(...words),
          fc.constantFrom(' ', '. ', ', ', ' not ', ' never '),
          fc.string({ maxLength: 3 }),
        ),
        { maxLength: 25 },
      )
      .map((parts) => parts.join(' '));
    const pairs = patterns.map((p) => [withoutLiterals(p), withLiterals(p)] as const);
    fc.assert(
      fc.property(answer, (text) =>
        pairs.every(([plain, filtered]) => hits(plain, text) === hits(filtered, text)),
      ),
      { numRuns: 300 },
    );
  });
});
