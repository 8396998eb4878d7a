// Wall time of `oauth-tutor flow --auto --json` for each grant (provider start to the API's answer,
// whole process) against `node -e 0`, interleaved in the same run, median of several runs, in a
// clean environment (bench/startup.mjs says why). The code flow's target is issue 16's 3×, which
// replaced issue 14's 2.5× once start-up was measured without NODE_EXTRA_CA_CERTS (the same line as
// `flow --auto --json` in bench/startup.mjs); the other grants are reported with no target.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from './startup.mjs';
import { median, report } from './util.mjs';

const bin = fileURLToPath(new URL('../bin/oauth-tutor.cjs', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const GRANTS = ['code', 'client-credentials', 'refresh', 'device'];

export function benchFlow() {
  const env = cleanEnv();
  const time = (args) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 26,
      env,
    });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const runs = Object.fromEntries([['baseline', []], ...GRANTS.map((g) => [g, []])]);
  for (const g of GRANTS) time([bin, 'flow', '--grant', g, '--auto', '--json']); // warm the disk cache
  for (let i = 0; i < RUNS; i++) {
    runs.baseline.push(time(['-e', '0']));
    for (const g of GRANTS) runs[g].push(time([bin, 'flow', '--grant', g, '--auto', '--json']));
  }
  const b = median(runs.baseline);
  return [
    report('flow: node -e 0 (baseline, clean env)', `${b.toFixed(0)} ms`),
    ...GRANTS.map((g) =>
      report(
        `flow --grant ${g} --auto --json`,
        `${median(runs[g]).toFixed(0)} ms`,
        median(runs[g]) / b,
        g === 'code' ? 3 : Infinity,
      ),
    ),
  ];
}
