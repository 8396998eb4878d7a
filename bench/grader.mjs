// Grades 1,000 generated answer sheets: in-process (the grader alone) and
// through the real CLI (`oauth-tutor check <dir> --json`, whole process),
// with `node -e 0` measured in the same run as the baseline.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './util.mjs';

const dist = new URL('../dist/', import.meta.url);
const { requireLessons } = await import(new URL('tutor/lessons.js', dist));
const { gradingKit } = await import(new URL('tutor/grading-kit.js', dist));
const { createGrader } = await import(new URL('grader/grade.js', dist));
const { createRng, shuffle } = await import(new URL('random.js', dist));
const bin = fileURLToPath(new URL('../bin/oauth-tutor.js', import.meta.url));

const SHEETS = 1000;

/** A sheet in one of the shapes students write, with answers good, vague, wrong or absent. */
function generateSheet(kit, rng) {
  const pick = (xs) => xs[Math.floor(rng() * xs.length)];
  const answerFor = (item) =>
    pick([item.model, item.model.split(/[,;.]/)[0], 'more secure', 'not sure', '', ...item.misconceptions.map((m) => m.explanation.split('.')[0]), 'it is used in OAuth']);
  const steps = rng() < 0.5 ? kit.steps.map((s) => s.text) : shuffle(kit.steps.map((s) => s.text), rng);
  const lines = [pick(['# Review', 'OAuth notes', '## Homework']), ''];
  lines.push(pick(['## Put the steps in order', '**Steps in the right order:**', 'Steps in order']), '');
  const numbered = pick([0, 1, 2]);
  steps.forEach((s, i) => lines.push(numbered === 0 ? s : numbered === 1 ? `${i + 1}. ${s}` : `${i + 1})${s}`, ...(rng() < 0.3 ? ['', ''] : [])));
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
  const rng = createRng('bench');
  const sheets = Array.from({ length: SHEETS }, () => generateSheet(kit, rng));

  const inProcess = [];
  for (let run = 0; run < 5; run++) {
    const t0 = process.hrtime.bigint();
    for (const s of sheets) grade(s);
    inProcess.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }

  const dir = mkdtempSync(join(tmpdir(), 'oauth-tutor-bench-'));
  sheets.forEach((s, i) => writeFileSync(join(dir, `sheet-${String(i).padStart(4, '0')}.md`), s));
  const time = (args) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const base = [];
  const cli = [];
  for (let run = 0; run < 5; run++) {
    base.push(time(['-e', '0']));
    cli.push(time([bin, 'check', dir, '--json']));
  }
  rmSync(dir, { recursive: true, force: true });
  const b = median(base);
  return [
    report(`grader: ${SHEETS} sheets in-process`, `${median(inProcess).toFixed(0)} ms`, median(inProcess) / 1000, 1),
    report(`check: ${SHEETS} sheet files, whole process`, `${median(cli).toFixed(0)} ms`, median(cli) / 1000, 1),
    report('  (same run, vs node -e 0)', `${b.toFixed(0)} ms`, median(cli) / b, Infinity),
  ];
}
