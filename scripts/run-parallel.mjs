// Runs npm scripts at the same time and fails if any fails. `npm test` runs the tests, the
// type-check and the format check side by side: the suite alone leaves a core idle at times
// (files that wait on the programs they start, the last long files), and the two checks are one
// busy process each, so together they pack the cores of the machines that run the suite.
// Output never interleaves line by line: the script named with --live (the test runner, the
// longest) writes to the terminal as it runs; each other script's output is held back and
// printed whole, under its name, once the live one has ended. A last line names what failed.
// Usage: node scripts/run-parallel.mjs [--live SCRIPT] SCRIPT...   (names from package.json)
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const liveAt = args.indexOf('--live');
const live = liveAt === -1 ? undefined : args[liveAt + 1];
const names = liveAt === -1 ? args : args.filter((_, i) => i !== liveAt && i !== liveAt + 1);
if ((names.length === 0 && live === undefined) || (liveAt !== -1 && live === undefined)) {
  process.stderr.write('usage: node scripts/run-parallel.mjs [--live SCRIPT] SCRIPT...\n');
  process.exit(2);
}

// The npm that runs this script (npm sets npm_execpath), else the one on PATH.
const npmCli = process.env.npm_execpath;
const command = (name) =>
  npmCli === undefined
    ? { file: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: ['run', '--silent', name] }
    : { file: process.execPath, args: [npmCli, 'run', '--silent', name] };

function start(name, held) {
  return new Promise((resolve) => {
    const { file, args } = command(name);
    const child = spawn(file, args, { stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const out = [];
    if (held) {
      child.stdout.on('data', (d) => out.push(d));
      child.stderr.on('data', (d) => out.push(d));
    }
    child.on('error', (e) => resolve({ name, code: 1, out: [Buffer.from(`${e.message}\n`)] }));
    child.on('close', (code, signal) => resolve({ name, code: code ?? signal, out }));
  });
}

// The held scripts start first: the live one is the longest and has the most to print.
const heldRuns = names.map((name) => start(name, true));
const liveResult = live === undefined ? undefined : await start(live, false);
const results = await Promise.all(heldRuns);

for (const { name, code, out } of results) {
  const text = Buffer.concat(out).toString();
  process.stdout.write(`> ${name}${code === 0 ? '' : ` (failed: ${code})`}\n${text}`);
  if (text !== '' && !text.endsWith('\n')) process.stdout.write('\n');
}
const failed = [...results, ...(liveResult === undefined ? [] : [liveResult])].filter(
  (r) => r.code !== 0,
);
if (failed.length > 0) {
  process.stdout.write(`failed: ${failed.map((r) => `${r.name} (${r.code})`).join(', ')}\n`);
}
process.exit(failed.length > 0 ? 1 : 0);
