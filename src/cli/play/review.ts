/** The review lesson: the three questions and the seven terms, answered in free text and graded on the spot with the rubric. */
import { evaluate, type Verdict } from '../../grader/evaluate.js';
import type { Lesson } from '../../tutor/lessons.js';
import type { ProgressStore } from '../../tutor/progress.js';
import { creditOf } from '../../quiz/score.js';
import { c, out } from '../output.js';
import { ask } from '../prompts.js';

const SAY: Record<Verdict, () => string> = {
  correct: () => c.green('✓ Correct.'),
  partial: () => c.yellow('~ Partly right.'),
  incorrect: () => c.red('✗ Not quite.'),
  missing: () => c.dim('– No answer.'),
};

export async function playReview(lesson: Lesson, store: ProgressStore): Promise<void> {
  const rubric = lesson.rubric!;
  const items = [...rubric.questions, ...rubric.terms];
  let credit = 0;
  for (const [i, item] of items.entries()) {
    out();
    const prompt = item.kind === 'question' ? item.prompt : `Define: ${item.prompt}`;
    const answer = await ask(`${c.dim(`[${i + 1}/${items.length}]`)} ${prompt}`);
    const r = evaluate(item, answer);
    credit += creditOf(r.verdict);
    out(`${SAY[r.verdict]()} ${r.verdict === 'correct' ? '' : r.feedback}`.trimEnd());
    for (const m of r.misconceptions) out(c.dim(`  See ${m.link}`));
    if (r.verdict !== 'correct') out(`  ${c.cyan('Model answer:')} ${r.model}`);
    // Saved after every answer; answers themselves are not kept, only how they went.
    store.recordItem(`review:${item.kind}:${item.id}`, r.verdict === 'correct');
    await store.save();
  }
  const score = { correct: credit, total: items.length };
  await store.finish(lesson.id, score);
  out();
  out(`${c.bold('Score:')} ${credit}/${items.length} (partly right counts half).`);
}
