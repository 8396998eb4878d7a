/**
 * Grading one answer against one rubric item: `missing` (nothing there),
 * `incorrect` (a known misconception, or none of the concepts), `partial`
 * (the right direction, but the key concept is missing or vague — "more
 * secure"), or `correct` (enough of the concepts).
 */
import { allGroupsHit, anyHit } from './match.js';
import type { Concept, Misconception, RubricItem } from './rubric.js';
import { normalize } from './text.js';

export type Verdict = 'correct' | 'partial' | 'incorrect' | 'missing';

export interface ItemResult {
  verdict: Verdict;
  /** One or two sentences for the learner. */
  feedback: string;
  /** What the student wrote (trimmed), when anything. */
  answer?: string;
  /** The concepts found, by id. */
  found: string[];
  /** What a good answer also says, in words. */
  missing: string[];
  model: string;
  misconceptions: { id: string; explanation: string; link: string }[];
  /** Said with every answer to this item, right or wrong (also part of `feedback`). */
  note?: string;
}

/**
 * Everything up to the student's last retraction in an answer: "(ignore above)", "(scratch that)",
 * "actually no - …" (not after a question of their own: "Is it secret? Actually no - …"), "EDIT: no -"
 * (on the normalised, lower-case text; one start, so linear).
 */
const RETRACTED =
  /^.*(?:\((?:ignore (?:the )?(?:above|that|this)|scratch that|never ?mind|nvm)\)|(?<!\?\s{0,3})\bactually,? no\s{0,3}[-–—:]\s|\bedit:\s{0,3}(?:no|wrong)\s{0,3}[-–—:,.])/;
/** (A YAML or JSON value left empty, `~`, `null` or `""`, is none either.) */
const NON_ANSWER =
  /^(n\/?a|none|nothing yet|idk|i ?don'?t know|dunno|no idea|not sure|unsure|\?+|-+|tbd|todo|to do|\.+|…|x|~|null|""|'')[.!]?$/;
/** "idk yet, I'll ask in class", "TBD - need to read more": a short note that there is no answer yet. */
const NON_ANSWER_NOTE =
  /^(idk|i ?don'?t know( yet)?|dunno|no idea|(i'?m |i am )?not sure( yet)?|(i'?m |i am )?unsure|tbd|todo|to do|coming soon|(i'?ll|i will) (come back|add|finish|update)|will (come back|add|finish|update)|need to (research|read|look)|(i'?ll |i will |will |to )?come back( to (this|it|that)( one)?)?( later)?(?= ?[,.;!]| ?$)|(i )?ran out of time|no time (left|to (finish|answer|do|write))|(i )?(didn'?t|did not|haven'?t|have not) (finish|get to|have time|done)|skipped)\b/;
/** A note in parentheses or emphasis, "_(will finish later)_", without them (a loop: no backtracking). */
function unwrapped(text: string): string {
  const wrapping = ' _*()[].!';
  let start = 0;
  let end = text.length;
  while (start < end && wrapping.includes(text[start]!)) start++;
  while (end > start && wrapping.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/** Only the words of a text, to compare an answer with its question. */
function bare(text: string): string {
  return text.replace(/[^a-z0-9]+/g, ' ').trim();
}

const bareQuestions = new WeakMap<RubricItem, string>();

/** Whether the (normalised) answer is the item's own question, word for word. */
function copiesPrompt(item: RubricItem, text: string): boolean {
  let question = bareQuestions.get(item);
  if (question === undefined) {
    question = bare(normalize(item.prompt));
    bareQuestions.set(item, question);
  }
  return text.length <= question.length + 8 && bare(text) === question;
}

const ownNames = new WeakMap<RubricItem, RegExp>();

/** The answer with every mention of the term's own names (its aliases) blanked out. */
function withoutOwnName(item: RubricItem, text: string): string {
  let re = ownNames.get(item);
  if (re === undefined) {
    const names = item.aliases
      .map((a) => normalize(a).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .sort((a, b) => b.length - a.length);
    re = new RegExp(`\\b(?:${names.join('|')})\\b`, 'g');
    ownNames.set(item, re);
  }
  return text.replace(re, ' ').replace(/\s+/g, ' ').trim();
}

/** Words that carry nothing in a definition: "the secret *of the* client", "*an* id *for your* client". */
const FILLER = new Set(
  'a an the of for to by from with in is it its s that which this your our my their his her one own'.split(
    ' ',
  ),
);
const nameWords = new WeakMap<RubricItem, Set<string>>();

/** Whether a definition is only its term's own name reworded ("Client secret: the secret of the client"). */
function restatesName(item: RubricItem, text: string): boolean {
  let name = nameWords.get(item);
  if (name === undefined) {
    name = new Set(
      normalize(item.prompt)
        .split(/[^a-z0-9]+/)
        .filter((w) => w !== ''),
    );
    nameWords.set(item, name);
  }
  if (text.length > 80) return false;
  const words = text.split(/[^a-z0-9]+/).filter((w) => w !== '' && !FILLER.has(w));
  return words.length > 0 && words.every((w) => name.has(w) || name.has(w.replace(/s$/, '')));
}

function matches(m: Concept | Misconception, text: string): boolean {
  return (
    (m.any.length > 0 && anyHit(m.any, text)) || (m.all.length > 0 && allGroupsHit(m.all, text))
  );
}

export function evaluate(item: RubricItem, answer: string | undefined): ItemResult {
  const result = judge(item, answer);
  // What every answer on this item should hear, right or wrong (e.g. the RFC's name for the term).
  return item.note === undefined
    ? result
    : { ...result, feedback: `${result.feedback} ${item.note}`, note: item.note };
}

function judge(item: RubricItem, answer: string | undefined): ItemResult {
  const base: Pick<ItemResult, 'model' | 'found' | 'missing' | 'misconceptions'> = {
    model: item.model,
    found: [],
    missing: item.concepts.map((c) => c.says),
    misconceptions: [],
  };
  const what = item.kind === 'question' ? `"${item.prompt}"` : `the term ${item.prompt}`;
  // "A: …" / "Answer: …" is how many sheets mark an answer; the marker is not part of it.
  const marked = normalize(answer ?? '').replace(/^(a|ans|answer)\s*[:.)\-]\s*/, '');
  // What the student took back ("… (ignore above) …", "… EDIT: no - …") is not the answer.
  const kept = marked.replace(RETRACTED, '');
  const text = /[a-z0-9]/.test(kept) ? kept : marked;
  if (
    answer === undefined ||
    text === '' ||
    NON_ANSWER.test(text) ||
    (text.split(' ').length <= 10 && NON_ANSWER_NOTE.test(unwrapped(text))) ||
    // The question copied where its answer goes ("What can you do with an access token?").
    copiesPrompt(item, text)
  ) {
    const feedback =
      answer === undefined
        ? `No answer found for ${what}.`
        : `${what.charAt(0).toUpperCase()}${what.slice(1)} has no answer yet.`;
    return { verdict: 'missing', feedback, ...base };
  }
  // A definition that restates its term ("A Client ID is …") earns nothing for the term's own words.
  const judged = item.kind === 'term' ? withoutOwnName(item, text) : text;
  const found = item.concepts.filter((c) => matches(c, judged));
  const foundIds = found.map((c) => c.id);
  const missing = item.concepts.filter((c) => !foundIds.includes(c.id)).map((c) => c.says);
  // The rubric lists misconceptions most specific first; one explanation per answer is enough.
  const misconceptions = item.misconceptions
    .filter((m) => matches(m, judged) && !m.unless.some((u) => foundIds.includes(u)))
    .slice(0, 1)
    .map(({ id, explanation, link }) => ({ id, explanation, link }));
  const result = {
    answer: answer.trim(),
    found: foundIds,
    missing,
    model: item.model,
    misconceptions,
  };
  const [misconception] = misconceptions;
  if (misconception !== undefined) {
    return {
      verdict: 'incorrect',
      feedback: `This is a common misconception. ${misconception.explanation}`,
      ...result,
    };
  }
  // "The secret of the client": the term's name in other order, which says nothing of what it is.
  if (item.kind === 'term' && restatesName(item, text)) {
    return {
      verdict: 'partial',
      feedback: `That only restates the term's name; say what it is for: ${missing[0] ?? item.concepts[0].says}.`,
      ...result,
    };
  }
  if (found.length >= item.need) {
    return {
      verdict: 'correct',
      feedback: `Good: ${found.map((c) => c.says).join('; ')}.`,
      ...result,
    };
  }
  if (found.length > 0 || anyHit(item.vague, judged) || anyHit(item.vague, text)) {
    const key = missing[0] ?? item.concepts[0].says;
    return {
      verdict: 'partial',
      feedback: `Right direction, but say what matters: ${key}.`,
      ...result,
    };
  }
  return {
    verdict: 'incorrect',
    feedback: `Not quite. A good answer would cover this: ${item.concepts[0].says}.`,
    ...result,
  };
}
