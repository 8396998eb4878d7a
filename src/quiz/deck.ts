/**
 * Quiz decks are YAML files instructors write: a title, a description, and
 * questions, each with a stable id, a type (single, multi, order, truefalse,
 * text), a prompt, choices or items, the answer, an explanation shown after
 * answering, and an optional spec link. Parsing reports every problem with
 * file, line and question id (`oauth-tutor quiz lint`).
 */
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from 'yaml';
import type { Problem } from '../problems.js';

export const QUESTION_TYPES = ['single', 'multi', 'order', 'truefalse', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface Question {
  id: string;
  type: QuestionType;
  prompt: string;
  /** single / multi: the options. order: the items (any order). */
  choices: string[];
  /** single: one choice; multi: choices; order: items in order; truefalse: boolean; text: accepted answers. */
  answer: string | string[] | boolean;
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
  const problems: Problem[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  const lineOf = (node: YamlNode | null | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  const report = (field: string, message: string, node?: YamlNode | null, qid?: string) => {
    const p: Problem = { file, field: qid === undefined ? field : `${qid}.${field}`, message };
    const line = lineOf(node);
    if (line !== undefined) p.line = line;
    problems.push(p);
  };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const p: Problem = {
        file,
        field: '',
        message: `not valid YAML: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      };
      if (e.linePos?.[0]?.line !== undefined) p.line = e.linePos[0].line;
      problems.push(p);
    }
    return { problems };
  }
  const root = doc.contents;
  if (!isMap(root)) {
    report('', 'a deck must be a mapping with title, description and questions', root);
    return { problems };
  }
  const str = (map: { get(key: string): unknown }, key: string): string | undefined => {
    const v: unknown = map.get(key);
    return typeof v === 'string' && v.trim() !== '' ? v : undefined;
  };
  const title = str(root, 'title');
  if (title === undefined) report('title', 'is missing', root);
  const description = str(root, 'description') ?? '';
  const qs = root.get('questions', true);
  if (!isSeq(qs) || qs.items.length === 0) {
    report('questions', 'must be a non-empty list', (qs as YamlNode | undefined) ?? root);
    return { problems };
  }
  const questions: Question[] = [];
  const seen = new Map<string, number>();
  qs.items.forEach((item, i) => {
    if (!isMap(item)) {
      report(`questions[${i}]`, 'must be a mapping', item as YamlNode);
      return;
    }
    const line = lineOf(item) ?? 0;
    const qid = str(item, 'id');
    const label = qid ?? `questions[${i}]`;
    const node = (key: string) => (item.get(key, true) as YamlNode | undefined) ?? item;
    if (qid === undefined) report('id', 'is missing', item, `questions[${i}]`);
    else if (seen.has(qid))
      report('id', `duplicate id "${qid}" (first at line ${seen.get(qid)})`, node('id'), label);
    else seen.set(qid, line);
    const type = str(item, 'type');
    if (type === undefined || !(QUESTION_TYPES as readonly string[]).includes(type)) {
      report(
        'type',
        type === undefined ? 'is missing' : `"${type}" is not one of: ${QUESTION_TYPES.join(', ')}`,
        node('type'),
        label,
      );
      return;
    }
    const prompt = str(item, 'prompt');
    if (prompt === undefined) report('prompt', 'is missing', item, label);
    const explanation = str(item, 'explanation');
    if (explanation === undefined)
      report('explanation', 'is missing: say why the answer is right', item, label);
    const link = str(item, 'link');
    if (link !== undefined && !/^https:\/\//.test(link))
      report('link', 'must be an https:// link', node('link'), label);
    const raw = item.toJSON() as Record<string, unknown>;
    const list = (key: string) =>
      Array.isArray(raw[key]) ? (raw[key] as unknown[]).map(String) : undefined;
    let choices: string[] = [];
    let answer: Question['answer'] | undefined;
    switch (type) {
      case 'single':
      case 'multi': {
        choices = list('choices') ?? [];
        if (choices.length < 2)
          report('choices', 'needs at least 2 choices', node('choices'), label);
        const dup = choices.find((c, j) => choices.indexOf(c) !== j);
        if (dup !== undefined)
          report('choices', `"${dup}" is listed twice`, node('choices'), label);
        const given =
          type === 'single'
            ? typeof raw['answer'] === 'string'
              ? [raw['answer']]
              : undefined
            : list('answer');
        if (given === undefined || given.length === 0)
          report(
            'answer',
            type === 'single'
              ? 'must be one of the choices'
              : 'must be a non-empty list of choices',
            node('answer'),
            label,
          );
        else {
          const missing = given.filter((g) => !choices.includes(g));
          if (missing.length > 0)
            report(
              'answer',
              `${missing.map((m) => `"${m}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not among the choices`,
              node('answer'),
              label,
            );
          else answer = type === 'single' ? given[0]! : given;
        }
        break;
      }
      case 'order': {
        choices = list('items') ?? [];
        if (choices.length < 2) report('items', 'needs at least 2 items', node('items'), label);
        const given = list('answer');
        const isPerm =
          given !== undefined &&
          given.length === choices.length &&
          new Set(given).size === given.length &&
          given.every((g) => choices.includes(g));
        if (!isPerm)
          report(
            'answer',
            'must list every item exactly once (a permutation of items)',
            node('answer'),
            label,
          );
        else answer = given;
        break;
      }
      case 'truefalse':
        if (typeof raw['answer'] !== 'boolean')
          report('answer', 'must be true or false', node('answer'), label);
        else answer = raw['answer'];
        choices = ['True', 'False'];
        break;
      case 'text': {
        const accepted =
          typeof raw['answer'] === 'string' ? [raw['answer']] : (list('answer') ?? []);
        const rubric = str(item, 'rubric');
        if (accepted.length === 0 && rubric === undefined)
          report(
            'answer',
            'a text question needs accepted answers, or a rubric item',
            node('answer'),
            label,
          );
        if (rubric !== undefined && knownRubricItems !== undefined && !knownRubricItems.has(rubric))
          report(
            'rubric',
            `unknown rubric item "${rubric}" (known: ${[...knownRubricItems].join(', ')})`,
            node('rubric'),
            label,
          );
        answer = accepted;
        break;
      }
    }
    if (
      qid !== undefined &&
      prompt !== undefined &&
      explanation !== undefined &&
      answer !== undefined
    ) {
      const q: Question = {
        id: qid,
        type: type as QuestionType,
        prompt,
        choices,
        answer,
        explanation,
        line,
      };
      if (link !== undefined) q.link = link;
      const rubric = str(item, 'rubric');
      if (rubric !== undefined) q.rubric = rubric;
      questions.push(q);
    }
  });
  if (title === undefined || problems.length > 0) return { problems };
  return { deck: { id, title, description, questions, file }, problems };
}
