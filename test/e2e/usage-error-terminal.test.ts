/**
 * A usage error in a 60-column terminal is wrapped at word boundaries like the program's own
 * errors (err() in output.ts), its hint line indented, never folded mid-word by the terminal.
 */
import { describe, expect, it } from 'vitest';
import { openTerminal } from '../helpers/pty.js';

describe('usage errors at 60 columns', () => {
  it.each([
    [['flow', '--grant', 'nope'], /Allowed choices are code, device/],
    [['jwt', 'decode', '--bogus'], /Unknown option '--bogus'\./],
    // The program's own error, for comparison: the same shape.
    [['jwt', 'decode', 'garbage'], /This is not a JWT/],
  ])('%j: wrapped by the program, hint indented, no row folded', async (args, message) => {
    const term = openTerminal(args, { NO_COLOR: '1' }, { cols: 60 });
    expect(await term.exited).toBe(2);
    const screen = await term.screen();
    expect(screen.map((l) => l.text).join(' ')).toMatch(message);
    expect(screen[0]!.text).toMatch(/^error: [A-Z]/);
    for (const row of screen) {
      expect(row.wrapped, `folded by the terminal: ${row.text}`).toBe(false);
      expect(row.text.length).toBeLessThanOrEqual(60);
    }
    const hint = screen.findIndex(
      (l) => l.text.startsWith('  Run ') || l.text.startsWith('  Copy'),
    );
    expect(hint).toBeGreaterThan(0);
    // What follows the hint's first line is its continuation, indented the same.
    for (const row of screen.slice(hint)) expect(row.text).toMatch(/^ {2}\S/);
  });
});
