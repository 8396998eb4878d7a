// Runs npm scripts at the same time and fails if any fails: `npm test`'s pretest
// runs the type-check and the format check side by side (each is one busy
// process, and the machines that run the suite have two cores or more). Each
// script's output is held back and printed whole when it ends, so two tools
// never interleave their lines.
// Usage: node scripts/run-parallel.mjs SCRIPT...   (names from package.json)
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (names.length === 0) {
  process.stderr.write('usage: node scripts/run-parallel.mjs SCRIPT...\n');
  process.exit(2);
}

// The npm that runs this script (npm sets npm_execpath), else the one on PATH.
const npmCli = process.env.npm_execpath;
const command = (name) =>
  npmCli === undefined
    ? { file: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: ['run', '--silent', name] }
    : { file: process.execPath, args: [npmCli, 'run', '--silent', name] };

const results = await Promise.all(
  names.map(
    (name) =>
      new Promise((resolve) => {
        const { file, args } = command(name);
        const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        const out = [];
        child.stdout.on('data', (d) => out.push(d));
        child.stderr.on('data', (d) => out.push(d));
        child.on('error', (e) => resolve({ name, code: 1, out: [Buffer.from(`${e.message}\n`)] }));
        child.on('close', (code, signal) => resolve({ name, code: code ?? signal, out }));
      }),
  ),
);

let failed = false;
for (const { name, code, out } of results) {
  const text = Buffer.concat(out).toString();
  process.stdout.write(`> ${name}${code === 0 ? '' : ` (failed: ${code})`}\n${text}`);
  if (text !== '' && !text.endsWith('\n')) process.stdout.write('\n');
  if (code !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
