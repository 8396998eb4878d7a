/** The interactive ordering exercise: pick the order, get feedback on every misplaced step, retry, then see the diagram. */
import { sequenceDiagram } from '../../tutor/diagram.js';
import { lessonContent, type Lesson } from '../../tutor/lessons.js';
import { gradeOrder, labelSteps, type OrderResult } from '../../tutor/ordering.js';
import type { ProgressStore } from '../../tutor/progress.js';
import { c, out, terminalWidth, wrapTo } from '../output.js';
import { confirm, pickOrder } from '../prompts.js';

export async function playOrdering(
  lesson: Lesson,
  store: ProgressStore,
  seed: string,
): Promise<void> {
  const ex = lessonContent(lesson, 'ordering');
  const labelled = labelSteps(ex, seed);
  let hint = 0;
  for (let attempt = 1; ; attempt++) {
    const given = await pickOrder(ex.prompt, labelled);
    const result = gradeOrder(ex, labelled, given);
    printOrderResult(result);
    if (result.correct) {
      // The score says how many tries it took: 1/1 first time, 1/2 on the second…
      await store.finish(lesson.id, { correct: 1, total: attempt });
      out();
      out(c.bold('The flow, as a sequence diagram:'));
      out(diagramText(lesson));
      return;
    }
    await store.finish(lesson.id, { correct: 0, total: attempt }, false);
    const nextHint = lesson.hints[hint];
    if (nextHint !== undefined) {
      out(`${c.cyan('Hint:')} ${nextHint}`);
      hint++;
    }
    if (!(await confirm('Try again?', true))) return;
  }
}

export function printOrderResult(result: OrderResult): void {
  out();
  if (result.correct) {
    out(`${c.green('✓')} All ${result.total} steps are in place.`);
    return;
  }
  out(`${c.yellow(`${result.inPlace} of ${result.total}`)} steps in place.`);
  for (const f of result.feedback) out(`${c.red('✗')} ${f.message}`);
}

export function diagramText(lesson: Lesson, highlight?: number, upTo?: number): string {
  const width = terminalWidth();
  return sequenceDiagram(lessonContent(lesson, 'ordering'), {
    wrap: wrapTo,
    ...(highlight === undefined ? {} : { highlight }),
    ...(upTo === undefined ? {} : { upTo }),
    ...(width === undefined ? {} : { width }),
  })
    .map((l) =>
      l.step !== undefined && l.step === highlight
        ? c.bold(l.text)
        : l.step === undefined || l.note
          ? c.dim(l.text)
          : l.text,
    )
    .join('\n');
}
