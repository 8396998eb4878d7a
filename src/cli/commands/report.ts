/** `oauth-tutor report <files…>`: the class report from quiz results and `check --json` outputs. */
import { readFile } from 'node:fs/promises';
import { buildReport, reportCsv, type ReportInput } from '../../quiz/report.js';
import { requireLessons } from '../../tutor/lessons.js';
import { TutorError, unreadable as unreadableReason, usage } from '../../errors.js';
import { itemLabels } from '../check-view.js';
import { c, err, out, printJson, terminalWidth } from '../output.js';
import type { ReportCliOptions } from '../program.js';
import { scoreRows } from '../score-bar.js';

export async function reportCommand(
  files: readonly string[],
  opts: ReportCliOptions,
): Promise<void> {
  if (files.length === 0)
    throw usage('Name the result files, e.g. `oauth-tutor report results/*.json`.');
  const inputs: ReportInput[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  for (const file of files) {
    try {
      const data: unknown = JSON.parse(await readFile(file, 'utf8'));
      inputs.push({ file, data });
    } catch (error) {
      unreadable.push({
        file,
        reason: error instanceof SyntaxError ? 'not JSON' : unreadableReason(error),
      });
    }
  }
  // `check` outputs name items by id; the rubric gives their names.
  const rubric = (await requireLessons(undefined, { only: ['review'] })).lessons.find(
    (l) => l.id === 'review',
  )?.rubric;
  const report = buildReport(inputs, rubric === undefined ? {} : { labels: itemLabels(rubric) });
  report.skipped.unshift(...unreadable);
  report.files = files.length;
  for (const s of report.skipped) err(`${c.yellow('!')} skipped ${s.file}: ${s.reason}`);
  if (report.students.length === 0)
    throw new TutorError(
      'ERR_INPUT',
      'None of the files is a quiz result or a `check --json` output.',
      {
        hint: 'Collect results with `oauth-tutor quiz <deck> --out result.json` or `oauth-tutor check … --json > check.json`.',
      },
    );
  if (opts.json) return printJson(report);
  if (opts.csv) return void process.stdout.write(reportCsv(report));
  const pct = (x: number) => `${String(Math.round(x * 100)).padStart(3)}%`;
  out(
    c.bold(
      `Class report: ${report.students.length} result${report.students.length > 1 ? 's' : ''} from ${files.length - report.skipped.length} file(s)`,
    ),
  );
  out(
    c.dim('Scores: correct 1, partly right ½, wrong or missing 0, averaged over the graded items.'),
  );
  out();
  out(c.underline('Questions, hardest first (score)'));
  const rows = report.questions.map((q) => ({
    label: q.prompt,
    score: q.score,
    detail: `${q.correct}/${q.answered} right${q.partial > 0 ? `, ${q.partial} partly` : ''}`,
  }));
  for (const line of scoreRows(rows, terminalWidth(), {
    maxLabel: 58,
    bar: (bar, score) => (score < 0.5 ? c.red(bar) : bar),
    dim: (t) => c.dim(t),
  }))
    out(line);
  out();
  out(c.underline('Students'));
  const nameWidth = Math.min(48, Math.max(24, ...report.students.map((s) => s.name.length)));
  for (const s of report.students)
    out(
      `  ${s.name.padEnd(nameWidth)} ${pct(s.score)}  ${c.dim(`${s.correct}/${s.total} right${s.partial > 0 ? `, ${s.partial} partly` : ''}`)}`,
    );
  if (report.commonWrong.length > 0) {
    out();
    out(c.underline('Most frequent wrong answers'));
    for (const w of report.commonWrong)
      out(`  ${String(w.count).padStart(3)}× ${w.prompt.slice(0, 50)} → ${w.answer}`);
  }
}
