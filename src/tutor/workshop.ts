/**
 * The workshop lesson kind: sections of prose, each optionally followed by a
 * live demo (by id, from src/jwt/demos) or attack lab of the live flow,
 * ending with a multiple-choice check
 * of understanding. Content is data (lessons/*.yaml); this parses it.
 */
import type { Checker } from '../checker.js';
import { parseChoiceOptions, type ChoiceOption } from './choice-options.js';
import type { Json } from '../json.js';
import { createRng, shuffle } from '../random.js';
import { DEMO_IDS, type DemoId } from '../jwt/demos/ids.js';
import { ATTACKS, type AttackName } from '../oauth/attack-labs.js';

export interface WorkshopSection {
  title: string;
  text: string;
  demo?: DemoId;
  /** An attack lab of the live flow (`flow --attack <lab>`), run on the spot. */
  lab?: AttackName;
}

export type QuizOption = ChoiceOption;

export interface QuizQuestion {
  id: string;
  question: string;
  options: QuizOption[];
}

export interface Workshop {
  sections: WorkshopSection[];
  quiz: QuizQuestion[];
}

export function parseWorkshop(raw: Json, c: Checker): Workshop | undefined {
  const root = c.object(raw, '');
  if (root === undefined) return undefined;
  const sections: WorkshopSection[] = [];
  (c.array(root, 'sections', '', { nonEmpty: true }) ?? []).forEach((s, i) => {
    const field = `sections[${i}]`;
    const obj = c.object(s, field);
    if (obj === undefined) return;
    const title = c.string(obj, 'title', field);
    const text = c.string(obj, 'text', field);
    const demoName = c.string(obj, 'demo', field, { optional: true });
    const demo = DEMO_IDS.find((d) => d === demoName);
    if (demoName !== undefined && demo === undefined)
      c.report(`${field}.demo`, `unknown demo id "${demoName}" (known: ${DEMO_IDS.join(', ')})`);
    const labName = c.string(obj, 'lab', field, { optional: true });
    const lab = ATTACKS.find((a) => a === labName);
    if (labName !== undefined && lab === undefined)
      c.report(`${field}.lab`, `unknown attack lab "${labName}" (known: ${ATTACKS.join(', ')})`);
    if (demo !== undefined && lab !== undefined)
      c.report(field, 'a section runs a demo or a lab, not both');
    if (title !== undefined && text !== undefined)
      sections.push({
        title,
        text,
        ...(demo === undefined ? {} : { demo }),
        ...(lab === undefined ? {} : { lab }),
      });
  });
  const quiz: QuizQuestion[] = [];
  (c.array(root, 'quiz', '', { nonEmpty: true }) ?? []).forEach((q, i) => {
    const field = `quiz[${i}]`;
    const obj = c.object(q, field);
    if (obj === undefined) return;
    const id = c.string(obj, 'id', field);
    const question = c.string(obj, 'question', field);
    const options: QuizOption[] = parseChoiceOptions(c, obj, field);
    const right = options.filter((o) => o.correct).length;
    if (id !== undefined && question !== undefined && right === 1)
      quiz.push({ id, question, options });
  });
  c.unique(
    quiz.map((q) => q.id),
    'quiz',
  );
  return sections.length > 0 && quiz.length > 0 ? { sections, quiz } : undefined;
}

/**
 * The check of understanding the way the learner sees it: every question's options
 * shuffled by `seed` (as `quiz` does), so the right answer is not always in the
 * same place; the same seed gives the same order.
 */
export function shuffledQuiz(quiz: readonly QuizQuestion[], seed: string | number): QuizQuestion[] {
  const rng = createRng(seed);
  return quiz.map((q) => ({ ...q, options: shuffle(q.options, rng) }));
}
