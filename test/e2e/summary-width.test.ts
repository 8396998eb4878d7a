/**
 * The class summaries (`check --summary`, `report`) in a real terminal at 60, 80 and 120 columns:
 * every item is one row, its bar in the same column as every other's, no row folded by the wrapper
 * or the terminal (at 60 columns a cut label used to leak its last word onto the bar's line).
 * Wide characters: test/unit/score-rows.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root, run } from '../helpers/cli.js';
import { openTerminal, type ScreenLine } from '../helpers/pty.js';
import { fileTempDir } from '../helpers/temp.js';

const SHEETS = join(root, 'test/fixtures/answers');
const dir = fileTempDir('oauth-tutor-summary-');

/** The screen rows from the line after `heading` to the next blank one. */
function section(screen: ScreenLine[], heading: string): ScreenLine[] {
  const start = screen.findIndex((l) => l.text.startsWith(heading));
  expect(start, `"${heading}" on the screen`).toBeGreaterThanOrEqual(0);
  const rest = screen.slice(start + 1);
  const end = rest.findIndex((l) => l.text.trim() === '');
  return end < 0 ? rest : rest.slice(0, end);
}

async function screenOf(args: string[], cols: number): Promise<ScreenLine[]> {
  const term = openTerminal(args, {}, { cols });
  expect(await term.exited, term.output).toBe(0);
  return term.screen();
}

function expectOneRowPerItem(rows: ScreenLine[], items: number, cols: number): void {
  expect(rows).toHaveLength(items);
  const barAt = new Set<number>();
  for (const row of rows) {
    expect(row.wrapped, `folded: ${row.text}`).toBe(false);
    expect(row.text.length).toBeLessThanOrEqual(cols);
    const bar = /[█·]{20} +\d+%/.exec(row.text);
    expect(bar, `no bar on: ${row.text}`).not.toBeNull();
    barAt.add(bar!.index);
    // The label is whole, or cut with an ellipsis right before the gap.
    expect(row.text.slice(0, bar!.index)).toMatch(/^ {2}\S.*(\S|…) {2,}$/);
  }
  expect([...barAt], 'every bar in one column').toHaveLength(1);
}

/** `check SHEETS --json`, saved for `report`, and `report --json` on it: the same at every width, so made once. */
let checked: Promise<{ check: string; file: string; report: string }> | undefined;
const checkJson = () =>
  (checked ??= (async () => {
    const check = await run(['check', SHEETS, '--json', '--no-save']);
    expect(check.code, check.stderr).toBe(0);
    const file = join(dir(), 'check.json');
    await writeFile(file, check.stdout);
    const report = await run(['report', file, '--json']);
    expect(report.code, report.stderr).toBe(0);
    return { check: check.stdout, file, report: report.stdout };
  })());

describe.each([60, 80, 120])('at %i columns', (cols) => {
  it('check --summary: one row per item, bars aligned, nothing folded', async () => {
    const json = JSON.parse((await checkJson()).check) as { summary: { items: unknown[] } };
    const screen = await screenOf(['check', SHEETS, '--summary', '--no-save'], cols);
    expectOneRowPerItem(
      section(screen, 'Per item, hardest first'),
      json.summary.items.length,
      cols,
    );
  });

  it('report: one row per question, bars aligned, nothing folded', async () => {
    const { file, report } = await checkJson();
    const json = JSON.parse(report) as { questions: unknown[] };
    const screen = await screenOf(['report', file], cols);
    expectOneRowPerItem(section(screen, 'Questions, hardest first'), json.questions.length, cols);
  });
});
