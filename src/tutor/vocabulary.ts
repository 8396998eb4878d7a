/**
 * The vocabulary exercise: multiple-choice cards, term → definition and the
 * reverse. The wrong options of a card are misconceptions students really
 * meet, each with the reason it is wrong. Missed cards come back later in the
 * same session; the score counts first answers only.
 */
import type { Checker } from '../checker.js';
import { parseChoiceOptions, type ChoiceOption } from './choice-options.js';
import type { Json } from '../json.js';
import { shuffle, type Rng } from '../random.js';
import { inSentence } from './wording.js';
import type { Question } from '../quiz/deck.js';

export type VocabOption = ChoiceOption;

export interface VocabCard {
  id: string;
  term: string;
  /** Other names the term goes by ("token endpoint" for "access token endpoint"). */
  aliases: string[];
  options: VocabOption[];
  /** The correct definition (the option marked correct). */
  definition: string;
  /** Core cards are the seven terms of the flow; the rest are extras. */
  core: boolean;
}

export interface VocabularyDeck {
  cards: VocabCard[];
}

export function parseVocabulary(raw: Json, c: Checker): VocabularyDeck | undefined {
  const root = c.object(raw, '');
  if (root === undefined) return undefined;
  const cards: VocabCard[] = [];
  (c.array(root, 'cards', '', { nonEmpty: true }) ?? []).forEach((item, i) => {
    const field = `cards[${i}]`;
    const obj = c.object(item, field);
    if (obj === undefined) return;
    const id = c.string(obj, 'id', field);
    const named = id === undefined ? field : `${field} (${id})`;
    const term = c.string(obj, 'term', named);
    const aliases = c.strings(obj, 'aliases', named, { optional: true }) ?? [];
    const core = obj['core'] === true;
    const options: VocabOption[] = parseChoiceOptions(c, obj, named);
    const correctOnes = options.filter((o) => o.correct);
    if (options.length > 0 && options.length < 3)
      c.report(`${named}.options`, 'needs at least 3 options (the answer and 2 misconceptions)');
    const texts = options.map((o) => o.text.trim().toLowerCase());
    texts.forEach((t, j) => {
      if (texts.indexOf(t) !== j) c.report(`${named}.options[${j}]`, 'repeats an earlier option');
    });
    const [right, ...moreRight] = correctOnes;
    if (
      id !== undefined &&
      term !== undefined &&
      right !== undefined &&
      moreRight.length === 0 &&
      options.length >= 3
    ) {
      cards.push({ id, term, aliases, options, definition: right.text, core });
    }
  });
  c.unique(
    cards.map((card) => card.id),
    'cards',
  );
  const terms = cards.map((card) => card.term.toLowerCase());
  cards.forEach((card, i) => {
    if (terms.indexOf(card.term.toLowerCase()) !== i)
      c.report(`cards[${i}].term`, `the term "${card.term}" appears twice`);
  });
  return cards.length > 0 ? { cards } : undefined;
}

export type Direction = 'term-to-definition' | 'definition-to-term';

export interface VocabQuestion {
  cardId: string;
  direction: Direction;
  prompt: string;
  options: VocabOption[];
}

/** At most this many options per question, so that a question fits a screen. */
const MAX_OPTIONS = 4;

export function buildQuestion(
  deck: VocabularyDeck,
  card: VocabCard,
  direction: Direction,
  rng: Rng,
): VocabQuestion {
  if (direction === 'term-to-definition') {
    const wrong = shuffle(
      card.options.filter((o) => !o.correct),
      rng,
    ).slice(0, MAX_OPTIONS - 1);
    const right = card.options.filter((o) => o.correct); // exactly one: the parser checked
    const options = shuffle([...right, ...wrong], rng);
    return { cardId: card.id, direction, prompt: `What is the ${inSentence(card.term)}?`, options };
  }
  const others = shuffle(
    deck.cards.filter((c) => c.id !== card.id),
    rng,
  ).slice(0, MAX_OPTIONS - 1);
  const options = shuffle(
    [
      { text: card.term, correct: true },
      ...others.map((o) => ({
        text: o.term,
        correct: false,
        why: `That is the ${inSentence(o.term)}: ${lowerFirst(o.definition)}`,
      })),
    ],
    rng,
  );
  return {
    cardId: card.id,
    direction,
    prompt: `Which term is this? “${card.definition}”`,
    options,
  };
}

export interface VocabAnswer {
  correct: boolean;
  /** The right option's text. */
  answer: string;
  /** Why the chosen option was wrong, when it was. */
  why?: string;
  /** True when the card will be asked again later in this session. */
  comesBack: boolean;
}

/** How many questions later a missed card returns. */
const RETURN_GAP = 3;
/** A card missed this many times is not asked again in the same session. */
const MAX_TRIES = 3;

/**
 * One pass over a deck. Each card is asked once in a seeded direction;
 * a missed card returns a few questions later, until it is answered right
 * or has been missed MAX_TRIES times.
 */
export class VocabSession {
  private readonly queue: { card: VocabCard; direction: Direction; tries: number }[];
  private readonly firstResult = new Map<string, boolean>();

  constructor(
    private readonly deck: VocabularyDeck,
    private readonly rng: Rng,
  ) {
    this.queue = shuffle(deck.cards, rng).map((card) => ({
      card,
      // Two of three go term → definition: that is where the misconceptions are.
      direction: rng() < 2 / 3 ? 'term-to-definition' : 'definition-to-term',
      tries: 0,
    }));
  }

  get remaining(): number {
    return this.queue.length;
  }

  get total(): number {
    return this.deck.cards.length;
  }

  next(): VocabQuestion | undefined {
    const head = this.queue[0];
    return head === undefined
      ? undefined
      : buildQuestion(this.deck, head.card, head.direction, this.rng);
  }

  answer(question: VocabQuestion, chosen: number): VocabAnswer {
    const head = this.queue.shift();
    if (head === undefined || head.card.id !== question.cardId)
      throw new Error('answer() for a question that is not current');
    const option = question.options[chosen];
    const correct = option?.correct === true;
    if (!this.firstResult.has(head.card.id)) this.firstResult.set(head.card.id, correct);
    let comesBack = false;
    if (!correct && head.tries + 1 < MAX_TRIES) {
      const again = { ...head, tries: head.tries + 1, direction: flip(head.direction) };
      this.queue.splice(Math.min(RETURN_GAP, this.queue.length), 0, again);
      comesBack = true;
    }
    const answer = question.options.find((o) => o.correct)?.text ?? '';
    const result: VocabAnswer = { correct, answer, comesBack };
    if (!correct && option?.why !== undefined) result.why = option.why;
    return result;
  }

  /** Cards answered right at the first try, out of all cards. */
  get score(): { correct: number; total: number } {
    let correct = 0;
    for (const ok of this.firstResult.values()) if (ok) correct++;
    return { correct, total: this.deck.cards.length };
  }

  /** First-try result per card id, for the review schedule. */
  get results(): ReadonlyMap<string, boolean> {
    return this.firstResult;
  }
}

function flip(d: Direction): Direction {
  return d === 'term-to-definition' ? 'definition-to-term' : 'term-to-definition';
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** A card asked again by `quiz --review`: term to definition, like a deck's single-choice question. */
export function reviewCardQuestion(
  deck: VocabularyDeck,
  cardId: string,
  id: string,
  rng: Rng,
): Question | undefined {
  const card = deck.cards.find((x) => x.id === cardId);
  if (card === undefined) return undefined;
  const vq = buildQuestion(deck, card, 'term-to-definition', rng);
  return {
    id,
    type: 'single',
    prompt: vq.prompt,
    choices: vq.options.map((o) => o.text),
    answer: card.definition,
    explanation: card.definition,
    line: 0,
  };
}
