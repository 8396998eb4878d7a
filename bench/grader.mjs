// Grades 1,000 generated answer sheets: in-process (the grader alone) and
// through the real CLI (`oauth-tutor check <dir> --json`, whole process),
// with `node -e 0` measured in the same run as the baseline.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './util.mjs';

/** The fastest and slowest of the runs. */
const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

const dist = new URL('../dist/', import.meta.url);
const { requireLessons } = await import(new URL('tutor/lessons.js', dist));
const { gradingKit } = await import(new URL('tutor/grading-kit.js', dist));
const { createGrader } = await import(new URL('grader/grade.js', dist));
const { createRng, shuffle } = await import(new URL('random.js', dist));
const bin = fileURLToPath(new URL('../bin/oauth-tutor.cjs', import.meta.url));

const SHEETS = [1000, 10000];
const { adversarialSheets } = await loadAdversarial();

/** The adversarial sheets of the test suite (TypeScript), read without a TypeScript loader. */
async function loadAdversarial() {
  const source = readFileSync(new URL('../test/helpers/adversarial.ts', import.meta.url), 'utf8')
    .replace(/: \[name: string, text: string\]\[\]/, '')
    .replace(/\(unit: string, bytes = MB - 2048\): string/, '(unit, bytes = MB - 2048)');
  return import(`data:text/javascript,${encodeURIComponent(source)}`);
}

/** The environment a user's machine has: no extra CA bundle to read, no injected options. */
const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS' && k !== 'NODE_OPTIONS'),
);

/**
 * A sheet in one of the shapes students write, with answers good, vague, wrong or absent. The
 * answers come from a few per item, as copied and stock answers recur in a class; with
 * `distinct`, every answer also ends in a word of its own, so no two sheets share one (the
 * grader then remembers nothing useful: its worst case).
 */
function generateSheet(kit, rng, distinct = false) {
  const pick = (xs) => xs[Math.floor(rng() * xs.length)];
  let own = 0;
  const answerFor = (item) => {
    const answer = pick([
      item.model,
      item.model.split(/[,;.]/)[0],
      'more secure',
      'not sure',
      '',
      ...item.misconceptions.map((m) => m.explanation.split('.')[0]),
      'it is used in OAuth',
    ]);
    return distinct ? `${answer} w${Math.floor(rng() * 1e9).toString(36)}${own++}` : answer;
  };
  const steps =
    rng() < 0.5
      ? kit.steps.map((s) => s.text)
      : shuffle(
          kit.steps.map((s) => s.text),
          rng,
        );
  const lines = [pick(['# Review', 'OAuth notes', '## Homework']), ''];
  lines.push(
    pick(['## Put the steps in order', '**Steps in the right order:**', 'Steps in order']),
    '',
  );
  const numbered = pick([0, 1, 2]);
  steps.forEach((s, i) =>
    lines.push(
      numbered === 0 ? s : numbered === 1 ? `${i + 1}. ${s}` : `${i + 1})${s}`,
      ...(rng() < 0.3 ? ['', ''] : []),
    ),
  );
  lines.push('');
  for (const q of kit.rubric.questions) {
    const shape = pick(['## ', '**', '- ', '']);
    lines.push(shape === '**' ? `**${q.prompt}**` : `${shape}${q.prompt}`, '', answerFor(q), '');
  }
  const vocab = pick(['table', 'colon', 'dash', 'heading', 'bullet']);
  if (vocab === 'table') lines.push('| term | meaning |', '|---|---|');
  for (const t of kit.rubric.terms) {
    const name = pick(t.aliases);
    const def = answerFor(t);
    if (vocab === 'table') lines.push(`| ${name} | ${def} |`);
    else if (vocab === 'colon') lines.push(`${name}: ${def}`);
    else if (vocab === 'dash') lines.push(`${name} :- ${def}`);
    else if (vocab === 'heading') lines.push(`### ${name}`, def, '');
    else lines.push(`- ${name} ${def}`);
  }
  const text = lines.join('\n');
  return rng() < 0.2 ? text.replace(/\n/g, '\r\n').replace(/’/g, 'â€™') : text;
}

export async function benchGrader() {
  const kit = gradingKit(await requireLessons());
  const grade = createGrader(kit);
  const { decodeSheet } = await import(new URL('grader/text.js', dist));
  const rng = createRng('bench');
  const sheets = Array.from({ length: Math.max(...SHEETS) }, () => generateSheet(kit, rng));
  const small = sheets.slice(0, SHEETS[0]);

  // A fresh grader each run: what it remembers of one run must not flatter the next.
  const inProcess = [];
  for (let run = 0; run < 5; run++) {
    const fresh = createGrader(kit);
    const t0 = process.hrtime.bigint();
    for (const s of small) fresh(s);
    inProcess.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const rows = [
    report(
      `grader: ${small.length} sheets in-process`,
      `${median(inProcess).toFixed(0)} ms`,
      median(inProcess) / 1000,
      1,
    ),
  ];

  // Adversarial 1 MB sheets (the same ones the tests grade): each against the 1 s budget.
  const oneSheet = median(inProcess) / small.length;
  let worst = ['', 0];
  for (const [name, text] of adversarialSheets) {
    const t0 = process.hrtime.bigint();
    const d = decodeSheet(new TextEncoder().encode(text));
    if (d.ok) grade(d.text);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms > worst[1]) worst = [name, ms];
  }
  rows.push(
    report(
      `grader: slowest of ${adversarialSheets.length} adversarial 1 MB sheets (${worst[0]})`,
      `${worst[1].toFixed(0)} ms`,
      worst[1] / 1000,
      1,
    ),
  );
  rows.push(
    report('  (vs one normal sheet)', `${oneSheet.toFixed(2)} ms`, worst[1] / oneSheet, Infinity),
  );

  // Peak RSS of the child, reported by itself at exit (the figure `/usr/bin/time -v` gives).
  const PEAK = `data:text/javascript,${encodeURIComponent("process.on('exit',()=>process.stderr.write('\\npeak-rss-kb '+process.resourceUsage().maxRSS+'\\n'))")}`;
  let peakKb = 0;
  const time = (args, measurePeak = false) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, measurePeak ? ['--import', PEAK, ...args] : args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 1 << 28,
      env: CLEAN_ENV,
    });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    const m = /peak-rss-kb (\d+)/.exec(String(r.stderr));
    if (m) peakKb = Math.max(peakKb, Number(m[1]));
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const distinctRng = createRng('bench-distinct');
  const cases = [
    ...SHEETS.map((count) => ({ count, label: '', sheets })),
    {
      count: Math.max(...SHEETS),
      label: ', every answer different',
      sheets: Array.from({ length: Math.max(...SHEETS) }, () =>
        generateSheet(kit, distinctRng, true),
      ),
    },
  ];
  for (const { count, label, sheets } of cases) {
    const dir = mkdtempSync(join(tmpdir(), 'oauth-tutor-bench-'));
    sheets
      .slice(0, count)
      .forEach((s, i) => writeFileSync(join(dir, `sheet-${String(i).padStart(5, '0')}.md`), s));
    const base = [];
    const cli = [];
    const runs = count > 1000 ? 5 : 7;
    peakKb = 0;
    for (let run = 0; run < runs; run++) {
      base.push(time(['-e', '0']));
      cli.push(time([bin, 'check', dir, '--json']));
    }
    time([bin, 'check', dir, '--json'], true);
    rmSync(dir, { recursive: true, force: true });
    const b = median(base);
    // Issue 10: 1,000 sheets in 1 s; issue 16: 10,000 in 3 s within 200 MB. The sheets with every
    // answer different are the grader's worst case (it can reuse nothing it worked out): their time is
    // reported against the same 3 s, as a figure with no goal of its own; their memory is held to 200 MB.
    const budgetMs = count <= 1000 ? 1000 : 3000;
    rows.push(
      report(
        `check --json: ${count} sheets${label}`,
        `${median(cli).toFixed(0)} ms (${spread(cli)})`,
        median(cli) / budgetMs,
        label === '' ? 1 : Infinity,
      ),
    );
    rows.push(
      report('  (same run, vs node -e 0)', `${b.toFixed(0)} ms`, median(cli) / b, Infinity),
    );
    rows.push(
      report('  peak RSS (vs 200 MB)', `${(peakKb / 1024).toFixed(0)} MB`, peakKb / 1024 / 200, 1),
    );
  }
  console.log('  (child processes ran without NODE_EXTRA_CA_CERTS and NODE_OPTIONS)');
  return rows;
}
