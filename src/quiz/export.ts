/** A deck as a printable markdown quiz, with the answer key at the end (`quiz export --format md`). */
import type { Deck, Question } from './deck.js';
import { answerText } from './score.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function body(q: Question, n: number): string[] {
  const lines = [`**${n}. ${q.prompt}**`, ''];
  switch (q.type) {
    case 'single':
      lines.push('*Choose one.*', '', ...q.choices.map((c, i) => `- [ ] ${LETTERS[i]}) ${c}`));
      break;
    case 'multi':
      lines.push('*Choose all that apply.*', '', ...q.choices.map((c, i) => `- [ ] ${LETTERS[i]}) ${c}`));
      break;
    case 'order':
      lines.push('*Number these in order.*', '', ...q.choices.map((c) => `- ___ ${c}`));
      break;
    case 'truefalse':
      lines.push('- [ ] True', '- [ ] False');
      break;
    case 'text':
      lines.push('_______________________________________________', '', '_______________________________________________');
      break;
  }
  return [...lines, ''];
}

export function deckMarkdown(deck: Deck, questions: readonly Question[] = deck.questions): string {
  const lines = [`# ${deck.title}`, '', deck.description, '', 'Name: ______________________   Date: ____________', ''];
  questions.forEach((q, i) => lines.push(...body(q, i + 1)));
  lines.push('---', '', '## Answer key', '');
  questions.forEach((q, i) => {
    const letter = q.type === 'single' ? ` (${LETTERS[q.choices.indexOf(q.answer as string)]})` : '';
    lines.push(`${i + 1}. **${answerText(q)}**${letter} — ${q.explanation}${q.link ? ` ([spec](${q.link}))` : ''}`);
  });
  return lines.join('\n') + '\n';
}
