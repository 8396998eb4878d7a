/**
 * score-bar.ts: labels cut and padded by display width (CJK and emoji count two columns), and the
 * rows of the class summaries laid out to fit 60, 80 and 120 columns.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import stringWidth from 'fast-string-width';
import { fitLabel, scoreRows, type ScoreRow } from '../../src/cli/score-bar.js';

describe('fitLabel', () => {
  it('pads or cuts to exactly the width a terminal shows', () => {
    expect(fitLabel('Client ID', 12)).toBe('Client ID   ');
    expect(fitLabel('What can you do with an authorization code?', 12)).toBe('What can yo…');
    // Two columns a character: a cut never splits one, and the gap it leaves is padded.
    expect(fitLabel('認可コードで何ができますか', 10)).toBe('認可コー… ');
    expect(stringWidth(fitLabel('認可コードで何ができますか', 10))).toBe(10);
    expect(fitLabel('👍👍👍👍👍👍', 8)).toBe('👍👍👍… ');
    // A family emoji is one character (a grapheme of several code points): kept or left out whole.
    expect(fitLabel('👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 4)).toBe('👨‍👩‍👧… ');
  });

  it('is exactly `width` columns for any label', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', '漢', '👍', 'é', '👨‍👩‍👧', '—') }),
        fc.integer({ min: 1, max: 80 }),
        (label, width) => {
          expect(stringWidth(fitLabel(label, width))).toBe(width);
        },
      ),
    );
  });
});

const ROWS: ScoreRow[] = [
  { label: 'The seven steps in order', score: 0.22, detail: '22% right' },
  {
    label: "What's a benefit of using OAuth instead of your own basic authentication?",
    score: 0.72,
    detail: '56% right, 33% partly',
  },
  {
    label: 'アクセストークン（access token）とは何ですか、そしてなぜ短命なのか',
    score: 0.5,
    detail: '50% right',
  },
  { label: '🔑 Client Secret 🔑', score: 0.67, detail: '67% right' },
  { label: 'Client ID', score: 1, detail: '100% right' },
];

describe('scoreRows', () => {
  it.each([60, 80, 120])(
    'at %i columns: one line a row, none wider than the terminal, every bar in one column',
    (columns) => {
      const lines = scoreRows(ROWS, columns, { maxLabel: 60 });
      expect(lines).toHaveLength(ROWS.length);
      const barColumns = new Set<number>();
      for (const line of lines) {
        expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
        const at = line.search(/[█·]{20}/);
        expect(at, line).toBeGreaterThan(0);
        barColumns.add(stringWidth(line.slice(0, at)));
      }
      expect([...barColumns]).toHaveLength(1);
    },
  );

  it('keeps the detail when there is room, and leaves it out before cutting labels short', () => {
    const wide = scoreRows(ROWS, 120, { maxLabel: 60 });
    expect(wide[1]).toMatch(/ 72% {2}56% right, 33% partly$/);
    const narrow = scoreRows(ROWS, 60, { maxLabel: 60 });
    expect(narrow[1]).toMatch(/ 72%$/);
    expect(narrow[1]).toMatch(/^ {2}What's a benefit of using OAu\S*… {2}█/);
  });

  it('not a terminal: no limit, labels up to maxLabel, the detail kept', () => {
    const lines = scoreRows(ROWS, undefined, { maxLabel: 60 });
    expect(stringWidth(lines[1]!.slice(0, lines[1]!.indexOf('█')))).toBe(2 + 60 + 2);
    expect(lines[0]).toMatch(/^ {2}The seven steps in order {38}█/);
    expect(lines[1]).toMatch(/56% right, 33% partly$/);
  });

  it('on a very narrow terminal each label has a line of its own', () => {
    const lines = scoreRows(ROWS, 36, { maxLabel: 60 });
    expect(lines).toHaveLength(ROWS.length * 2);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(36);
  });
});
