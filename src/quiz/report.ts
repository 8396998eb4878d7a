/**
 * The class report: quiz results (and `check --json` outputs) aggregated into
 * per-question scores (hardest first), per-student scores, and the most
 * frequent wrong answers. Every score is `scoreOf` (partly right counts
 * half), so a sheet scores identically here and in `check`. Answers are counted
 * after normalising (`"true"` and `true` are one answer; "The token" and
 * "token" too) and shown in words: choice texts, rubric item names, and for
 * written answers the misconception or the concept that was missing.
 * Files that are neither are reported and skipped.
 */
import { toCsv } from '../csv.js';
import { QUESTION_TYPES, type QuestionType } from './deck.js';
import { RESULT_KIND } from './result.js';
import { asBoolean, normalizeText, scoreOf, VERDICTS, type Verdict } from './score.js';
import { isObject, type JsonObject } from '../json.js';

export interface ReportInput {
  file: string;
  data: unknown;
}

export interface ReportOptions {
  /** Names of `check` items by key ("client-id" → "Client ID", "question:access-token" → the question). */
  labels?: ReadonlyMap<string, string>;
}

export interface QuestionStat {
  key: string;
  prompt: string;
  answered: number;
  correct: number;
  partial: number;
  /** The one score over everyone's answers, 0..1. */
  score: number;
  wrongAnswers: { answer: string; count: number }[];
}

export interface StudentStat {
  name: string;
  file: string;
  correct: number;
  partial: number;
  total: number;
  /** The one score, 0..1 (for a `check` sheet, equal to its `score`). */
  score: number;
}

export interface ClassReport {
  files: number;
  skipped: { file: string; reason: string }[];
  questions: QuestionStat[];
  students: StudentStat[];
  commonWrong: { key: string; prompt: string; answer: string; count: number }[];
}

interface Row {
  key: string;
  prompt: string;
  verdict: Verdict;
  /** The answer in its shown form, and the key it is counted under. */
  answer: string;
  group: string;
}

const isVerdict = (v: unknown): v is Verdict => VERDICTS.some((x) => x === v);
const isType = (v: unknown): v is QuestionType => QUESTION_TYPES.some((t) => t === v);

const NO_ANSWER = '(no answer)';

/** An answer from a results file, in words, and the key under which equal answers are counted together. */
export function answerShown(
  type: QuestionType,
  answer: unknown,
): { answer: string; group: string } {
  if (
    answer === null ||
    answer === undefined ||
    answer === '' ||
    (Array.isArray(answer) && answer.length === 0)
  )
    return { answer: NO_ANSWER, group: NO_ANSWER };
  if (type === 'truefalse') {
    const b = asBoolean(answer);
    if (b !== undefined) return { answer: b ? 'True' : 'False', group: String(b) };
  }
  if (Array.isArray(answer)) {
    const parts = answer.map((a) => String(a).trim());
    if (type === 'multi') parts.sort((a, b) => a.localeCompare(b));
    const shown = parts.join(type === 'order' ? ' → ' : '; ');
    return { answer: shown, group: `${type}:${parts.map(normalizeText).join('|')}` };
  }
  const text = (typeof answer === 'string' ? answer : JSON.stringify(answer))
    .replace(/\s+/g, ' ')
    .trim();
  return { answer: text, group: normalizeText(text) || text };
}

function quizRows(data: JsonObject): { rows: Row[]; name: string } | undefined {
  if (
    data['kind'] !== RESULT_KIND ||
    typeof data['deck'] !== 'string' ||
    !Array.isArray(data['questions'])
  )
    return undefined;
  const deck = data['deck'];
  const rows: Row[] = [];
  for (const q of data['questions']) {
    if (!isObject(q) || typeof q['id'] !== 'string' || !isType(q['type'])) continue;
    // Results written before verdicts existed have only `correct`.
    const verdict = isVerdict(q['verdict'])
      ? q['verdict']
      : typeof q['correct'] === 'boolean'
        ? q['correct']
          ? 'correct'
          : 'incorrect'
        : undefined;
    if (verdict === undefined) continue;
    rows.push({
      key: `${deck}:${q['id']}`,
      prompt: typeof q['prompt'] === 'string' ? q['prompt'] : q['id'],
      verdict,
      ...answerShown(q['type'], q['answer']),
    });
  }
  return { rows, name: typeof data['name'] === 'string' ? data['name'] : '' };
}

const firstSentence = (s: string) => /^.*?[.!?](\s|$)/.exec(s)?.[0].trim() ?? s;

/** What a written item's verdict says, in words: the misconception, or the first concept the answer missed. */
function checkAnswer(
  verdict: Verdict,
  result: JsonObject,
  misconception: string | undefined,
): { answer: string; group: string } {
  if (verdict === 'missing') return { answer: NO_ANSWER, group: NO_ANSWER };
  if (misconception !== undefined)
    return { answer: `misconception: ${misconception}`, group: `misconception:${misconception}` };
  const missing = Array.isArray(result['missing'])
    ? result['missing'].filter((m): m is string => typeof m === 'string')
    : [];
  const said = verdict === 'partial' ? 'partly right' : 'wrong';
  const answer = missing.length > 0 ? `${said}: does not say that ${missing[0]}` : said;
  return { answer, group: answer };
}

function checkRows(f: JsonObject, labels: ReadonlyMap<string, string>): Row[] {
  const misconceptions = new Map<string, string>();
  if (Array.isArray(f['misconceptions'])) {
    for (const m of f['misconceptions']) {
      if (isObject(m) && typeof m['item'] === 'string' && !misconceptions.has(m['item']))
        misconceptions.set(
          m['item'],
          typeof m['explanation'] === 'string' ? firstSentence(m['explanation']) : String(m['id']),
        );
    }
  }
  const rows: Row[] = [];
  const add = (item: string, fallback: string, result: unknown) => {
    if (!isObject(result) || !isVerdict(result['verdict'])) return;
    const verdict = result['verdict'];
    const shown =
      item === 'ordering'
        ? verdict === 'missing'
          ? { answer: NO_ANSWER, group: NO_ANSWER }
          : { answer: 'steps out of order', group: 'order' }
        : checkAnswer(verdict, result, misconceptions.get(item));
    rows.push({ key: `check:${item}`, prompt: labels.get(item) ?? fallback, verdict, ...shown });
  };
  add('ordering', 'The seven steps in order', f['ordering']);
  if (isObject(f['questions']))
    for (const [id, r] of Object.entries(f['questions']))
      add(`question:${id}`, `Question: ${id}`, r);
  if (isObject(f['vocabulary']))
    for (const [id, r] of Object.entries(f['vocabulary'])) add(id, `Term: ${id}`, r);
  return rows;
}

function student(name: string, file: string, rows: readonly Row[]): StudentStat {
  const verdicts = rows.map((r) => r.verdict);
  return {
    name,
    file,
    correct: verdicts.filter((v) => v === 'correct').length,
    partial: verdicts.filter((v) => v === 'partial').length,
    total: rows.length,
    score: scoreOf(verdicts),
  };
}

export function buildReport(inputs: readonly ReportInput[], opts: ReportOptions = {}): ClassReport {
  const labels = opts.labels ?? new Map<string, string>();
  const skipped: ClassReport['skipped'] = [];
  const students: StudentStat[] = [];
  const rows: Row[] = [];
  for (const { file, data } of inputs) {
    const quiz = isObject(data) ? quizRows(data) : undefined;
    if (quiz !== undefined) {
      rows.push(...quiz.rows);
      students.push(student(quiz.name || file, file, quiz.rows));
    } else if (
      isObject(data) &&
      Array.isArray(data['files']) &&
      data['files'].every((f) => isObject(f) && typeof f['file'] === 'string')
    ) {
      for (const f of data['files'].filter(isObject)) {
        if (f['error'] !== undefined) continue;
        const own = checkRows(f, labels);
        rows.push(...own);
        students.push(student(String(f['file']), file, own));
      }
    } else {
      skipped.push({ file, reason: 'not a quiz result or a `check --json` output' });
    }
  }
  const byKey = new Map<string, Row[]>();
  for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  const questions: QuestionStat[] = [...byKey].map(([key, rs]) => {
    const wrong = new Map<string, { answer: string; count: number }>();
    for (const r of rs) {
      if (r.verdict === 'correct') continue;
      const w = wrong.get(r.group) ?? { answer: r.answer, count: 0 };
      w.count++;
      wrong.set(r.group, w);
    }
    const verdicts = rs.map((r) => r.verdict);
    return {
      key,
      prompt: rs[0]?.prompt ?? key,
      answered: rs.length,
      correct: verdicts.filter((v) => v === 'correct').length,
      partial: verdicts.filter((v) => v === 'partial').length,
      score: scoreOf(verdicts),
      wrongAnswers: [...wrong.values()].sort(
        (a, b) => b.count - a.count || a.answer.localeCompare(b.answer),
      ),
    };
  });
  questions.sort(
    (a, b) => a.score - b.score || b.answered - a.answered || a.key.localeCompare(b.key),
  );
  const commonWrong = questions
    // An empty answer is counted per question, but it is not a wrong answer to show the class.
    .flatMap((q) =>
      q.wrongAnswers
        .filter((w) => w.answer !== NO_ANSWER)
        .map((w) => ({ key: q.key, prompt: q.prompt, answer: w.answer, count: w.count })),
    )
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, 10);
  students.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  return { files: inputs.length, skipped, questions, students, commonWrong };
}

export function reportCsv(r: ClassReport): string {
  const pct = (x: number) => Math.round(x * 100);
  return toCsv([
    [
      'section',
      'key',
      'prompt',
      'answered',
      'correct',
      'partial',
      'score_percent',
      'top_wrong_answer',
    ],
    ...r.questions.map((q) => [
      'question',
      q.key,
      q.prompt,
      q.answered,
      q.correct,
      q.partial,
      pct(q.score),
      q.wrongAnswers[0]?.answer ?? '',
    ]),
    ...r.students.map((s) => [
      'student',
      s.file,
      s.name,
      s.total,
      s.correct,
      s.partial,
      pct(s.score),
      '',
    ]),
  ]);
}
