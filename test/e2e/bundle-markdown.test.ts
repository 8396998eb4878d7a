/**
 * The bundle's markdown renderer (dist/bin/): marked-terminal is bundled with highlight.js's core
 * and the languages an OAuth lesson shows (scripts/rollup-plugins.mjs), instead of Node loading
 * all of highlight.js's ~190 language files when a lesson is first shown. A code block in one of
 * those languages is still highlighted; one in another language is still shown, unhighlighted.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from '../helpers/cli.js';
import { chunkMap } from '../helpers/loaded-modules.js';

const chunks = await chunkMap();
const chunkOf = (module: string) =>
  join(root, 'dist/bin', Object.keys(chunks).find((c) => chunks[c]?.includes(module)) ?? '');

/** Renders markdown with the bundled marked and marked-terminal, in a process with colour on. */
async function render(markdown: string): Promise<{ stdout: string; stderr: string }> {
  const script = `
    const { Marked } = await import(${JSON.stringify(chunkOf('node_modules/marked/lib/marked.esm.js'))});
    const { markedTerminal } = await import(${JSON.stringify(chunkOf('node_modules/marked-terminal/index.js'))});
    process.stdout.write(await new Marked(markedTerminal()).parse(process.argv[1]));`;
  return promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, markdown], {
    env: { ...process.env, FORCE_COLOR: '1', NO_COLOR: '' },
  });
}

const ANSI = /\u001b\[[\d;]*m/;
const plain = (s: string) => s.replace(/\u001b\[[\d;]*m/g, '');

describe('markdown in the bundle', () => {
  it('highlights a JSON or HTTP code block, and shows a COBOL one as it is, quietly', async () => {
    const { stdout: json } = await render(
      '```json\n{"token_type": "Bearer", "expires_in": 3600}\n```\n',
    );
    expect(plain(json)).toContain('{"token_type": "Bearer", "expires_in": 3600}');
    // Keys, strings and numbers in different colours: more than one colour change in the line.
    expect(json.match(new RegExp(ANSI, 'g'))?.length ?? 0).toBeGreaterThan(2);
    const { stdout: http } = await render('```http\nPOST /token HTTP/1.1\nHost: 127.0.0.1\n```\n');
    expect(plain(http)).toContain('POST /token HTTP/1.1');
    const cobol = await render('```cobol\nDISPLAY "HELLO".\n```\n');
    expect(plain(cobol.stdout)).toContain('DISPLAY "HELLO".');
    // Quietly: nothing about the missing language is printed into the lesson.
    expect(cobol.stderr).toBe('');
  });

  it('loads none of highlight.js beyond its core and those languages', () => {
    const highlight = [
      ...new Set(
        Object.values(chunks)
          .flat()
          .filter((m) => m.startsWith('node_modules/highlight.js/')),
      ),
    ];
    expect(highlight.filter((m) => !m.includes('/lib/languages/'))).toEqual([
      'node_modules/highlight.js/lib/core.js',
    ]);
    expect(highlight.filter((m) => m.includes('/lib/languages/')).length).toBeLessThanOrEqual(8);
  });
});
