/** The citation lint (issue 11): every RFC citation must name a section lessons/rfc-sections.yaml holds, and a link must go where its text says. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import {
  checkCitations,
  findCitations,
  parseSpecIndex,
  type SpecIndex,
} from '../../src/tutor/citations.js';
import { lintCitations } from '../../src/tutor/citation-lint.js';
import { shippedLessonsDir } from '../../src/tutor/paths.js';
import { Checker } from '../../src/checker.js';
import { formatProblem } from '../../src/problems.js';
import type { Json } from '../../src/json.js';
import { run } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

async function shippedIndex(): Promise<SpecIndex> {
  const c = new Checker('rfc-sections.yaml');
  const index = parseSpecIndex(
    parseDocument(
      await readFile(join(shippedLessonsDir, 'rfc-sections.yaml'), 'utf8'),
    ).toJS() as Json,
    c,
  );
  expect(c.problems).toEqual([]);
  return index!;
}

/** A copy of the shipped lessons with one file edited. */
async function planted(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await tempDir('citations-');
  await cp(shippedLessonsDir, dir, { recursive: true });
  const path = join(dir, file);
  await writeFile(path, edit(await readFile(path, 'utf8')));
  return dir;
}

describe('findCitations', () => {
  it('reads the ways content cites a section', () => {
    const found = findCitations(
      [
        'See RFC 6749 §4.1.2 and RFC 6749 section 10.5.',
        'Section 4.1.3 of RFC 6749 says so; so does §4.6 of RFC 7636.',
        'RFC 9700 §2.1.2, §2.4 removed them.',
        'link: https://www.rfc-editor.org/rfc/rfc6750#section-5.3',
        '[RFC 7636 §4.2](https://datatracker.ietf.org/doc/html/rfc7636#section-4.2)',
        'OIDC Core §3.1.2 calls it the authorization endpoint; RFC 7617 defines Basic.',
      ].join('\n'),
    );
    expect(found.map((c) => `${c.line} ${c.via} ${c.spec} ${c.section ?? '-'}`)).toEqual([
      '1 text RFC 6749 4.1.2',
      '1 text RFC 6749 10.5',
      '2 text RFC 6749 4.1.3',
      '2 text RFC 7636 4.6',
      '3 text RFC 9700 2.1.2',
      '3 text RFC 9700 2.4',
      '4 link RFC 6750 5.3',
      '5 link RFC 7636 4.2',
      '5 text RFC 7636 4.2',
      '6 text RFC 7617 -',
      '6 text OIDC Core 3.1.2',
    ]);
  });

  it('reads a citation wrapped across lines, as in folded YAML, and reports the line it starts on', () => {
    const found = findCitations(
      'text: |\n  refresh tokens MUST be rotated (RFC 9700\n  §2.2.2; the draft agrees), see OIDC\n  Core §3.1.2.\n',
    );
    expect(found.map((c) => `${c.line} ${c.spec} ${c.section} ${c.raw}`)).toEqual([
      '2 RFC 9700 2.2.2 RFC 9700 §2.2.2',
      '3 OIDC Core 3.1.2 OIDC Core §3.1.2',
    ]);
  });

  it('finds any section of the index, however the sentence around it reads (property)', async () => {
    const index = await shippedIndex();
    const pairs = [...index.values()]
      .filter((s) => s.id.startsWith('RFC '))
      .flatMap((s) => [...s.sections.keys()].map((n) => [s.id, n] as const));
    const words = fc.stringMatching(/^[a-z ,;:()]{0,30}$/);
    fc.assert(
      fc.property(
        fc.constantFrom(...pairs),
        words,
        words,
        fc.constantFrom('§', '§ ', 'section ', 'Section '),
        ([spec, section], before, after, sep) => {
          const text = `${before} ${spec} ${sep}${section} ${after}`;
          const found = findCitations(text).filter((c) => c.via === 'text');
          expect(found).toContainEqual(expect.objectContaining({ spec, section }));
        },
      ),
    );
  });
});

describe('checkCitations', () => {
  it('fails a section the RFC does not have, with file and line', async () => {
    const problems = checkCitations(
      'lessons/x.md',
      'one\nThe lifetime is RFC 8725 §3.13 advice.\n',
      await shippedIndex(),
    ).map(formatProblem);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^lessons\/x\.md:2: RFC 8725 §3\.13: RFC 8725 has no section 3\.13/,
    );
  });

  it('fails an RFC the index does not list', async () => {
    expect(
      checkCitations('a.md', 'RFC 1149 §2 is about pigeons', await shippedIndex()).map(
        formatProblem,
      ),
    ).toEqual([
      'a.md:1: RFC 1149 §2: RFC 1149 is not in rfc-sections.yaml; add it (number, title, the sections cited) after reading it',
    ]);
  });

  it('fails a link whose anchor is not the section its text cites', async () => {
    const index = await shippedIndex();
    const wrong = checkCitations(
      'a.md',
      'Codes live briefly ([RFC 6749 §4.1.2](https://www.rfc-editor.org/rfc/rfc6749#section-10.10)).',
      index,
    ).map(formatProblem);
    expect(wrong).toEqual([
      'a.md:1: the link goes to RFC 6749 section 10.10 but its text cites §4.1.2: make the anchor and the text agree',
    ]);
    const otherRfc = checkCitations(
      'a.md',
      '[RFC 6749 §1.1](https://www.rfc-editor.org/rfc/rfc6750#section-1.1)',
      index,
    ).map(formatProblem);
    expect(otherRfc).toEqual([
      'a.md:1: the link text cites RFC 6749 but the link goes to RFC 6750 (https://www.rfc-editor.org/rfc/rfc6750#section-1.1)',
    ]);
    expect(
      checkCitations(
        'a.md',
        '[RFC 6749 §4.1.2](https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2)',
        index,
      ),
    ).toEqual([]);
  });
});

describe('lessons lint over the citations', () => {
  it('passes the shipped lessons, decks, rubric and src/', async () => {
    expect((await lintCitations(shippedLessonsDir)).map(formatProblem)).toEqual([]);
  });

  it('fails a planted wrong section number in a deck, naming file and line', async () => {
    const dir = await planted('decks/security.yaml', (t) =>
      t.replace('rfc6749#section-10.12', 'rfc6749#section-10.21'),
    );
    const problems = (await lintCitations(dir)).map(formatProblem);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^decks\/security\.yaml:\d+: https:\/\/www\.rfc-editor\.org\/rfc\/rfc6749#section-10\.21: RFC 6749 has no section 10\.21/,
    );
  });

  it('checks comments and explanation strings in source files too', async () => {
    const src = await tempDir('citations-src-');
    await writeFile(
      join(src, 'lab.ts'),
      "/** The code check. */\nconst why = 'codes live briefly (RFC 6749 §10.99)';\n",
    );
    const problems = (await lintCitations(shippedLessonsDir, { sourceDirs: [src] })).map(
      formatProblem,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/lab\.ts:2: RFC 6749 §10\.99: RFC 6749 has no section 10\.99/);
  });

  it('the real binary exits 1 and prints file:line for a planted wrong section in lesson prose', async () => {
    const dir = await planted('bearer.md', (t) =>
      t.replace('- **Bearer** (RFC 6750)', '- **Bearer** (RFC 6750 §9.9)'),
    );
    const r = await run(['lessons', 'lint', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bearer\.md:6: RFC 6750 §9\.9: RFC 6750 has no section 9\.9/);
  });
});
