/**
 * `oauth-tutor order`: the ordering exercise in a scriptable form. Without
 * --answer it prints the shuffled, labelled steps for a seed; with --answer
 * it checks an order and explains each misplaced step (exit 0 right, 1 wrong).
 */
import { findLesson, requireLessons } from '../../tutor/lessons.js';
import { gradeOrder, labelSteps, parseAnswer } from '../../tutor/ordering.js';
import { randomSeed } from '../../random.js';
import { EXIT, ExitError, TutorError, usage } from '../../errors.js';
import { c, err, out, printJson } from '../output.js';
import { printOrderResult } from '../play/ordering.js';
import type { OrderCliOptions } from '../program.js';

export async function order(opts: OrderCliOptions): Promise<void> {
  if (opts.answer !== undefined && opts.seed === undefined) {
    throw usage(
      '--answer needs the --seed that produced the labels.',
      'Run `oauth-tutor order --seed 7` to see the steps, then `oauth-tutor order --seed 7 --answer "…"`.',
    );
  }
  const set = await requireLessons(undefined, { only: [opts.lesson] });
  const lesson = findLesson(set, opts.lesson);
  if (lesson.ordering === undefined) {
    throw new TutorError('ERR_USAGE', `Lesson "${lesson.id}" is not an ordering exercise.`, {
      hint: `Ordering lessons: ${set.lessons
        .filter((l) => l.kind === 'ordering')
        .map((l) => l.id)
        .join(', ')}.`,
    });
  }
  const seed = opts.seed ?? String(randomSeed());
  const labelled = labelSteps(lesson.ordering, seed);

  if (opts.answer === undefined) {
    const steps = labelled.map(({ label, text }) => ({ label, text }));
    if (opts.json) {
      printJson({ lesson: lesson.id, seed, prompt: lesson.ordering.prompt, steps });
      return;
    }
    out(lesson.ordering.prompt);
    for (const s of steps) out(`  ${c.bold(s.label)}  ${s.text}`);
    err(
      c.dim(
        `Check your order with: oauth-tutor order --seed ${seed} --answer "${labelled.map((s) => s.label).join('')}"`,
      ),
    );
    return;
  }

  const given = parseAnswer(opts.answer, labelled);
  const result = gradeOrder(lesson.ordering, labelled, given);
  if (opts.json) {
    printJson({
      lesson: lesson.id,
      seed,
      correct: result.correct,
      inPlace: result.inPlace,
      total: result.total,
      given: result.given,
      feedback: result.feedback,
    });
  } else {
    printOrderResult(result);
  }
  if (!result.correct) throw new ExitError(EXIT.FAILED);
}
