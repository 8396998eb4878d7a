/** A workshop lesson: prose, live demos run on the spot, then a short multiple-choice check saved to progress. */
import { runDemo } from '../../jwt/demos/index.js';
import { lessonContent, type Lesson } from '../../tutor/lessons.js';
import { shuffledQuiz } from '../../tutor/workshop.js';
import type { ProgressStore, Sitting } from '../../tutor/progress.js';
import { renderMarkdown } from '../markdown.js';
import { printDemo } from '../jwt-view.js';
import { printAttack } from '../flow-view.js';
import { c, out } from '../output.js';
import { choose, pressEnter } from '../prompts.js';
import { reviewKey } from '../../quiz/review-key.js';

export async function playWorkshop(
  lesson: Lesson,
  store: ProgressStore,
  seed: string,
  resume?: Sitting,
): Promise<void> {
  const w = lessonContent(lesson, 'workshop');
  // A sitting left half-way: skip the parts already read and the questions already answered (their points still count).
  const read = Math.min(resume?.section ?? 0, w.sections.length);
  const chosenSoFar = [...(resume?.answers ?? [])];
  for (const [i, section] of w.sections.entries()) {
    if (i < read) continue;
    await pressEnter(
      i === read
        ? read === 0
          ? 'Press Enter to start'
          : 'Press Enter to continue'
        : 'Press Enter for the next part',
    );
    out();
    out(await renderMarkdown(`## ${section.title}\n\n${section.text}`));
    if (section.demo !== undefined) {
      out();
      printDemo(await runDemo(section.demo));
    }
    if (section.lab !== undefined) {
      out();
      out(c.dim(`Running: oauth-tutor flow --auto --attack ${section.lab}`));
      const { runLab } = await import('./lab.js');
      printAttack(await runLab(section.lab));
    }
    await store.saveSitting(lesson.id, { seed, section: i + 1, answers: [] });
  }
  if (chosenSoFar.length === 0) await pressEnter('Press Enter for a short check of understanding');
  let right = 0;
  for (const [k, q] of shuffledQuiz(w.quiz, seed).entries()) {
    const earlier = chosenSoFar[k];
    if (earlier !== undefined) {
      if (q.options[earlier]?.correct) right++;
      continue;
    }
    out();
    const chosen = await choose(
      q.question,
      q.options.map((o, j) => ({ name: o.text, value: j })),
    );
    const option = q.options[chosen];
    const correct = option?.correct === true;
    if (correct) {
      right++;
      out(`${c.green('✓')} Right.`);
    } else {
      out(`${c.red('✗')} ${option?.why ?? 'Not quite.'}`);
      out(`  ${c.bold('Answer:')} ${q.options.find((o) => o.correct)?.text ?? ''}`);
    }
    chosenSoFar.push(chosen);
    store.recordItem(reviewKey({ kind: 'workshop', lesson: lesson.id, question: q.id }), correct);
    await store.saveSitting(lesson.id, { seed, section: w.sections.length, answers: chosenSoFar });
  }
  await store.finish(lesson.id, { correct: right, total: w.quiz.length });
  out();
  out(`${c.bold('Score:')} ${right}/${w.quiz.length}.`);
}
