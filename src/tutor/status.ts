/** The learner's status per lesson: data for `learn --list` and `progress`. */
import type { LessonSet } from './lessons.js';
import type { Progress, Score } from './progress.js';

export interface LessonStatus {
  id: string;
  title: string;
  kind: string;
  summary: string;
  status: 'new' | 'started' | 'done';
  score?: Score;
  best?: Score;
  attempts: number;
}

export function collectStatus(set: LessonSet, progress: Progress): LessonStatus[] {
  return set.lessons.map((l) => {
    const p = progress.lessons[l.id];
    const row: LessonStatus = {
      id: l.id,
      title: l.title,
      kind: l.kind,
      summary: l.summary,
      status: p?.status ?? 'new',
      attempts: p?.attempts ?? 0,
    };
    if (p?.score !== undefined) row.score = p.score;
    if (p?.best !== undefined) row.best = p.best;
    return row;
  });
}

/** Where `learn` resumes: the last lesson if unfinished, else the first not done. */
export function resumeLesson(set: LessonSet, progress: Progress): string | undefined {
  const last = progress.lastLesson;
  if (
    last !== undefined &&
    progress.lessons[last]?.status !== 'done' &&
    set.lessons.some((l) => l.id === last)
  )
    return last;
  return set.lessons.find((l) => progress.lessons[l.id]?.status !== 'done')?.id;
}
