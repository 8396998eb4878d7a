/**
 * The review lesson: the three questions and the seven terms, answered in
 * free text and graded on the spot with the rubric. The credit of every
 * answer is saved once it is given (never the words), so a lesson left
 * half-way resumes at the next question and its score counts every sitting.
 */
import { evaluate, type Verdict } from '../../grader/evaluate.js';
import { lessonContent, type Lesson } from '../../tutor/lessons.js';
import type { ProgressStore } from '../../tutor/progress.js';
import { creditOf } from '../../quiz/score.js';
import { inSentence } from '../../tutor/wording.js';
import { c, out } from '../output.js';
import { ask } from '../prompts.js';
import { reviewKey } from '../../quiz/review-key.js';

const SAY: Record<Verdict, () => string> = {
  correct: () => c.green('✓ Correct.'),
  partial: () => c.yellow('~ Partly right.'),
  incorrect: () => c.red('✗ Not quite.'),
  missing: () => c.dim('– No answer.'),
};

/** The grader's feedback without a leading "Not quite.", which SAY has already said. */
function feedbackAfterVerdict(feedback: string): string {
  return feedback.replace(/^Not quite\.\s*/, '');
}

export async function playReview(
  lesson: Lesson,
  store: ProgressStore,
  earlier: readonly number[] = [],
): Promise<void> {
  const rubric = lessonContent(lesson, 'rubric');
  const items = [...rubric.questions, ...rubric.terms];
  const credits = earlier.slice(0, items.length);
  for (const [i, item] of items.entries()) {
    if (i < credits.length) continue;
    out();
    const prompt =
      item.kind === 'question'
        ? item.prompt
        : `Define the ${inSentence(item.prompt)}, in your own words:`;
    const answer = await ask(`${c.dim(`[${i + 1}/${items.length}]`)} ${prompt}`);
    const r = evaluate(item, answer);
    credits.push(creditOf(r.verdict));
    out(
      `${SAY[r.verdict]()} ${r.verdict === 'correct' ? '' : feedbackAfterVerdict(r.feedback)}`.trimEnd(),
    );
    for (const m of r.misconceptions) out(c.dim(`  See ${m.link}`));
    if (r.verdict !== 'correct') out(`  ${c.cyan('Model answer:')} ${r.model}`);
    // Saved after every answer, with the position; answers themselves are not kept, only how they went.
    store.recordItem(
      reviewKey({ kind: 'review', item: item.kind, id: item.id }),
      r.verdict === 'correct',
    );
    await store.saveSitting(lesson.id, { answers: credits });
  }
  const credit = credits.reduce((a, b) => a + b, 0);
  await store.finish(lesson.id, { correct: credit, total: items.length });
  out();
  out(
    `${c.bold('Score:')} ${credit}/${items.length} (partly right counts half)${earlier.length > 0 ? `, counting the ${earlier.length} answer${earlier.length === 1 ? '' : 's'} from before` : ''}.`,
  );
}
