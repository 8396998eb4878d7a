/**
 * The rubric is data (lessons/rubric.yaml): for each review question and
 * vocabulary term, how to find it on a sheet, the concepts a good answer
 * contains, a model answer, and the misconceptions to recognise, each with
 * an explanation and a spec link. This file parses and validates it.
 */
import type { Checker } from '../checker.js';
import type { Json, JsonObject } from '../json.js';
import { compilePattern, type Pattern } from './match.js';

export interface Concept {
  id: string;
  /** What the concept is, in words, for feedback ("it is exchanged for an access token"). */
  says: string;
  /** Any one of these groups of patterns… */
  any: Pattern[];
  /** …or every one of these groups. */
  all: Pattern[][];
}

export interface Misconception {
  id: string;
  any: Pattern[];
  all: Pattern[][];
  /** Not counted when the answer also holds one of these concepts. */
  unless: string[];
  explanation: string;
  link: string;
  /** Answers that must match this misconception (checked by `lessons lint`). */
  examples: string[];
}

export interface RubricItem {
  id: string;
  kind: 'question' | 'term';
  /** The question in its asked form, or the term's name. */
  prompt: string;
  /** Questions: patterns that must all match the question line. */
  detect: Pattern[];
  /** Questions: a heading the student gave the question instead of asking it ("Access Token Uses"). */
  topic: Pattern[];
  /** Said with every feedback for this item (e.g. what the RFC calls the term). */
  note?: string;
  /** Terms: the names a term goes by on a sheet. */
  aliases: string[];
  model: string;
  /** At least one (the first is what feedback names when nothing else is missing). */
  concepts: [Concept, ...Concept[]];
  /** How many concepts make an answer correct. */
  need: number;
  /** Words that show the right direction without the concept: partial credit. */
  vague: Pattern[];
  misconceptions: Misconception[];
}

export interface Rubric {
  /** prompt: the step ids in the scrambled order the assignment prints (a copy of it is not an answer). */
  ordering: { detect: Pattern[]; steps: Record<string, Pattern[]>; prompt: string[] };
  questions: RubricItem[];
  terms: RubricItem[];
  reflections: { id: string; detect: Pattern[] }[];
}

export function parseRubric(raw: Json, c: Checker): Rubric | undefined {
  const root = c.object(raw, '');
  if (root === undefined) return undefined;
  const ordering = c.object(root['ordering'], 'ordering');
  const steps: Record<string, Pattern[]> = {};
  let orderingDetect: Pattern[] = [];
  let prompt: string[] = [];
  if (ordering !== undefined) {
    orderingDetect = patterns(c, ordering, 'detect', 'ordering');
    prompt = c.strings(ordering, 'prompt', 'ordering', { optional: true }) ?? [];
    const s = c.object(ordering['steps'], 'ordering.steps');
    if (s !== undefined)
      for (const id of Object.keys(s)) steps[id] = patterns(c, s, id, 'ordering.steps');
  }
  const questions = items(c, root, 'questions', 'question');
  const terms = items(c, root, 'terms', 'term');
  const reflections: Rubric['reflections'] = [];
  (c.array(root, 'reflections', '', { optional: true }) ?? []).forEach((r, i) => {
    const obj = c.object(r, `reflections[${i}]`);
    const id = obj && c.string(obj, 'id', `reflections[${i}]`);
    if (obj && id)
      reflections.push({ id, detect: patterns(c, obj, 'detect', `reflections[${i}]`) });
  });
  c.unique(
    questions.map((q) => q.id),
    'questions',
  );
  c.unique(
    terms.map((t) => t.id),
    'terms',
  );
  const aliases = terms.flatMap((t) => t.aliases.map((a) => [a.toLowerCase(), t.id] as const));
  const firstUser = new Map<string, string>();
  for (const [a, id] of aliases) {
    const other = firstUser.get(a);
    if (other === undefined) firstUser.set(a, id);
    else c.report('terms', `alias "${a}" is used by both ${other} and ${id}`);
  }
  return { ordering: { detect: orderingDetect, steps, prompt }, questions, terms, reflections };
}

function items(
  c: Checker,
  root: JsonObject,
  key: 'questions' | 'terms',
  kind: RubricItem['kind'],
): RubricItem[] {
  const out: RubricItem[] = [];
  (c.array(root, key, '', { nonEmpty: true }) ?? []).forEach((entry, i) => {
    const field = `${key}[${i}]`;
    const obj = c.object(entry, field);
    if (obj === undefined) return;
    const id = c.string(obj, 'id', field);
    const named = id === undefined ? field : `${field} (${id})`;
    const prompt = c.string(obj, kind === 'question' ? 'prompt' : 'term', named);
    const model = c.string(obj, 'model', named);
    const detect = kind === 'question' ? patterns(c, obj, 'detect', named) : [];
    const topic =
      kind === 'question' && obj['topic'] !== undefined ? patterns(c, obj, 'topic', named) : [];
    const note = c.string(obj, 'note', named, { optional: true });
    const aliases =
      kind === 'term' ? (c.strings(obj, 'aliases', named, { nonEmpty: true }) ?? []) : [];
    const concepts: Concept[] = [];
    (c.array(obj, 'concepts', named, { nonEmpty: true }) ?? []).forEach((ce, j) => {
      const cf = `${named}.concepts[${j}]`;
      const co = c.object(ce, cf);
      const cid = co && c.string(co, 'id', cf);
      const says = co && c.string(co, 'says', cf);
      if (co && cid && says) concepts.push({ id: cid, says, ...matchers(c, co, cf) });
    });
    c.unique(
      concepts.map((x) => x.id),
      `${named}.concepts`,
    );
    const needRaw = obj['need'];
    let need = 1;
    if (needRaw !== undefined) {
      if (
        typeof needRaw !== 'number' ||
        !Number.isInteger(needRaw) ||
        needRaw < 1 ||
        needRaw > concepts.length
      ) {
        c.report(
          `${named}.need`,
          `must be a whole number from 1 to the number of concepts (${concepts.length})`,
        );
      } else need = needRaw;
    }
    const vague = obj['vague'] === undefined ? [] : patterns(c, obj, 'vague', named);
    const misconceptions: Misconception[] = [];
    (c.array(obj, 'misconceptions', named, { optional: true }) ?? []).forEach((me, j) => {
      const mf = `${named}.misconceptions[${j}]`;
      const mo = c.object(me, mf);
      if (mo === undefined) return;
      const mid = c.string(mo, 'id', mf);
      const explanation = c.string(mo, 'explanation', mf);
      const link = c.string(mo, 'link', mf);
      if (link !== undefined && !/^https:\/\//.test(link))
        c.report(`${mf}.link`, 'must be an https:// link to the spec or RFC section');
      const unless = c.strings(mo, 'unless', mf, { optional: true }) ?? [];
      unless.forEach((u, k) => {
        if (!concepts.some((x) => x.id === u))
          c.report(`${mf}.unless[${k}]`, `unknown concept id "${u}"`);
      });
      const examples = c.strings(mo, 'examples', mf, { optional: true }) ?? [];
      if (mid && explanation && link)
        misconceptions.push({
          id: mid,
          explanation,
          link,
          unless,
          examples,
          ...matchers(c, mo, mf),
        });
    });
    const [firstConcept, ...otherConcepts] = concepts;
    if (id && prompt && model && firstConcept !== undefined) {
      out.push({
        id,
        kind,
        prompt,
        detect,
        topic,
        aliases,
        model,
        concepts: [firstConcept, ...otherConcepts],
        need,
        vague,
        misconceptions,
        ...(note === undefined ? {} : { note }),
      });
    }
  });
  return out;
}

function matchers(
  c: Checker,
  obj: JsonObject,
  field: string,
): { any: Pattern[]; all: Pattern[][] } {
  const any = obj['any'] === undefined ? [] : patterns(c, obj, 'any', field);
  const all: Pattern[][] = [];
  if (obj['all'] !== undefined) {
    const groups = c.array(obj, 'all', field) ?? [];
    groups.forEach((g, i) => {
      if (!Array.isArray(g)) c.report(`${field}.all[${i}]`, 'must be a list of patterns');
      else all.push(compileAll(c, g, `${field}.all[${i}]`));
    });
  }
  if (any.length === 0 && all.length === 0) c.report(field, 'needs patterns under "any" or "all"');
  return { any, all };
}

function patterns(c: Checker, obj: JsonObject, key: string, field: string): Pattern[] {
  const list = c.array(obj, key, field, { nonEmpty: true });
  return list === undefined ? [] : compileAll(c, list, `${field}.${key}`);
}

function compileAll(c: Checker, list: Json[], field: string): Pattern[] {
  const out: Pattern[] = [];
  list.forEach((p, i) => {
    if (typeof p !== 'string' || p.trim() === '' || p === '!') {
      c.report(`${field}[${i}]`, 'must be a non-empty pattern');
      return;
    }
    try {
      out.push(compilePattern(p));
    } catch (error) {
      // new RegExp throws only SyntaxError, whose message says what is wrong.
      const why = error instanceof Error ? error.message : String(error);
      c.report(`${field}[${i}]`, `is not a valid regular expression: ${why}`);
    }
  });
  return out;
}
