/**
 * A deck turned into a paper quiz (`quiz export`): `collectPaper` lays out the
 * questions of one seeded run (the same `quizQuestions` the interactive quiz
 * and `--answers` use, so choice letters and the key match them), and
 * `paperMarkdown` / `paperHtml` render it, the answer key last (in HTML, on a
 * page of its own when printed).
 */
import type { RubricItem } from '../grader/rubric.js';
import { LETTERS } from './answers.js';
import type { Deck, Question } from './deck.js';

export interface PaperItem {
  n: number;
  id: string;
  type: Question['type'];
  prompt: string;
  instruction: string;
  /** Lettered choices (single, multi) or items (order), in the paper's order. */
  choices: { letter: string; text: string }[];
}

export interface KeyEntry {
  n: number;
  id: string;
  /** The answer in one line: "b) …", "c, a, d, b", "True", an accepted answer. */
  answer: string;
  /** order: the items in the right order, with their letters. */
  steps?: { letter: string; text: string }[];
  /** text graded by the rubric: the model answer and what it must say. */
  rubric?: { model: string; need: number; concepts: string[] };
  explanation: string;
  link?: string;
}

export interface Paper {
  title: string;
  description: string;
  deck: string;
  seed: string;
  /** How to grade a filled-in answer file for exactly this paper. */
  gradeWith: string;
  items: PaperItem[];
  key: KeyEntry[];
}

export interface PaperOptions {
  /** The deck named on the command line (a built-in id or a file). */
  ref: string;
  seed: string;
  count?: number;
  /** The rubric item a text question names, for its key. */
  rubricItem?: (id: string) => RubricItem | undefined;
}

const INSTRUCTION: Record<Question['type'], string> = {
  single: 'Choose one.',
  multi: 'Choose all that apply.',
  order: 'Write the letters in the right order.',
  truefalse: 'True or false?',
  text: 'Answer in a sentence or two.',
};

const lettered = (choices: readonly string[]) =>
  choices.map((text, i) => ({ letter: LETTERS.charAt(i), text }));

function keyEntry(q: Question, n: number, opts: PaperOptions): KeyEntry {
  const letterOf = (text: string) => LETTERS.charAt(q.choices.indexOf(text));
  const base = {
    n,
    id: q.id,
    explanation: q.explanation,
    ...(q.link === undefined ? {} : { link: q.link }),
  };
  switch (q.type) {
    case 'single':
      return { ...base, answer: `${letterOf(q.answer)}) ${q.answer}` };
    case 'multi':
      return {
        ...base,
        answer: q.answer
          .map(letterOf)
          .sort()
          .map((l) => `${l}) ${q.choices[LETTERS.indexOf(l)] ?? ''}`)
          .join('; '),
      };
    case 'order': {
      const steps = q.answer.map((text) => ({ letter: letterOf(text), text }));
      return { ...base, answer: steps.map((s) => s.letter).join(', '), steps };
    }
    case 'truefalse':
      return { ...base, answer: q.answer ? 'True' : 'False' };
    case 'text': {
      const accepted = q.answer;
      const item = q.rubric === undefined ? undefined : opts.rubricItem?.(q.rubric);
      const entry: KeyEntry = {
        ...base,
        answer:
          accepted.length > 0
            ? accepted.join(' / ')
            : item !== undefined
              ? 'graded by the rubric: see the model answer'
              : '(see the explanation)',
      };
      if (item !== undefined)
        entry.rubric = {
          model: item.model,
          need: item.need,
          concepts: item.concepts.map((c) => c.says),
        };
      return entry;
    }
  }
}

/** The paper for already-shuffled questions (from `quizQuestions(deck, seed, count)`). */
export function collectPaper(
  deck: Deck,
  questions: readonly Question[],
  opts: PaperOptions,
): Paper {
  const count = opts.count === undefined ? '' : ` --count ${opts.count}`;
  return {
    title: deck.title,
    description: deck.description,
    deck: deck.id,
    seed: opts.seed,
    gradeWith: `oauth-tutor quiz ${opts.ref} --seed ${opts.seed}${count} --answers answers.json`,
    items: questions.map((q, i) => ({
      n: i + 1,
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      instruction: INSTRUCTION[q.type],
      choices:
        q.type === 'single' || q.type === 'multi' || q.type === 'order' ? lettered(q.choices) : [],
    })),
    key: questions.map((q, i) => keyEntry(q, i + 1, opts)),
  };
}

function rubricLines(r: NonNullable<KeyEntry['rubric']>): string[] {
  const need = r.need >= r.concepts.length ? 'all of' : `at least ${r.need} of`;
  return [
    `Model answer: ${r.model}`,
    `A correct answer says ${need}:`,
    ...r.concepts.map((c) => `- ${c}`),
  ];
}

export function paperMarkdown(p: Paper): string {
  const lines = [
    `# ${p.title}`,
    '',
    p.description,
    '',
    'Name: ______________________   Date: ____________',
    '',
    `*Paper ${p.seed} · ${p.items.length} questions*`,
    '',
  ];
  for (const item of p.items) {
    lines.push(`**${item.n}. ${item.prompt}**`, '', `*${item.instruction}*`, '');
    if (item.type === 'single' || item.type === 'multi')
      lines.push(...item.choices.map((c) => `- [ ] ${c.letter}) ${c.text}`));
    else if (item.type === 'order')
      lines.push(
        ...item.choices.map((c) => `- ${c.letter}) ${c.text}`),
        '',
        `Order: ${'____ '.repeat(item.choices.length).trim()}`,
      );
    else if (item.type === 'truefalse') lines.push('- [ ] True', '- [ ] False');
    else
      lines.push(
        '_______________________________________________',
        '',
        '_______________________________________________',
      );
    lines.push('');
  }
  lines.push(
    '---',
    '',
    '## Answer key',
    '',
    `Paper ${p.seed}. Grade typed answers with \`${p.gradeWith}\`.`,
    '',
  );
  for (const k of p.key) {
    lines.push(`${k.n}. **${k.answer}** — ${k.explanation}${k.link ? ` ([spec](${k.link}))` : ''}`);
    if (k.steps) lines.push(...k.steps.map((s, i) => `   ${i + 1}. ${s.letter}) ${s.text}`));
    if (k.rubric)
      lines.push(...rubricLines(k.rubric).map((l) => `   ${l.startsWith('- ') ? '   ' : ''}${l}`));
  }
  return lines.join('\n') + '\n';
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Self-contained: no external fonts, scripts or images, so the page prints the same offline.
const CSS = `
body { font: 11pt/1.45 Georgia, "DejaVu Serif", serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
.meta { color: #444; font-size: .9rem; }
.name { margin: 1.2rem 0 1.6rem; }
ol.questions { padding-left: 1.6rem; }
ol.questions > li { margin-bottom: 1.2rem; break-inside: avoid; page-break-inside: avoid; }
.prompt { font-weight: bold; }
.instruction { font-style: italic; color: #333; font-size: .9rem; }
ul.choices { list-style: none; padding-left: .4rem; margin: .3rem 0; }
ul.choices li::before { content: "☐ "; }
ul.choices.single li::before { content: "○ "; }
ul.order li::before { content: ""; }
.blank { border-bottom: 1px solid #555; height: 1.6rem; }
.order-line { margin-top: .4rem; }
section.key { break-before: page; page-break-before: always; }
section.key li { margin-bottom: .6rem; break-inside: avoid; }
.explanation { color: #333; font-size: .9rem; }
@page { size: A4; margin: 18mm; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;

function itemHtml(item: PaperItem): string {
  const parts = [
    `<li id="q-${esc(item.id)}"><div class="prompt">${esc(item.prompt)}</div><div class="instruction">${esc(item.instruction)}</div>`,
  ];
  if (item.type === 'single' || item.type === 'multi')
    parts.push(
      `<ul class="choices ${item.type}">${item.choices.map((c) => `<li>${c.letter}) ${esc(c.text)}</li>`).join('')}</ul>`,
    );
  else if (item.type === 'order')
    parts.push(
      `<ul class="choices order">${item.choices.map((c) => `<li>${c.letter}) ${esc(c.text)}</li>`).join('')}</ul><div class="order-line">Order: ${'____ '.repeat(item.choices.length).trim()}</div>`,
    );
  else if (item.type === 'truefalse')
    parts.push('<ul class="choices"><li>True</li><li>False</li></ul>');
  else parts.push('<div class="blank"></div><div class="blank"></div><div class="blank"></div>');
  return parts.join('') + '</li>';
}

function keyHtml(k: KeyEntry): string {
  const parts = [`<li><strong class="answer">${esc(k.answer)}</strong>`];
  if (k.steps)
    parts.push(`<ol>${k.steps.map((s) => `<li>${s.letter}) ${esc(s.text)}</li>`).join('')}</ol>`);
  if (k.rubric) {
    const need =
      k.rubric.need >= k.rubric.concepts.length ? 'all of' : `at least ${k.rubric.need} of`;
    parts.push(
      `<div>Model answer: ${esc(k.rubric.model)}</div><div>A correct answer says ${need}:</div><ul class="concepts">${k.rubric.concepts.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`,
    );
  }
  parts.push(
    `<div class="explanation">${esc(k.explanation)}${k.link ? ` <a href="${esc(k.link)}">${esc(k.link)}</a>` : ''}</div></li>`,
  );
  return parts.join('');
}

export function paperHtml(p: Paper): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(p.title)} — paper ${esc(p.seed)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(p.title)}</h1>
<p>${esc(p.description)}</p>
<p class="meta">Paper ${esc(p.seed)} · ${p.items.length} questions</p>
<p class="name">Name: ______________________ &nbsp; Date: ____________</p>
</header>
<main>
<ol class="questions">
${p.items.map(itemHtml).join('\n')}
</ol>
</main>
<section class="key">
<h2>Answer key</h2>
<p class="meta">Paper ${esc(p.seed)}. Grade typed answers with <code>${esc(p.gradeWith)}</code>.</p>
<ol>
${p.key.map(keyHtml).join('\n')}
</ol>
</section>
</body>
</html>
`;
}
