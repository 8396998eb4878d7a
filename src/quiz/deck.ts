/**
 * Quiz decks are YAML files instructors write: a title, a description, and
 * questions, each with a stable id, a type (single, multi, order, truefalse,
 * text), a prompt, choices or items, the answer, an explanation shown after
 * answering, and an optional spec link. Parsing reports every problem with
 * file, line and question id (`oauth-tutor quiz lint`).
 */
import { Checker } from '../checker.js';
import { isObject, type Json, type JsonObject } from '../json.js';
import type { Problem } from '../problems.js';
import { parseYamlContent } from '../yaml-content.js';

export const QUESTION_TYPES = ['single', 'multi', 'order', 'truefalse', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A question's type and the answer it takes, one shape per type (the compiler narrows by `type`). */
export type TypedAnswer =
  /** One of the choices. */
  | { type: 'single'; answer: string }
  /** multi: the right choices; order: every item, in order; text: accepted answers (may be empty with a rubric). */
  | { type: 'multi' | 'order' | 'text'; answer: string[] }
  | { type: 'truefalse'; answer: boolean };

export type Question = QuestionBase & TypedAnswer;

interface QuestionBase {
  id: string;
  prompt: string;
  /** single / multi: the options. order: the items (any order). */
  choices: string[];
  /** text: grade with this rubric item of the self-check instead of (or besides) `answer` ("question:<id>" or a term id). */
  rubric?: string;
  explanation: string;
  link?: string;
  line: number;
}

export interface Deck {
  id: string;
  title: string;
  description: string;
  questions: Question[];
  file: string;
}

export function parseDeck(
  text: string,
  file: string,
  id: string,
  knownRubricItems?: ReadonlySet<string>,
): { deck?: Deck; problems: Problem[] } {
  const yaml = parseYamlContent(text, file);
  if (yaml.value === undefined) return { problems: yaml.problems };
  const c = new Checker(file, yaml.lineOf);
  const root = c.object(
    yaml.value,
    '',
    'a deck must be a mapping with title, description and questions',
  );
  if (root === undefined) return { problems: c.problems };
  const title = c.string(root, 'title', '');
  const description = c.string(root, 'description', '', { optional: true }) ?? '';
  const items = root['questions'];
  if (!Array.isArray(items) || items.length === 0) {
    c.report('questions', 'must be a non-empty list', { in: root, key: 'questions' });
    return { problems: c.problems };
  }
  const questions: Question[] = [];
  const seen = new Map<string, number>();
  items.forEach((entry, i) => {
    if (!isObject(entry)) {
      c.report(`questions[${i}]`, 'must be a mapping', { in: items, key: i });
      return;
    }
    const item = entry;
    const q = parseQuestion(c, item, i, seen, knownRubricItems);
    if (q !== undefined) questions.push(q);
  });
  if (title === undefined || c.problems.length > 0) return { problems: c.problems };
  return { deck: { id, title, description, questions, file }, problems: [] };
}

/** One question; every problem is reported under its id (or its place when it has none). */
function parseQuestion(
  c: Checker,
  item: JsonObject,
  i: number,
  seen: Map<string, number>,
  knownRubricItems: ReadonlySet<string> | undefined,
): Question | undefined {
  const at = (key: string) => ({ in: item, key });
  const line = c.lineOf(item) ?? 0;
  const qid = c.string(item, 'id', `questions[${i}]`);
  const label = qid ?? `questions[${i}]`;
  if (qid !== undefined) {
    const first = seen.get(qid);
    if (first !== undefined)
      c.report(`${label}.id`, `duplicate id "${qid}" (first at line ${first})`, at('id'));
    else seen.set(qid, line);
  }
  const type = c.oneOf(item, 'type', label, QUESTION_TYPES);
  if (type === undefined) return undefined;
  const prompt = c.string(item, 'prompt', label);
  const explanation = c.string(item, 'explanation', label, {
    missing: 'is missing: say why the answer is right',
  });
  const link = c.string(item, 'link', label, { optional: true });
  if (link !== undefined && !/^https:\/\//.test(link))
    c.report(`${label}.link`, 'must be an https:// link', at('link'));
  const rubric = c.string(item, 'rubric', label, { optional: true });
  const raw = item['answer'];
  let choices: string[] = [];
  let answer: TypedAnswer | undefined;
  switch (type) {
    case 'single':
    case 'multi': {
      choices = texts(item['choices']) ?? [];
      if (choices.length < 2)
        c.report(`${label}.choices`, 'needs at least 2 choices', at('choices'));
      const dup = choices.find((ch, j) => choices.indexOf(ch) !== j);
      if (dup !== undefined)
        c.report(`${label}.choices`, `"${dup}" is listed twice`, at('choices'));
      const given = type === 'single' ? (typeof raw === 'string' ? [raw] : undefined) : texts(raw);
      if (given === undefined || given.length === 0) {
        c.report(
          `${label}.answer`,
          type === 'single' ? 'must be one of the choices' : 'must be a non-empty list of choices',
          at('answer'),
        );
        break;
      }
      const missing = given.filter((g) => !choices.includes(g));
      if (missing.length > 0)
        c.report(
          `${label}.answer`,
          `${missing.map((m) => `"${m}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not among the choices`,
          at('answer'),
        );
      else if (type === 'multi') answer = { type, answer: given };
      else if (typeof raw === 'string') answer = { type, answer: raw };
      break;
    }
    case 'order': {
      choices = texts(item['items']) ?? [];
      if (choices.length < 2) c.report(`${label}.items`, 'needs at least 2 items', at('items'));
      const given = texts(raw);
      const isPerm =
        given !== undefined &&
        given.length === choices.length &&
        new Set(given).size === given.length &&
        given.every((g) => choices.includes(g));
      if (isPerm) answer = { type, answer: given };
      else
        c.report(
          `${label}.answer`,
          'must list every item exactly once (a permutation of items)',
          at('answer'),
        );
      break;
    }
    case 'truefalse':
      if (typeof raw === 'boolean') answer = { type, answer: raw };
      else c.report(`${label}.answer`, 'must be true or false', at('answer'));
      choices = ['True', 'False'];
      break;
    case 'text': {
      const accepted = typeof raw === 'string' ? [raw] : (texts(raw) ?? []);
      if (accepted.length === 0 && rubric === undefined)
        c.report(
          `${label}.answer`,
          'a text question needs accepted answers, or a rubric item',
          at('answer'),
        );
      if (rubric !== undefined && knownRubricItems !== undefined && !knownRubricItems.has(rubric))
        c.report(
          `${label}.rubric`,
          `unknown rubric item "${rubric}" (known: ${[...knownRubricItems].join(', ')})`,
          at('rubric'),
        );
      answer = { type, answer: accepted };
      break;
    }
  }
  if (qid === undefined || prompt === undefined || explanation === undefined) return undefined;
  if (answer === undefined) return undefined;
  return {
    id: qid,
    ...answer,
    prompt,
    choices,
    explanation,
    line,
    ...(link === undefined ? {} : { link }),
    ...(rubric === undefined ? {} : { rubric }),
  };
}

/** A list of choices or items in text form: numbers and booleans verbatim (`- 200`, `- true`). */
function texts(value: Json | undefined): string[] | undefined {
  return Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
    : undefined;
}
