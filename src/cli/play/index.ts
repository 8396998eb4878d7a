/**
 * Plays one lesson in the terminal: its prose, then its exercise, saving
 * progress along the way. A lesson left half-way (Ctrl-C, Esc) is offered to
 * resume where it stopped, or to start over; Esc returns to the lesson menu.
 */
import { lessonContent, type Lesson } from '../../tutor/lessons.js';
import type { ProgressStore, Sitting } from '../../tutor/progress.js';
import { randomSeed } from '../../random.js';
import { renderMarkdown } from '../markdown.js';
import { c, out } from '../output.js';
import { BACK_KEY, BackToMenu, choose, pressEnter, withBackKey } from '../prompts.js';

export interface PlayContext {
  store: ProgressStore;
  seed?: string;
}

/** How a lesson ended: played to its end, or left for the menu (Esc, or Back at the resume question). */
export type PlayOutcome = 'finished' | 'back';

/** Lessons whose position is saved with every answer. */
const RESUMABLE: ReadonlySet<string> = new Set<Lesson['kind']>([
  'review',
  'vocabulary',
  'workshop',
]);

/** Whether a lesson of this kind picks up a half-done sitting (an ordering is one exercise, done again). */
export function resumable(kind: string): boolean {
  return RESUMABLE.has(kind);
}

export async function playLesson(lesson: Lesson, ctx: PlayContext): Promise<PlayOutcome> {
  try {
    await withBackKey(() => play(lesson, ctx));
    return 'finished';
  } catch (error) {
    if (!(error instanceof BackToMenu)) throw error;
    out();
    out(
      c.dim(
        RESUMABLE.has(lesson.kind)
          ? 'Back to the lessons. Your answers so far are saved; pick the lesson again to resume.'
          : 'Back to the lessons.',
      ),
    );
    return 'back';
  }
}

/** The saved sitting to continue, undefined to begin afresh; throws BackToMenu for Back. */
async function resumeOrStartOver(
  lesson: Lesson,
  store: ProgressStore,
): Promise<Sitting | undefined> {
  const saved = store.lesson(lesson.id)?.sitting;
  if (
    saved === undefined ||
    (saved.answers.length === 0 && (saved.section ?? 0) === 0) ||
    !RESUMABLE.has(lesson.kind)
  )
    return undefined;
  const done = saved.answers.length;
  const { what, where } = position(lesson, saved);
  out();
  const choice = await choose<'resume' | 'over' | 'back'>(`You stopped ${lesson.title} ${what}.`, [
    {
      name: `Resume at ${where}`,
      value: 'resume',
      description:
        done > 0
          ? 'your answers so far count towards the score'
          : 'the parts you have read are skipped',
    },
    {
      name: 'Start over',
      value: 'over',
      description: "forget this sitting's answers and begin again",
    },
    { name: 'Back', value: 'back' },
  ]);
  if (choice === 'back') throw new BackToMenu();
  if (choice === 'resume') return saved;
  await store.saveSitting(lesson.id, undefined);
  return undefined;
}

/** Where a saved sitting stands, in the learner's words: "after 6 answers", "question 7 of 10". */
function position(lesson: Lesson, saved: Sitting): { what: string; where: string } {
  const done = saved.answers.length;
  const answers = `after ${done} answer${done === 1 ? '' : 's'}`;
  if (lesson.kind === 'review') {
    const rubric = lessonContent(lesson, 'rubric');
    return {
      what: answers,
      where: `question ${done + 1} of ${rubric.questions.length + rubric.terms.length}`,
    };
  }
  if (lesson.kind === 'workshop') {
    const w = lessonContent(lesson, 'workshop');
    const read = saved.section ?? 0;
    if (read < w.sections.length)
      return {
        what: `after part ${read} of ${w.sections.length}`,
        where: `part ${read + 1} of ${w.sections.length}`,
      };
    return {
      what:
        done === 0
          ? 'before the check of understanding'
          : `${answers} in the check of understanding`,
      where: `question ${done + 1} of ${w.quiz.length}`,
    };
  }
  return { what: answers, where: `card ${done + 1}` };
}

async function play(lesson: Lesson, ctx: PlayContext): Promise<void> {
  const resume = await resumeOrStartOver(lesson, ctx.store);
  await ctx.store.start(lesson.id);
  out();
  if (resume === undefined && lesson.prose !== undefined) {
    out(await renderMarkdown(lesson.prose));
    out();
  }
  out(
    c.dim(
      `(${BACK_KEY} at any question returns to the lesson menu; Ctrl-C quits. Your answers are saved as you go.)`,
    ),
  );
  const seed = resume?.seed ?? ctx.seed ?? String(randomSeed());
  switch (lesson.kind) {
    case 'reading':
      await pressEnter('Press Enter when you have read it');
      await ctx.store.finish(lesson.id, { correct: 1, total: 1 });
      out(`${c.green('✓')} ${lesson.title}: done.`);
      return;
    case 'ordering': {
      await pressEnter('Press Enter to start');
      const { playOrdering } = await import('./ordering.js');
      await playOrdering(lesson, ctx.store, seed);
      return;
    }
    case 'workshop': {
      const { playWorkshop } = await import('./workshop.js');
      await playWorkshop(lesson, ctx.store, seed, resume);
      return;
    }
    case 'review': {
      await pressEnter(resume === undefined ? 'Press Enter to start' : 'Press Enter to continue');
      const { playReview } = await import('./review.js');
      await playReview(lesson, ctx.store, resume?.answers ?? []);
      return;
    }
    case 'vocabulary': {
      await pressEnter(resume === undefined ? 'Press Enter to start' : 'Press Enter to continue');
      const { playVocabulary } = await import('./vocabulary.js');
      await playVocabulary(lesson, ctx.store, seed, resume?.answers ?? []);
      return;
    }
  }
}
