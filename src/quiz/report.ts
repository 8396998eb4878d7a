/**
 * The class report: quiz results (and `check --json` outputs) aggregated into
 * per-question % correct (hardest first), per-student scores, and the most
 * frequent wrong answers. Files that are neither are reported and skipped.
 */
import { RESULT_KIND, type QuizResult } from './result.js';

export interface ReportInput {
  file: string;
  data: unknown;
}

export interface QuestionStat {
  key: string;
  prompt: string;
  answered: number;
  correct: number;
  /** 0..1 */
  rate: number;
  wrongAnswers: { answer: string; count: number }[];
}

export interface ClassReport {
  files: number;
  skipped: { file: string; reason: string }[];
  questions: QuestionStat[];
  students: { name: string; file: string; correct: number; total: number; rate: number }[];
  commonWrong: { key: string; prompt: string; answer: string; count: number }[];
}

interface Row {
  key: string;
  prompt: string;
  correct: boolean;
  answer: string;
}

function isQuizResult(d: unknown): d is QuizResult {
  const r = d as QuizResult;
  return typeof d === 'object' && d !== null && r.kind === RESULT_KIND && Array.isArray(r.questions) && typeof r.deck === 'string';
}

interface CheckFile {
  file: string;
  ordering?: { verdict: string };
  questions?: Record<string, { verdict: string }>;
  vocabulary?: Record<string, { verdict: string }>;
  misconceptions?: { id: string; item: string }[];
  error?: string;
}

function isCheckOutput(d: unknown): d is { files: CheckFile[] } {
  return typeof d === 'object' && d !== null && Array.isArray((d as { files?: unknown }).files) && (d as { files: unknown[] }).files.every((f) => typeof f === 'object' && f !== null && typeof (f as CheckFile).file === 'string');
}

export function buildReport(inputs: readonly ReportInput[]): ClassReport {
  const skipped: ClassReport['skipped'] = [];
  const students: ClassReport['students'] = [];
  const rows: Row[] = [];
  for (const { file, data } of inputs) {
    if (isQuizResult(data)) {
      const qs = data.questions.filter((q) => typeof q?.id === 'string' && typeof q.correct === 'boolean');
      for (const q of qs) rows.push({ key: `${data.deck}:${q.id}`, prompt: String(q.prompt ?? q.id), correct: q.correct, answer: JSON.stringify(q.answer ?? null) });
      const correct = qs.filter((q) => q.correct).length;
      students.push({ name: String(data.name || file), file, correct, total: qs.length, rate: qs.length === 0 ? 0 : correct / qs.length });
    } else if (isCheckOutput(data)) {
      for (const f of data.files) {
        if (f.error !== undefined) continue;
        const misc = new Map((f.misconceptions ?? []).map((m) => [m.item, m.id]));
        const items: [string, string, string][] = [];
        if (f.ordering) items.push(['check:ordering', 'The seven steps in order', f.ordering.verdict]);
        for (const [id, r] of Object.entries(f.questions ?? {})) items.push([`check:question:${id}`, `Question: ${id}`, r.verdict]);
        for (const [id, r] of Object.entries(f.vocabulary ?? {})) items.push([`check:${id}`, `Term: ${id}`, r.verdict]);
        for (const [key, prompt, verdict] of items) {
          const item = key.replace(/^check:/, '');
          rows.push({ key, prompt, correct: verdict === 'correct', answer: misc.get(item) ?? verdict });
        }
        const correct = items.filter(([, , v]) => v === 'correct').length;
        students.push({ name: f.file, file, correct, total: items.length, rate: items.length === 0 ? 0 : correct / items.length });
      }
    } else {
      skipped.push({ file, reason: 'not a quiz result or a `check --json` output' });
    }
  }
  const byKey = new Map<string, Row[]>();
  for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  const questions: QuestionStat[] = [...byKey].map(([key, rs]) => {
    const wrong = new Map<string, number>();
    for (const r of rs) if (!r.correct) wrong.set(r.answer, (wrong.get(r.answer) ?? 0) + 1);
    const correct = rs.filter((r) => r.correct).length;
    return { key, prompt: rs[0]!.prompt, answered: rs.length, correct, rate: correct / rs.length, wrongAnswers: [...wrong].map(([answer, count]) => ({ answer, count })).sort((a, b) => b.count - a.count) };
  });
  questions.sort((a, b) => a.rate - b.rate || b.answered - a.answered || a.key.localeCompare(b.key));
  const commonWrong = questions
    .flatMap((q) => q.wrongAnswers.map((w) => ({ key: q.key, prompt: q.prompt, answer: w.answer, count: w.count })))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, 10);
  students.sort((a, b) => b.rate - a.rate || a.name.localeCompare(b.name));
  return { files: inputs.length, skipped, questions, students, commonWrong };
}

function cell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function reportCsv(r: ClassReport): string {
  const lines = ['section,key,prompt,answered,correct,percent_correct,top_wrong_answer'];
  for (const q of r.questions) lines.push(['question', q.key, q.prompt, q.answered, q.correct, Math.round(q.rate * 100), q.wrongAnswers[0]?.answer ?? ''].map(cell).join(','));
  for (const s of r.students) lines.push(['student', s.file, s.name, s.total, s.correct, Math.round(s.rate * 100), ''].map(cell).join(','));
  return lines.join('\n') + '\n';
}
