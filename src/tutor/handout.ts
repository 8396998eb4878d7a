/**
 * A lesson as a handout (`learn <lesson> --print`): its prose, as the lesson shows it, then what
 * its exercise asks, as text to work through on paper, with the command that checks the answer.
 * The exercise part gives no answer away. Pure: lesson data in, markdown out.
 */
import type { Lesson } from './lessons.js';
import { labelSteps } from './ordering.js';

export interface Handout {
  /** The lesson as markdown: its prose (which opens with its title), then its exercise. */
  markdown: string;
  /** The command that runs the lesson's exercise with feedback, for a lesson that has one. */
  command?: string;
}

export function lessonHandout(lesson: Lesson, seed: string | number): Handout {
  const prose = lesson.printProse?.trim();
  const head = prose?.startsWith('# ') === true ? [] : [`# ${lesson.title}`, `_${lesson.summary}_`];
  const parts = [...head, ...(prose === undefined ? [] : [prose])];
  const command = `oauth-tutor learn ${lesson.id}`;
  const exercise = exerciseOf(lesson, seed, command);
  if (exercise !== undefined) parts.push('---', exercise);
  return {
    markdown: parts.join('\n\n'),
    ...(lesson.kind === 'reading' ? {} : { command }),
  };
}

function exerciseOf(lesson: Lesson, seed: string | number, command: string): string | undefined {
  const bullets = (items: readonly string[]) => items.map((i) => `- ${i}`).join('\n');
  const section = (title: string, ...blocks: string[]) => [`## ${title}`, ...blocks].join('\n\n');
  switch (lesson.kind) {
    case 'reading':
      return undefined;
    case 'ordering':
      return (
        lesson.ordering &&
        section(
          'The exercise: put the steps in order',
          labelSteps(lesson.ordering, seed)
            .map((s) => `${s.label}. ${s.text}`)
            .join('\n\n'),
          `Write the letters in the right order, then check them: \`oauth-tutor order --seed ${String(seed)} --answer <letters>\`. In a terminal, \`${command}\` asks you step by step and explains each misplaced one.`,
        )
      );
    case 'vocabulary':
      return (
        lesson.vocabulary &&
        section(
          'The exercise: define each term in your own words',
          bullets(lesson.vocabulary.cards.map((c) => c.term)),
          `In a terminal, \`${command}\` drills them, with feedback on each answer.`,
        )
      );
    case 'review':
      return (
        lesson.rubric &&
        section(
          'The exercise: answer in your own words',
          bullets(lesson.rubric.questions.map((q) => q.prompt)),
          '### And define',
          bullets(lesson.rubric.terms.map((t) => t.prompt)),
          'Write your answers in a file and grade them with `oauth-tutor check answers.md`. `check` also grades the seven steps of the flow in order (the seven-steps lesson), so start from the sheet `oauth-tutor check --template` prints: it has the steps, shuffled, and every question.',
        )
      );
    case 'workshop':
      return (
        lesson.workshop &&
        [
          ...lesson.workshop.sections.map((s) =>
            section(
              s.title,
              s.text.trim(),
              ...(s.demo !== undefined || s.lab !== undefined
                ? [`_(In the lesson, this part runs live: \`${command}\`.)_`]
                : []),
            ),
          ),
          `The lesson ends with a short check of understanding: \`${command}\`.`,
        ].join('\n\n')
      );
  }
}
