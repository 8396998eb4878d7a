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

/**
 * Renders each markdown document with the bundled marked and marked-terminal, in one process with
 * colour on (loading those chunks is most of a process's work, so one process for all). The
 * documents go in as JSON on stdin and come out as JSON between two NUL characters: marked-terminal's
 * chunk requires the chunk of the program's main, which runs and prints the program's help too.
 */
async function render(...markdown: string[]): Promise<{ stdout: string[]; stderr: string }> {
  const script = `
    const { Marked } = await import(${JSON.stringify(chunkOf('node_modules/marked/lib/marked.esm.js'))});
    const { markedTerminal } = await import(${JSON.stringify(chunkOf('node_modules/marked-terminal/index.js'))});
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const out = [];
    for (const text of JSON.parse(input)) out.push(await new Marked(markedTerminal()).parse(text));
    process.stdout.write('\\0' + JSON.stringify(out) + '\\0');`;
  const child = promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, FORCE_COLOR: '1', NO_COLOR: '' },
  });
  child.child.stdin?.end(JSON.stringify(markdown));
  const { stdout, stderr } = await child;
  const json = stdout.slice(stdout.indexOf('\0') + 1, stdout.lastIndexOf('\0'));
  return { stdout: JSON.parse(json) as string[], stderr };
}

const ANSI = /\u001b\[[\d;]*m/;
const plain = (s: string) => s.replace(/\u001b\[[\d;]*m/g, '');

describe('markdown in the bundle', () => {
  it('highlights a JSON or HTTP code block, and shows a COBOL one as it is, quietly', async () => {
    const {
      stdout: [json = '', http = '', cobol = ''],
      stderr,
    } = await render(
      '```json\n{"token_type": "Bearer", "expires_in": 3600}\n```\n',
      '```http\nPOST /token HTTP/1.1\nHost: 127.0.0.1\n```\n',
      '```cobol\nDISPLAY "HELLO".\n```\n',
    );
    expect(plain(json)).toContain('{"token_type": "Bearer", "expires_in": 3600}');
    // Keys, strings and numbers in different colours: more than one colour change in the line.
    expect(json.match(new RegExp(ANSI, 'g'))?.length ?? 0).toBeGreaterThan(2);
    expect(plain(http)).toContain('POST /token HTTP/1.1');
    expect(plain(cobol)).toContain('DISPLAY "HELLO".');
    // Quietly: nothing about the missing language is printed into the lesson.
    expect(stderr).toBe('');
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
