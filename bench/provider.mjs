// Token issuance throughput (client_credentials, ES256, 20 connections, autocannon) of our provider
// against, in the same run and interleaved round by round: the limit (a bare node:http server that
// signs one ES256 JWT per request with node:crypto, servers/bare-sign.mjs), the floor (that server
// plus only the work RFC 6749 requires of such a request: form parsing, Basic client authentication
// with a constant-time compare, the no-store headers; servers/floor-sign.mjs), oauth2-mock-server and
// node-oidc-provider (JWT access tokens). Medians of the rounds, their range, and the median of the
// per-round ratios. Also the provider's peak RSS under that load, and the rate of full authorization-code
// round trips against oauth2-mock-server's, both through the same keep-alive node:http client
// (loopback.mjs), one at a time (the servers alternating flow by flow) and 20 at a time, in two lines:
// a first sign-in (authorize → consent page → password → token with PKCE, 3 requests), and a returning
// user (the session cookie of one earlier sign-in sent along: authorize → 302 with a code → token, the
// same 2 requests as oauth2-mock-server's flow, whose /authorize asks nobody). The returning user runs
// against a second process of our provider, so that each process's CPU time is one line's.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { codeFlow, loopbackClient, mockCodeFlow, returningCodeFlow } from './loopback.mjs';
import { median, report } from './util.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const FLOWS = Number(process.env.BENCH_FLOWS ?? 200);
/** One-at-a-time rounds are short (interleaved flow by flow), so there are more of them. */
const FLOW_ROUNDS = Number(process.env.BENCH_FLOW_ROUNDS ?? 2 * ROUNDS);
const BASIC = `Basic ${Buffer.from('oauth-tutor-demo:bench-secret-0123456789abcdef').toString('base64')}`;

function startServer(script, args = []) {
  return new Promise((resolve, reject) => {
    // stderr ignored: oidc-provider warns about Node 20 and its development adapter on every start.
    const child = spawn(process.execPath, [new URL(script, import.meta.url).pathname, ...args], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout
      .setEncoding('utf8')
      .once('data', (line) => resolve({ child, url: line.trim().split('\n')[0] }));
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** CPU time (user + system, all threads) a process has used, in milliseconds (Linux /proc). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

/**
 * autocannon against one server: requests per second, and the server's CPU time per request (µs), which
 * the other processes on a shared machine disturb much less than the rate.
 */
async function load(server, headers, duration = DURATION) {
  const { url } = server;
  const before = cpuMs(server.child.pid);
  const result = await autocannon({
    url: `${url}/token`,
    method: 'POST',
    connections: 20,
    duration,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: 'grant_type=client_credentials&scope=notes.read',
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const cpu = cpuMs(server.child.pid) - before;
  return { rate: result.requests.average, cpuUs: (cpu * 1000) / result.requests.total };
}

/**
 * Full code flows through one keep-alive client, `width` at a time; resolves to flows per second and the
 * server's CPU time per flow (ms).
 */
async function flowRate(server, flow, count, width) {
  const pkce = await import(new URL('../dist/protocol/pkce.js', import.meta.url));
  const client = loopbackClient(server.url, { connections: width });
  try {
    const before = cpuMs(server.child.pid);
    const t0 = process.hrtime.bigint();
    await client.pool(
      count,
      async (i) => {
        const res = await flow(client.send, i, pkce);
        if (res.status !== 200)
          throw new Error(`${server.url}: code flow ${i} answered ${res.status}`);
      },
      width,
    );
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { rate: count / seconds, cpuMs: (cpuMs(server.child.pid) - before) / count };
  } finally {
    client.close();
  }
}

/**
 * One-at-a-time code flows against several servers, interleaved flow by flow (with two: a, b, b, a, a, b,
 * …; each server goes first as often as the others), each through its own one-connection keep-alive
 * client. Whatever else the machine is doing then slows all of them alike, which separate blocks of flows
 * did not promise: on a shared machine, a block could meet a busy second that its partner did not.
 * Resolves, per server, to flows per second (flows over the time its own flows took), the median time of
 * one flow (ms), and its CPU time per flow (ms).
 */
async function interleavedFlows(list, count) {
  const pkce = await import(new URL('../dist/protocol/pkce.js', import.meta.url));
  const sides = list.map((s) => ({
    ...s,
    client: loopbackClient(s.server.url, { connections: 1 }),
    times: [],
    cpu: cpuMs(s.server.child.pid),
  }));
  try {
    for (let i = 0; i < count; i++) {
      // Two servers: a b, b a, a b, …; more: each round starts one further along.
      const first = sides.length === 2 ? i % 2 : i % sides.length;
      const order = [...sides.slice(first), ...sides.slice(0, first)];
      for (const side of order) {
        const t0 = process.hrtime.bigint();
        const res = await side.flow(side.client.send, i, pkce);
        side.times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (res.status !== 200)
          throw new Error(`${side.server.url}: code flow ${i} answered ${res.status}`);
      }
    }
    return sides.map((side) => ({
      rate: (count * 1000) / side.times.reduce((x, y) => x + y, 0),
      medianMs: median(side.times),
      cpuMs: (cpuMs(side.server.child.pid) - side.cpu) / count,
    }));
  } finally {
    for (const side of sides) side.client.close();
  }
}

function stats(xs) {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

const spread = (xs, digits = 0) => {
  const s = stats(xs);
  return `${s.min.toFixed(digits)}–${s.max.toFixed(digits)}`;
};

/** Per-round ratios a[r] / b[r] (each pair measured back to back), their median, and their range. */
function ratios(a, b) {
  return a.map((x, r) => x / b[r]);
}

export async function benchProvider() {
  const servers = {
    ours: { script: './servers/ours.mjs', headers: { authorization: BASIC } },
    bareSync: { script: './servers/bare-sign.mjs', headers: {} },
    bareAsync: { script: './servers/bare-sign.mjs', args: ['async'], headers: {} },
    floor: { script: './servers/floor-sign.mjs', headers: { authorization: BASIC } },
    mock: { script: './servers/peer.mjs', headers: {} },
    oidc: { script: './servers/oidc-provider.mjs', headers: { authorization: BASIC } },
  };
  const started = {};
  try {
    for (const [name, s] of Object.entries(servers))
      started[name] = await startServer(s.script, s.args);
    for (const [name, s] of Object.entries(servers)) await load(started[name], s.headers, 1); // warm-up
    const runs = Object.fromEntries(Object.keys(servers).map((k) => [k, []]));
    for (let r = 0; r < ROUNDS; r++)
      for (const [name, s] of Object.entries(servers))
        runs[name].push(await load(started[name], s.headers));
    const rps = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.map((x) => x.rate)]));
    const cpu = Object.fromEntries(
      Object.entries(runs).map(([k, v]) => [k, v.map((x) => x.cpuUs)]),
    );
    const m = Object.fromEntries(Object.entries(rps).map(([k, v]) => [k, median(v)]));
    // The limit of each round is the faster of the two bare servers in that round.
    const limits = rps.bareSync.map((x, r) => Math.max(x, rps.bareAsync[r]));
    const toLimit = ratios(rps.ours, limits);
    const floorToLimit = ratios(rps.floor, limits);
    const toFloor = ratios(rps.ours, rps.floor);
    const toMock = ratios(rps.ours, rps.mock);
    const toOidc = ratios(rps.ours, rps.oidc);
    // CPU per token: the cheaper bare server's over ours (1 = as cheap as the limit).
    const cpuLimit = cpu.bareSync.map((x, r) => Math.min(x, cpu.bareAsync[r]));
    const cpuToLimit = ratios(cpuLimit, cpu.ours);
    const cpuFloorToLimit = ratios(cpuLimit, cpu.floor);
    const cpuToFloor = ratios(cpu.floor, cpu.ours);
    const cpuToMock = ratios(cpu.mock, cpu.ours);
    const rss = peakRssMb(started.ours.child.pid);

    // Code + PKCE round trips, ours and oauth2-mock-server through the same client, interleaved round by
    // round: one flow at a time (latency), and 20 at a time (what a class signing in at once meets).
    const f = {
      ours: [],
      mock: [],
      canned: [],
      back: [],
      oursWide: [],
      mockWide: [],
      backWide: [],
    };
    started.canned = await startServer('./servers/canned-flow.mjs');
    started.oursBack = await startServer('./servers/ours.mjs');
    const returning = returningCodeFlow();
    const flowSides = [
      { server: started.ours, flow: codeFlow },
      { server: started.mock, flow: mockCodeFlow },
      { server: started.canned, flow: codeFlow },
      { server: started.oursBack, flow: returning },
    ];
    await interleavedFlows(flowSides, 50); // warm-up (and the returning user's one sign-in)
    for (let r = 0; r < FLOW_ROUNDS; r++) {
      const [o, m, c, b] = await interleavedFlows(flowSides, FLOWS);
      f.ours.push(o);
      f.mock.push(m);
      f.canned.push(c);
      f.back.push(b);
    }
    for (let r = 0; r < ROUNDS; r++) {
      f.oursWide.push(await flowRate(started.ours, codeFlow, FLOWS, 20));
      f.mockWide.push(await flowRate(started.mock, mockCodeFlow, FLOWS, 20));
      f.backWide.push(await flowRate(started.oursBack, returning, FLOWS, 20));
    }
    const rate = (xs) => xs.map((x) => x.rate);
    const flowCpu = (xs) => xs.map((x) => x.cpuMs);

    console.log(
      `provider: ${ROUNDS} interleaved rounds of ${DURATION} s per server, 20 connections; medians (min–max over rounds);`,
    );
    console.log(
      '  each ratio is the median of per-round ratios (the two servers measured back to back), with its range;',
    );
    console.log(
      "  CPU is the server process's user + system time (all threads) per request or flow: lower is better",
    );
    const rows = [
      report('provider: /token client_credentials ES256', `${m.ours.toFixed(0)} req/s`),
      report('limit: bare node:http + crypto.sign, sync', `${m.bareSync.toFixed(0)} req/s`),
      report('limit: bare node:http + crypto.sign, pool', `${m.bareAsync.toFixed(0)} req/s`),
      report('floor: the pool limit + RFC 6749 checks', `${m.floor.toFixed(0)} req/s`),
      report('oauth2-mock-server, same load, same run', `${m.mock.toFixed(0)} req/s`),
      report('oidc-provider (JWT access tokens), same', `${m.oidc.toFixed(0)} req/s`),
    ];
    for (const name of Object.keys(servers))
      console.log(
        `    ${name.padEnd(10)} ${spread(rps[name]).padStart(11)} req/s   CPU ${median(cpu[name]).toFixed(0)} µs/request (${spread(cpu[name])})`,
      );
    rows.push(
      report('  provider / limit (the faster bare server)', '', median(toLimit), 0.8, {
        higherIsBetter: true,
      }),
      report('  provider / oauth2-mock-server', '', median(toMock), 4, { higherIsBetter: true }),
      report('  provider / oidc-provider', '', median(toOidc), 1, { higherIsBetter: true }),
    );
    console.log(
      `    per-round ranges: limit ${spread(toLimit, 2)}, oauth2-mock-server ${spread(toMock, 2)}, oidc-provider ${spread(toOidc, 2)}`,
    );
    console.log(
      `    the floor (required work only) reaches ${median(floorToLimit).toFixed(2)}× the limit (${spread(floorToLimit, 2)}); the provider ${median(toFloor).toFixed(2)}× the floor (${spread(toFloor, 2)})`,
    );
    rows.push(
      report('  CPU per token: limit / provider', '', median(cpuToLimit), 0.8, {
        higherIsBetter: true,
      }),
      report('  CPU per token: oauth2-mock-server / provider', '', median(cpuToMock), 4, {
        higherIsBetter: true,
      }),
    );
    console.log(
      `    per-round ranges: limit ${spread(cpuToLimit, 2)}, oauth2-mock-server ${spread(cpuToMock, 2)}`,
    );
    console.log(
      `    CPU per token: limit / floor ${median(cpuFloorToLimit).toFixed(2)}× (${spread(cpuFloorToLimit, 2)}); floor / provider ${median(cpuToFloor).toFixed(2)}× (${spread(cpuToFloor, 2)})`,
    );
    rows.push(report('provider peak RSS under that load', `${rss.toFixed(0)} MB`, rss / 120, 1));
    const FIRST = 'first sign-in (consent page + password: 3 requests)';
    const BACK = 'returning user (session cookie: authorize → 302 + token, 2 requests)';
    for (const [kind, short, width, ours, mock] of [
      [FIRST, 'first sign-in', 'one at a time', f.ours, f.mock],
      [BACK, 'returning user', 'one at a time', f.back, f.mock],
      [FIRST, 'first sign-in', '20 at a time', f.oursWide, f.mockWide],
      [BACK, 'returning user', '20 at a time', f.backWide, f.mockWide],
    ]) {
      const label = `${short}, ${width}`;
      const ratio = ratios(rate(ours), rate(mock));
      const cpuRatio = ratios(flowCpu(mock), flowCpu(ours));
      console.log(`  code + PKCE round trips, ${kind}, ${width}:`);
      rows.push(
        report(`code + PKCE, ${label}`, `${median(rate(ours)).toFixed(0)} flows/s`),
        report(
          'oauth2-mock-server, same client, same run',
          `${median(rate(mock)).toFixed(0)} flows/s`,
        ),
        report(`  provider / oauth2-mock-server (${label})`, '', median(ratio), 2, {
          higherIsBetter: true,
        }),
        report(`  CPU per flow: oauth2-mock-server / provider`, '', median(cpuRatio), 2, {
          higherIsBetter: true,
        }),
      );
      console.log(
        `    ranges: provider ${spread(rate(ours))}, oauth2-mock-server ${spread(rate(mock))} flows/s, ratio ${spread(ratio, 2)}; CPU ${median(flowCpu(ours)).toFixed(2)} vs ${median(flowCpu(mock)).toFixed(2)} ms/flow, ratio ${spread(cpuRatio, 2)}`,
      );
      if (width === 'one at a time' && kind === FIRST) {
        const typical = ratios(
          mock.map((x) => x.medianMs),
          ours.map((x) => x.medianMs),
        );
        const ceiling = ratios(rate(f.canned), rate(mock));
        console.log(
          `    ${ours.length} rounds of ${FLOWS} flows each, the servers taking turns flow by flow; a typical flow (the median) takes ${median(ours.map((x) => x.medianMs)).toFixed(2)} vs ${median(mock.map((x) => x.medianMs)).toFixed(2)} ms, ratio ${median(typical).toFixed(2)} (${spread(typical, 2)})`,
        );
        console.log(
          `    ceiling: canned answers to the same three requests (servers/canned-flow.mjs) reach ${median(ceiling).toFixed(2)}× oauth2-mock-server (${spread(ceiling, 2)}) through this client`,
        );
      }
    }
    return rows;
  } finally {
    for (const s of Object.values(started)) s.child.kill();
  }
}
