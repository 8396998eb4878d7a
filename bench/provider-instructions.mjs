// Instructions per code + PKCE round trip, counted by valgrind (cachegrind, no cache simulation): the same on
// a busy shared machine, where times are not. The provider (servers/ours.mjs) and the canned ceiling
// (servers/canned-flow.mjs) each run twice under cachegrind, serving FEW and then MANY flows one at a time
// through loopback.mjs's client; (MANY − FEW runs) / (MANY − FEW flows) leaves start-up and early JIT out.
// Also shown without V8's optimizing compiler and the garbage collector, whose shares move from run to run
// (under valgrind the compiler still works long after a native run is warm), and what OpenSSL takes (the
// two ES256 signatures, mostly). Needs valgrind; takes minutes (run 2 at a time).
// Usage: node bench/provider-instructions.mjs [FEW=1000] [MANY=2500]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeFlow, loopbackClient } from './loopback.mjs';

const FEW = Number(process.argv[2] ?? 1000);
const MANY = Number(process.argv[3] ?? 2500);
const pkce = await import(new URL('../dist/protocol/pkce.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'provider-instructions-'));
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
delete env.NODE_OPTIONS;

/** Runs `script` under cachegrind, drives `flows` code flows through it, and resolves to its output file. */
async function counted(script, flows) {
  const out = join(dir, `${script.replace(/\W/g, '_')}.${flows}.out`);
  const child = spawn(
    'valgrind',
    [
      '--tool=cachegrind',
      '--cache-sim=no',
      `--cachegrind-out-file=${out}`,
      process.execPath,
      new URL(script, import.meta.url).pathname,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'], env },
  );
  const url = await new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').once('data', (line) => resolve(line.trim().split('\n')[0]));
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
  const client = loopbackClient(url, { connections: 1 });
  for (let i = 0; i < flows; i++) {
    const res = await codeFlow(client.send, i, pkce);
    if (res.status !== 200) throw new Error(`${script}: flow ${i} answered ${res.status}`);
  }
  client.close();
  // Cachegrind writes its counts when the process ends, by a signal too.
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill();
  });
  return out;
}

/** Instructions per function between two runs, summed into total, compiler, GC and OpenSSL. */
function perFlow(few, many) {
  const text = execFileSync('cg_diff', [few, many], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const sums = { total: 0, compiler: 0, gc: 0, openssl: 0 };
  // cg_diff's lines are "fl=", "fn=" and then counts; sum each function's counts under its name.
  let fn = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('fn=')) fn = line.slice(3);
    else if (/^\d/.test(line)) {
      const n = Number(line.split(' ')[1]);
      sums.total += n;
      if (/compiler::|[Mm]aglev|RegisterAllocat|InstructionSelector/.test(fn)) sums.compiler += n;
      else if (/Scaveng|Marking|Sweep|Heap::|heap::|Evacuat|Compactor|RememberedSet/.test(fn))
        sums.gc += n;
      else if (/ecp_|^BN_|^bn_|^EC_|ossl_|OPENSSL|^EVP_|^evp_|CRYPTO_|sha256|sha512/.test(fn))
        sums.openssl += n;
    }
  }
  const flows = MANY - FEW;
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / flows]));
}

try {
  const rows = [];
  for (const [name, script] of [
    ['provider', './servers/ours.mjs'],
    ['canned', './servers/canned-flow.mjs'],
  ]) {
    const [few, many] = await Promise.all([counted(script, FEW), counted(script, MANY)]);
    rows.push([name, perFlow(few, many)]);
  }
  const k = (n) => `${(n / 1000).toFixed(0)}k`.padStart(10);
  console.log(
    `instructions per code flow, flows ${FEW + 1}–${MANY} served one at a time (cachegrind)`,
  );
  console.log(
    `  ${''.padEnd(9)} ${['total', 'no JIT/GC', 'GC', 'OpenSSL'].map((h) => h.padStart(10)).join('')}`,
  );
  for (const [name, s] of rows)
    console.log(
      `  ${name.padEnd(9)} ${k(s.total)}${k(s.total - s.compiler - s.gc)}${k(s.gc)}${k(s.openssl)}`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
