// Startup of `oauth-tutor --help` and `--version` against bare `node -e 0`,
// measured in the same run, interleaved, median of many runs. Prints ratios.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, report } from './util.mjs';

const bin = fileURLToPath(new URL('../bin/oauth-tutor.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 21);

function time(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export function benchStartup() {
  const cases = { baseline: ['-e', '0'], help: [bin, '--help'], version: [bin, '--version'] };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const args of Object.values(cases)) time(args); // warm the disk cache
  for (let i = 0; i < RUNS; i++) for (const [k, args] of Object.entries(cases)) samples[k].push(time(args));
  const base = median(samples.baseline);
  return [
    report('startup: node -e 0 (baseline)', `${base.toFixed(1)} ms`),
    report('startup: oauth-tutor --help', `${median(samples.help).toFixed(1)} ms`, median(samples.help) / base, 1.4),
    report('startup: oauth-tutor --version', `${median(samples.version).toFixed(1)} ms`, median(samples.version) / base, 1.4),
  ];
}
