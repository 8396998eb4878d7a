/**
 * A prepared answer set (`quiz <deck> --answers answers.json`): a JSON object
 * from question id to answer. Choices may be given by their text or by the
 * letter the paper export printed for the same seed (a, b, c… in the order of
 * `quizQuestions(deck, seed)`); see the README's "Answer files" section.
 * Pure: the caller reads the file and prints the warnings.
 */
import type { Deck, Question } from './deck.js';
import { asBoolean, normalizeText, type Answer } from './score.js';

export const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export interface AnswerSet {
  answers: Map<string, unknown>;
  /** Ids in the file that are not questions of the deck. */
  unknown: string[];
}

export function isAnswerObject(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

export function answerSet(data: Record<string, unknown>, deck: Deck): AnswerSet {
  const ids = new Set(deck.questions.map((q) => q.id));
  return {
    answers: new Map(Object.entries(data)),
    unknown: Object.keys(data).filter((id) => !ids.has(id)),
  };
}

export interface Resolved {
  /** The answer in the deck's own terms (choice texts, a boolean, text); undefined when none was given. */
  answer: Answer | undefined;
  /** True when a choice letter was used, which only means something with the paper's seed. */
  usedLetters: boolean;
}

const LETTER = /^\(?([a-z])[).]?$/i;

/** One choice, by its text (exact, then normalised) or its letter. */
function choice(q: Question, raw: string): { text: string; letter: boolean } {
  const t = raw.trim();
  if (q.choices.includes(t)) return { text: t, letter: false };
  const byText = q.choices.find((c) => normalizeText(c) === normalizeText(t));
  if (byText !== undefined) return { text: byText, letter: false };
  const letter = LETTER.exec(t)?.[1];
  const byLetter =
    letter === undefined ? undefined : q.choices[LETTERS.indexOf(letter.toLowerCase())];
  if (byLetter !== undefined) return { text: byLetter, letter: true };
  return { text: t, letter: false };
}

/** "c, a, b" / "c a b" / "CAB" → ["c", "a", "b"]; undefined when the text is not a run of letters. */
function letterList(raw: string): string[] | undefined {
  const t = raw.trim();
  if (/^[a-z]+$/i.test(t) && t.length > 1) return [...t];
  if (/^[a-z]([\s,;>→-]+[a-z])+$/i.test(t)) return t.split(/[\s,;>→-]+/);
  return undefined;
}

function many(q: Question, raw: unknown): { list: string[]; letter: boolean } | undefined {
  let parts: string[];
  if (Array.isArray(raw)) parts = raw.map(String);
  else if (typeof raw === 'string')
    parts = q.choices.includes(raw.trim()) ? [raw] : (letterList(raw) ?? [raw]);
  else return undefined;
  const picked = parts.map((p) => choice(q, p));
  return { list: picked.map((p) => p.text), letter: picked.some((p) => p.letter) };
}

export function resolveAnswer(q: Question, raw: unknown): Resolved {
  if (raw === undefined || raw === null) return { answer: undefined, usedLetters: false };
  switch (q.type) {
    case 'single': {
      if (typeof raw !== 'string' && typeof raw !== 'number')
        return { answer: JSON.stringify(raw), usedLetters: false };
      const c = choice(q, String(raw));
      return { answer: c.text, usedLetters: c.letter };
    }
    case 'multi':
    case 'order': {
      const m = many(q, raw);
      return m === undefined
        ? { answer: JSON.stringify(raw), usedLetters: false }
        : { answer: m.list, usedLetters: m.letter };
    }
    case 'truefalse': {
      const b = asBoolean(raw);
      return {
        answer: b ?? (typeof raw === 'string' ? raw : JSON.stringify(raw)),
        usedLetters: false,
      };
    }
    case 'text':
      return {
        answer:
          typeof raw === 'string'
            ? raw
            : Array.isArray(raw)
              ? raw.map(String).join(' ')
              : String(raw),
        usedLetters: false,
      };
  }
}
