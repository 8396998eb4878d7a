// Progress under abuse (issue 12 item 9): N runs of a writer that saves one item
// after another, each killed with SIGKILL a few milliseconds into its saves.
// Reports lost confirmed saves (must be 0), temp files left after the next
// start (must be 0), whether the file is valid, and the time per run.
// `npm run bench progress` (400 runs), or `node bench/progress.mjs 40`.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const writer = fileURLToPath(new URL('../test/fixtures/progress-writer.mjs', import.meta.url));
const dist = new URL('../dist/tutor/progress.js', import.meta.url).href;

function killedRun(dir, tag, killAfterMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [writer, dir, tag, '0'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), killAfterMs));
    child.on('close', () => resolve(out.split('\n').slice(0, -1)));
  });
}

export async function benchProgress(runs = 400) {
  const { ProgressStore, parseProgress } = await import(dist);
  const dir = await mkdtemp(join(tmpdir(), 'bench-progress-'));
  const confirmed = [];
  let tempSeen = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) {
    confirmed.push(...(await killedRun(dir, `r${i}`, (i * 7) % 60)));
    tempSeen += (await readdir(dir)).filter((n) => /^progress\.json\.\d+$/.test(n)).length;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const { store } = await ProgressStore.open({ dir });
  const left = (await readdir(dir)).filter((n) => n !== 'progress.json');
  const lost = confirmed.filter((k) => store.data.items[k] === undefined).length;
  const valid = parseProgress(await readFile(join(dir, 'progress.json'), 'utf8')).ok;
  console.log(
    `progress: ${runs} kill -9 runs, ${confirmed.length} confirmed saves, ${lost} lost, ${tempSeen} temp files seen between runs, ${left.length} files left beside progress.json after the next start (${left.join(', ') || 'none'}), file valid: ${valid}, ${(ms / runs).toFixed(0)} ms per run`,
  );
  await rm(dir, { recursive: true, force: true });
  return { runs, confirmed: confirmed.length, lost, left: left.length, valid };
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  await benchProgress(Number(process.argv[2] ?? 400));
