/** The class view over many graded sheets: per-item results, common misconceptions, per-student scores, and CSV. */
import type { GradedSheet } from './grade.js';
import type { Verdict } from './evaluate.js';

export interface FileGrade {
  file: string;
  sheet?: GradedSheet;
  error?: string;
}

export interface ItemSummary {
  item: string;
  label: string;
  /** Share of graded sheets with each verdict, 0..1. */
  correct: number;
  partial: number;
  incorrect: number;
  missing: number;
}

export interface ClassSummary {
  files: number;
  graded: number;
  errors: number;
  averageScore: number | null;
  items: ItemSummary[];
  misconceptions: { id: string; item: string; count: number; explanation: string }[];
  students: { file: string; score: number | null; error?: string }[];
}

export function summarize(
  grades: readonly FileGrade[],
  labels: ReadonlyMap<string, string>,
): ClassSummary {
  const graded = grades.filter(
    (g): g is FileGrade & { sheet: GradedSheet } => g.sheet !== undefined,
  );
  const tallies = new Map<string, Record<Verdict, number>>();
  const tally = (item: string, v: Verdict) => {
    const t = tallies.get(item) ?? { correct: 0, partial: 0, incorrect: 0, missing: 0 };
    t[v]++;
    tallies.set(item, t);
  };
  const misc = new Map<string, { id: string; item: string; count: number; explanation: string }>();
  for (const { sheet } of graded) {
    tally('ordering', sheet.ordering.verdict);
    for (const [id, r] of Object.entries(sheet.questions)) tally(`question:${id}`, r.verdict);
    for (const [id, r] of Object.entries(sheet.vocabulary)) tally(id, r.verdict);
    for (const m of sheet.misconceptions) {
      const key = `${m.item}/${m.id}`;
      const entry = misc.get(key) ?? {
        id: m.id,
        item: m.item,
        count: 0,
        explanation: m.explanation,
      };
      entry.count++;
      misc.set(key, entry);
    }
  }
  const n = graded.length;
  const share = (x: number) => (n === 0 ? 0 : Math.round((x / n) * 1000) / 1000);
  const items = [...tallies].map(([item, t]) => ({
    item,
    label: labels.get(item) ?? item,
    correct: share(t.correct),
    partial: share(t.partial),
    incorrect: share(t.incorrect),
    missing: share(t.missing),
  }));
  return {
    files: grades.length,
    graded: n,
    errors: grades.length - n,
    averageScore:
      n === 0
        ? null
        : Math.round((graded.reduce((a, g) => a + g.sheet.score, 0) / n) * 1000) / 1000,
    items: items.sort((a, b) => a.correct - b.correct),
    misconceptions: [...misc.values()].sort(
      (a, b) => b.count - a.count || a.item.localeCompare(b.item),
    ),
    students: grades.map((g) =>
      g.sheet
        ? { file: g.file, score: g.sheet.score }
        : { file: g.file, score: null, error: g.error ?? 'not graded' },
    ),
  };
}
