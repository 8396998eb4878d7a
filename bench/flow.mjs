// Wall time of `oauth-tutor flow --auto --json` (provider start to API response, whole process)
// against `node -e 0`, interleaved in the same run, median of several runs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, report } from './util.mjs';

const bin = fileURLToPath(new URL('../bin/oauth-tutor.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 21);

function time(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export function benchFlow() {
  const base = [];
  const flow = [];
  time([bin, 'flow', '--auto', '--json']);
  for (let i = 0; i < RUNS; i++) {
    base.push(time(['-e', '0']));
    flow.push(time([bin, 'flow', '--auto', '--json']));
  }
  const b = median(base);
  return [report('flow --auto --json, whole process', `${median(flow).toFixed(0)} ms`, median(flow) / b, 2.5)];
}
