'use strict';
// Run by scripts/code-cache.mjs, with OAUTH_TUTOR_CODE_CACHE set: the lesson renderer's chunks
// (marked, marked-terminal: over a megabyte, compiled at every lesson's first screen) in a run of
// their own. No command shows lesson prose without a terminal, so this renders every shipped
// lesson as src/cli/markdown.ts does (Marked with marked-terminal), through the bundle's own
// chunks and bin/code-cache.cjs.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dir = join(root, 'dist', 'bin');
const chunk = (pattern) => {
  const file = readdirSync(dir).find((f) => pattern.test(f));
  if (file === undefined) throw new Error(`code-cache-markdown: no chunk ${pattern} in dist/bin`);
  return join(dir, file);
};

// The renderer's chunk loads the program's entry chunk, which runs the program: make that run
// `--version`, which prints a line and does nothing else.
process.argv = [process.execPath, join(root, 'bin', 'oauth-tutor.cjs'), '--version'];
require(join(root, 'bin', 'code-cache.cjs')).useCodeCache(dir);
const { Marked } = require(chunk(/^marked\.esm-[\w-]{8}\.cjs$/));
const { markedTerminal } = require(chunk(/^marked-terminal-[\w-]{8}\.cjs$/));
const marked = new Marked(markedTerminal({ width: 80, reflowText: true, tab: 2 }));
const lessons = join(root, 'lessons');
for (const file of readdirSync(lessons).filter((f) => f.endsWith('.md')))
  marked.parse(readFileSync(join(lessons, file), 'utf8'));
