'use strict';
// Run by scripts/code-cache.mjs, with OAUTH_TUTOR_CODE_CACHE set: Inquirer's chunks (the four
// prompts src/cli/prompts.ts uses and @inquirer/core under them) in a run of their own. No
// command prompts without a terminal, so this answers each prompt once through the bundle's own
// chunks and bin/code-cache.cjs, with keys written to a stream standing in for the terminal, so
// that what V8 compiles of them while a learner types is in the cache too.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { PassThrough, Writable } = require('node:stream');

const root = join(__dirname, '..');
const dir = join(root, 'dist', 'bin');
// The chunk that holds @inquirer/prompts, by the bundle's own map of chunks to modules.
const chunks = JSON.parse(readFileSync(join(dir, 'modules.json'), 'utf8'));
const found = Object.keys(chunks).find((chunk) =>
  chunks[chunk].some((m) => m.startsWith('node_modules/@inquirer/prompts/')),
);
if (found === undefined)
  throw new Error('code-cache-prompts: no chunk in dist/bin holds @inquirer/prompts');
const file = join(dir, found);

// The prompts' chunk loads the program's entry chunk, which runs the program: make that run
// `--version`, which prints a line and does nothing else.
process.argv = [process.execPath, join(root, 'bin', 'oauth-tutor.cjs'), '--version'];
require(join(root, 'bin', 'code-cache.cjs')).useCodeCache(dir);
const prompts = require(file);

/** A stand-in terminal: keys go in one at a time, the screen is thrown away. */
function terminal() {
  const input = new PassThrough();
  const output = new Writable({ write: (_chunk, _enc, done) => done() });
  Object.assign(input, { isTTY: true, setRawMode: () => input });
  Object.assign(output, { isTTY: true, columns: 80, rows: 24 });
  const keys = async (...sequence) => {
    for (const key of sequence) {
      await new Promise((resolve) => setImmediate(resolve));
      input.write(key);
    }
  };
  return { context: { input, output }, keys };
}

const DOWN = '\x1b[B';
const ENTER = '\r';
async function main() {
  const choices = ['one', 'two', 'three'].map((name) => ({ name, value: name }));
  let t = terminal();
  let answer = prompts.select({ message: 'Pick', choices, pageSize: 7, loop: false }, t.context);
  await t.keys(DOWN, ENTER);
  if ((await answer) !== 'two') throw new Error('code-cache-prompts: select did not answer');
  t = terminal();
  answer = prompts.checkbox({ message: 'Pick', choices, required: true }, t.context);
  await t.keys(' ', DOWN, ' ', ENTER);
  if ((await answer).length !== 2) throw new Error('code-cache-prompts: checkbox did not answer');
  t = terminal();
  answer = prompts.input({ message: 'Say' }, t.context);
  await t.keys(...'an answer', '\x7f', ENTER);
  if ((await answer) !== 'an answe') throw new Error('code-cache-prompts: input did not answer');
  t = terminal();
  answer = prompts.confirm({ message: 'Sure?', default: false }, t.context);
  await t.keys('y', ENTER);
  if ((await answer) !== true) throw new Error('code-cache-prompts: confirm did not answer');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
