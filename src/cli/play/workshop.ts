/** A workshop lesson: prose, live demos run on the spot, then a short multiple-choice check saved to progress. */
import { runDemo } from '../../jwt/demos/index.js';
import type { Lesson } from '../../tutor/lessons.js';
import { shuffledQuiz } from '../../tutor/workshop.js';
import type { ProgressStore } from '../../tutor/progress.js';
import { renderMarkdown } from '../markdown.js';
import { printDemo } from '../jwt-view.js';
import { printAttack } from '../flow-view.js';
import { c, out } from '../output.js';
import { choose, pressEnter } from '../prompts.js';

export async function playWorkshop(lesson: Lesson, store: ProgressStore, seed: string): Promise<void> {
  const w = lesson.workshop!;
  for (const [i, section] of w.sections.entries()) {
    await pressEnter(i === 0 ? 'Press Enter to start' : 'Press Enter for the next part');
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
  }
  await pressEnter('Press Enter for a short check of understanding');
  let right = 0;
  for (const q of shuffledQuiz(w.quiz, seed)) {
    out();
    const chosen = await choose(q.question, q.options.map((o, j) => ({ name: o.text, value: j })));
    const option = q.options[chosen]!;
    if (option.correct) {
      right++;
      out(`${c.green('✓')} Right.`);
    } else {
      out(`${c.red('✗')} ${option.why ?? 'Not quite.'}`);
      out(`  ${c.bold('Answer:')} ${q.options.find((o) => o.correct)!.text}`);
    }
    store.recordItem(`${lesson.id}:${q.id}`, option.correct);
    await store.save();
  }
  await store.finish(lesson.id, { correct: right, total: w.quiz.length });
  out();
  out(`${c.bold('Score:')} ${right}/${w.quiz.length}.`);
}
