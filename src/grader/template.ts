/** A blank answer sheet (`oauth-tutor check --template`) that the grader reads back. */
import type { GradingKit } from './grade.js';

export function answerTemplate(kit: GradingKit, shuffledStepTexts: readonly string[]): string {
  const lines = [
    '# OAuth review',
    '',
    '<!-- Write your answers under each heading, then run: oauth-tutor check this-file.md -->',
    '',
    '## Put these steps in the correct order',
    '',
    ...shuffledStepTexts.flatMap((t) => [t]),
    '',
  ];
  for (const q of kit.rubric.questions) lines.push(`## ${q.prompt}`, '', '', '');
  lines.push('## Vocabulary', '');
  for (const t of kit.rubric.terms) lines.push(`### ${t.prompt}`, '', '', '');
  lines.push(
    '## Which 3 things from this lesson do you want to remember? (not graded)',
    '',
    '',
    '',
  );
  return lines.join('\n');
}
