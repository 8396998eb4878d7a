/**
 * Inside @inquirer/core in the bundle, wrap-ansi is fast-wrap-ansi (scripts/rollup-plugins.mjs):
 * a prompt's lines fold where wrap-ansi 6, which Inquirer ships with, folds them, with the options
 * Inquirer passes (`hard: true, trim: false`, each line then trimmed at its end). What may differ is
 * only the stray colour codes wrap-ansi 6 writes at the start of a folded line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { stripVTControlCharacters } from 'node:util';
import { wrapAnsi as fastWrapAnsi } from 'fast-wrap-ansi';
import { chunkMap } from '../helpers/loaded-modules.js';

type Wrap = (text: string, columns: number, options: { hard: boolean; trim: boolean }) => string;

/** wrap-ansi as @inquirer/core resolves it from node_modules. */
const inquirerRequire = createRequire(createRequire(import.meta.url).resolve('@inquirer/core'));
const wrapAnsi6: unknown = inquirerRequire('wrap-ansi');
function isWrap(f: unknown): f is Wrap {
  return typeof f === 'function';
}

/** @inquirer/core's breakLines, with a given wrap, as the screen shows it. */
function shown(wrap: Wrap, content: string, width: number): string[] {
  return content
    .split('\n')
    .flatMap((line) =>
      wrap(line, width, { trim: false, hard: true })
        .split('\n')
        .map((s) => s.trimEnd()),
    )
    .map((line) => stripVTControlCharacters(line).trimEnd());
}

const word = fc.oneof(
  fc.stringMatching(/^[a-z]{1,14}$/),
  fc.constantFrom(
    '❯',
    '✔',
    '—',
    '“quoted”',
    '\u001b[36mcyan\u001b[39m',
    '\u001b[1mbold\u001b[22m',
    'https://example.com/authorize?client_id=x',
    '日本語',
    '🙂',
    '(1/7)',
  ),
);
const content = fc
  .array(fc.array(word, { maxLength: 30 }), { minLength: 1, maxLength: 4 })
  .map((lines) => lines.map((ws) => ws.join(' ')).join('\n'));

describe("Inquirer's line folding in the bundle", () => {
  it('folds every prompt line where wrap-ansi 6 does', () => {
    if (!isWrap(wrapAnsi6))
      throw new Error('wrap-ansi (as @inquirer/core requires it) is not a function');
    fc.assert(
      fc.property(content, fc.integer({ min: 8, max: 120 }), (text, width) => {
        expect(shown(fastWrapAnsi, text, width)).toEqual(shown(wrapAnsi6, text, width));
      }),
      { numRuns: 500 },
    );
  });

  it('is fast-wrap-ansi in the chunks that hold @inquirer/core, not wrap-ansi', async () => {
    const holding = Object.values(await chunkMap()).filter((modules) =>
      modules.some((m) => m.startsWith('node_modules/@inquirer/core/')),
    );
    expect(holding.length).toBeGreaterThan(0);
    const all = holding.flat();
    expect(all.filter((m) => /node_modules\/(wrap-ansi|strip-ansi|ansi-regex)\//.test(m))).toEqual(
      [],
    );
  });
});
