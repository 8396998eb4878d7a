/** Assembles what the grader needs from the shipped lessons: the rubric and the seven steps in order. */
import type { GradingKit } from '../grader/grade.js';
import type { LessonSet } from './lessons.js';
import { TutorError } from '../errors.js';
import { orderedSteps } from './ordering.js';

export function gradingKit(
  set: LessonSet,
  reviewId = 'review',
  orderingId = 'seven-steps',
): GradingKit {
  const rubric = set.lessons.find((l) => l.id === reviewId)?.rubric;
  const ordering = set.lessons.find((l) => l.id === orderingId)?.ordering;
  if (rubric === undefined || ordering === undefined) {
    throw new TutorError(
      'ERR_LESSON_INVALID',
      `The lessons need a "${reviewId}" review lesson and a "${orderingId}" ordering lesson to grade answers.`,
      {
        hint: 'Run `oauth-tutor lessons lint` to check the lessons folder.',
      },
    );
  }
  const steps = orderedSteps(ordering).map((s) => ({ id: s.id, text: s.text, why: s.why }));
  return { rubric, steps };
}
