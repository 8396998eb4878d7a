/**
 * Negation-aware pattern matching over normalised answer text. A pattern
 * counts when it matches and is not negated ("the app sees the password");
 * a pattern written with a leading `!` counts only when it is negated ("the
 * app never sees the password"). A match is negated when a negating word
 * stands in it or among the few words before it in the same clause. A
 * pattern that spells out a negation itself ("passwords … never … shared")
 * has asked for it: only the words before its match can negate it.
 */

export interface Pattern {
  source: string;
  re: RegExp;
  /** Text every match contains (see literals.ts): without it, the expression need not run. */
  literals: Literals;
  /** Counts only when negated. */
  negated: boolean;
  /** The pattern names a negating word itself, so its own match is not taken to be negated. */
  spellsNegation: boolean;
}

/**
 * Clauses of literals, each a list of alternatives: a text can match only if it holds one
 * alternative of every clause (literals.ts works them out at build time).
 */
export type Literals = string[][];

/** Each pattern's literals, by its source without the `!`: the build's, for the shipped rubric. */
const knownLiterals = new Map<string, Literals>();

/** Remembers patterns' literals (from the build's copy of a rubric) for compilePattern. */
export function learnLiterals(table: Readonly<Record<string, Literals>>): void {
  for (const [source, literals] of Object.entries(table)) knownLiterals.set(source, literals);
}

/** True when the text meets every clause, so the pattern may match; always true for []. */
export function mayMatch(literals: Literals, text: string): boolean {
  return literals.every((clause) => clause.some((literal) => text.includes(literal)));
}

export function compilePattern(source: string): Pattern {
  const negated = source.startsWith('!');
  const body = negated ? source.slice(1) : source;
  return {
    source,
    re: new RegExp(body, 'g'),
    literals: knownLiterals.get(body) ?? [],
    negated,
    // (Read without the escapes: in `\bno passwords`, "no" follows the escape's letter.)
    spellsNegation: NEGATION_IN_SOURCE.test(body.replace(/\\[a-zA-Z]/g, ' ')),
  };
}

const NEGATION_IN_SOURCE = /\b(not|no|never|none|nothing|without|cannot)\b|n'\??t\b/;

const NEGATOR =
  /\b(not|no|never|none|nothing|neither|nor|without|cannot|can't|cant|don't|dont|doesn't|doesnt|didn't|didnt|isn't|isnt|aren't|arent|wasn't|won't|wont|shouldn't|mustn't|needn't|instead of|rather than)\b/;
/** How many words before a match a negator may stand. */
const WINDOW = 4;

/** Where each clause of a text starts; computed once per text (the last one is remembered). */
let clauseText = '';
let clauseStarts: number[] = [0];
const BOUNDARY = /[.;!?()]|,\s*(?:but|although|though|while|whereas)\b|\bbut\b/g;

function clauseStart(text: string, index: number): number {
  if (text !== clauseText) {
    clauseText = text;
    clauseStarts = [0];
    BOUNDARY.lastIndex = 0;
    for (let m = BOUNDARY.exec(text); m !== null; m = BOUNDARY.exec(text))
      clauseStarts.push(m.index + m[0].length);
  }
  // The last clause start at or before the match (binary search: linear time over all matches).
  let lo = 0;
  let hi = clauseStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((clauseStarts[mid] ?? Infinity) <= index) lo = mid;
    else hi = mid - 1;
  }
  // clauseStarts always holds 0, the start of the first clause.
  return clauseStarts[lo] ?? 0;
}

/** How far back, at most, a negator is looked for (a few words). */
const LOOKBACK_CHARS = 80;

export function isNegated(text: string, index: number, length: number, lookInside = true): boolean {
  const from = Math.max(clauseStart(text, index), index - LOOKBACK_CHARS);
  // The last WINDOW words before the match, found by walking back (no split: this runs for every match).
  let at = index;
  for (let words = 0; words < WINDOW && at > from; words++) {
    while (at > from && text.charCodeAt(at - 1) === 32) at--;
    while (at > from && text.charCodeAt(at - 1) !== 32) at--;
  }
  const before = text.slice(at, index);
  return (
    NEGATOR.test(before) ||
    (lookInside && NEGATOR.test(text.slice(index, index + Math.min(length, LOOKBACK_CHARS * 2))))
  );
}

/** True when the pattern counts in the text (see the module comment). */
export function hits(pattern: Pattern, text: string): boolean {
  // No match without its literals, negated or not: the expression need not run (or be compiled).
  if (!mayMatch(pattern.literals, text)) return false;
  pattern.re.lastIndex = 0;
  for (let m = pattern.re.exec(text); m !== null; m = pattern.re.exec(text)) {
    if (isNegated(text, m.index, m[0].length, !pattern.spellsNegation) === pattern.negated)
      return true;
    if (m[0].length === 0) pattern.re.lastIndex++;
  }
  return false;
}

export function anyHit(patterns: readonly Pattern[], text: string): boolean {
  return patterns.some((p) => hits(p, text));
}

/** Every group has at least one pattern that counts. */
export function allGroupsHit(groups: readonly (readonly Pattern[])[], text: string): boolean {
  return groups.length > 0 && groups.every((g) => anyHit(g, text));
}
