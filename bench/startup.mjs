// Start-up of every user-facing command against bare `node -e 0`, measured in
// the same run, interleaved, in a clean environment: these machines set
// NODE_EXTRA_CA_CERTS (every Node start then reads a certificate bundle, about
// 100 ms instead of 33 ms), which would make every ratio look twice as good as
// on a user's machine. Prints the median of many runs, the spread, and ratios.
import { spawnSync } from 'node:child_process';
import { rollup } from '@rollup/wasm-node';
import { CJS_OUTPUT, cliPlugins, isExternal } from '../scripts/rollup-plugins.mjs';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './util.mjs';

const bin = fileURLToPath(new URL('../bin/oauth-tutor.cjs', import.meta.url));
const sheets = fileURLToPath(new URL('../test/fixtures/answers/', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 21);

/** What a user's shell does not have: removed for the baseline and the commands alike. */
export const REMOVED_ENV = [
  'NODE_EXTRA_CA_CERTS',
  'NODE_OPTIONS',
  'NODE_V8_COVERAGE',
  'NODE_DEBUG',
];

export function cleanEnv(extra = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !REMOVED_ENV.includes(k)),
  );
  return { ...env, NO_COLOR: '1', ...extra };
}

// A token to decode: header {"alg":"HS256","typ":"JWT"}, a small payload, any signature.
const TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGEiLCJhdWQiOiJhcGkiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMzYwMH0.c2lnbmF0dXJl';

function spread(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `${q(0.1).toFixed(0)}–${q(0.9).toFixed(0)}`;
}

/**
 * The floors under the targets of `--help` and `flow` (the flow alone, and behind commander
 * parsing the flow command's flags), each made as dist/bin/ is (scripts/bundle-cli.mjs): bundled as
 * CommonJS with the same plugins and start-up shims, run through the same loader
 * (bin/code-cache.cjs) with a code cache made by one run of its own (bench/floors/ says what
 * each does): what Node, commander, node:http and jose cost before any of our code runs. A target
 * below its floor cannot be met by changing our code.
 */
export async function buildFloors(dir) {
  const out = {};
  const loader = fileURLToPath(new URL('../bin/code-cache.cjs', import.meta.url));
  for (const name of ['help', 'flow', 'flow-cli']) {
    const bundle = await rollup({
      input: fileURLToPath(new URL(`floors/${name}.mjs`, import.meta.url)),
      external: isExternal,
      plugins: cliPlugins(),
      onLog: () => {},
    });
    // Named after its content, as dist/bin/'s chunks are: the loader uses a cache for no other file.
    const { output } = await bundle.write({
      ...CJS_OUTPUT,
      dir: join(dir, 'floors', name),
      entryFileNames: 'floor-[hash].cjs',
      chunkFileNames: 'floor-chunk-[hash].cjs',
    });
    await bundle.close();
    out[name] = join(dir, 'floors', name, 'run.cjs');
    writeFileSync(
      out[name],
      `require(${JSON.stringify(loader)}).useCodeCache(__dirname);\nrequire('./${output[0].fileName}');\n`,
    );
    // A floor that fails, or runs without its cache, would still be timed: check both.
    for (const mode of ['write', 'report']) {
      const r = spawnSync(process.execPath, [out[name]], {
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
        env: cleanEnv({ OAUTH_TUTOR_CODE_CACHE: mode }),
      });
      if (r.status !== 0) throw new Error(`floor ${name} exited ${r.status}: ${r.stderr}`);
      const said = [...r.stderr.matchAll(/^code cache: (\S+) (\w+)$/gm)];
      if (
        mode === 'report' &&
        (said.length === 0 || said.some(([, , status]) => status !== 'used'))
      )
        throw new Error(`floor ${name} did not use its code cache: ${r.stderr}`);
    }
  }
  return out;
}

/** Every user-facing command in the start-up table, with its target ratio to bare Node. */
export function STARTUP_COMMANDS(floors) {
  const sheet = join(
    sheets,
    readdirSync(sheets).find((f) => f === 'table-and-bold.md'),
  );
  return {
    baseline: { args: ['-e', '0'], target: undefined },
    '--help': { args: [bin, '--help'], target: 1.5 },
    '--version': { args: [bin, '--version'], target: 1.5 },
    'learn --list': { args: [bin, 'learn', '--list'], target: 2.5 },
    'order --seed 1 --json': { args: [bin, 'order', '--seed', '1', '--json'], target: 2.5 },
    'jwt decode <token>': { args: [bin, 'jwt', 'decode', TOKEN], target: 2.5 },
    'check <one sheet>': { args: [bin, 'check', sheet, '--no-save'], target: 2.5 },
    'quiz --list': { args: [bin, 'quiz', '--list'], target: 2.5 },
    'flow --auto --json': { args: [bin, 'flow', '--auto', '--json'], target: 3 },
    ...(floors === undefined
      ? {}
      : {
          'floor: --help (commander alone)': { args: [floors.help] },
          'floor: flow (bare http + jose)': { args: [floors.flow] },
          'floor: flow with commander': { args: [floors['flow-cli']] },
        }),
  };
}

/**
 * CPU time (user + system) of this process's finished children, in ms, from
 * /proc/self/stat (cutime, cstime; clock ticks, 100 per second on Linux).
 * CPU time is far less sensitive than wall time to other programs on a busy
 * machine; its per-run resolution is 10 ms, so it is reported as a mean.
 */
function childCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}

export async function benchStartup() {
  const home = mkdtempSync(join(tmpdir(), 'oauth-tutor-bench-home-'));
  const env = cleanEnv({ OAUTH_TUTOR_HOME: home });
  const cases = STARTUP_COMMANDS(await buildFloors(home));
  const cpu = Object.fromEntries(Object.keys(cases).map((k) => [k, 0]));
  const time = (args, name) => {
    const c0 = childCpuMs();
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore', env });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}`);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (name !== undefined) cpu[name] += childCpuMs() - c0;
    return ms;
  };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const { args } of Object.values(cases)) time(args); // warm the disk cache
  for (let i = 0; i < RUNS; i++)
    for (const [k, { args }] of Object.entries(cases)) samples[k].push(time(args, k));
  rmSync(home, { recursive: true, force: true });
  const base = median(samples.baseline);
  console.log(
    `startup: ${RUNS} interleaved runs each; removed from the environment of both sides: ${REMOVED_ENV.filter((k) => k in process.env).join(', ') || '(none were set)'}`,
  );
  const rows = Object.entries(cases).map(([name, { target }]) => {
    const m = median(samples[name]);
    const figure = `${m.toFixed(1)} ms (${spread(samples[name])})`;
    return name === 'baseline'
      ? report('startup: node -e 0 (baseline)', figure)
      : target === undefined
        ? report(`startup: ${name}`, `${figure} ${(m / base).toFixed(2)}×`)
        : report(`startup: oauth-tutor ${name}`, figure, m / base, target);
  });
  // The same commands by CPU time, which a busy machine disturbs less than wall time.
  const cpuBase = cpu.baseline / RUNS;
  for (const [name, { target }] of Object.entries(cases)) {
    const mean = cpu[name] / RUNS;
    if (name === 'baseline') report('startup CPU: node -e 0 (baseline)', `${mean.toFixed(1)} ms`);
    else if (target === undefined)
      report(`startup CPU: ${name}`, `${mean.toFixed(1)} ms ${(mean / cpuBase).toFixed(2)}×`);
    else
      report(`startup CPU: oauth-tutor ${name}`, `${mean.toFixed(1)} ms`, mean / cpuBase, target);
  }
  return rows;
}
