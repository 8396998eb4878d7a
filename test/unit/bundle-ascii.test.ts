/**
 * The bundle in dist/bin/ holds the dependencies a command would otherwise load file by file
 * through Node's resolver (Inquirer's 36 files, yaml's 72), and is ASCII
 * (scripts/rollup-plugins.mjs, asciiOnly): one character beyond Latin-1 makes V8 keep a whole
 * chunk's source two bytes per character. What the chunks say is unchanged: a citation with "§"
 * is still found by the lesson linter's patterns.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers/cli.js';
import { findCitations } from '../../src/tutor/citations.js';

describe('the bundle', () => {
  it('is ASCII in every chunk', () => {
    const dir = join(root, 'dist/bin');
    const wide = readdirSync(dir)
      .filter((f) => f.endsWith('.cjs'))
      .filter((f) => /[^\0-\x7f]/.test(readFileSync(join(dir, f), 'utf8')));
    expect(wide).toEqual([]);
  });

  it('holds Inquirer and yaml: no chunk requires them from node_modules', () => {
    const dir = join(root, 'dist/bin');
    const requiring = readdirSync(dir)
      .filter((f) => f.endsWith('.cjs'))
      .flatMap((f) =>
        [
          ...readFileSync(join(dir, f), 'utf8').matchAll(
            /require\(['"](@inquirer\/[^'"]*|yaml)['"]\)/g,
          ),
        ].map((m) => `${f}: ${m[1]}`),
      );
    expect(requiring).toEqual([]);
  });

  it('still finds "§" in citations, written as an escape in the patterns', () => {
    const found = findCitations('RFC 6749 §3.1, §3.2 and section 4 of RFC 9700; OIDC Core §2');
    expect(found.map((c) => `${c.spec} ${c.section ?? ''}`).sort()).toEqual([
      'OIDC Core 2',
      'RFC 6749 3.1',
      'RFC 6749 3.2',
      'RFC 9700 4',
    ]);
  });
});
