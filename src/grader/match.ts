/**
 * Negation-aware pattern matching over normalised answer text. A pattern
 * counts when it matches and is not negated ("the app sees the password");
 * a pattern written with a leading `!` counts only when it is negated ("the
 * app never sees the password"). A match is negated when a negating word
 * stands in it or among the few words before it in the same clause.
 */

export interface Pattern {
  source: string;
  re: RegExp;
  /** Counts only when negated. */
  negated: boolean;
}

export function compilePattern(source: string): Pattern {
  const negated = source.startsWith('!');
  const body = negated ? source.slice(1) : source;
  return { source, re: new RegExp(body, 'g'), negated };
}

const NEGATOR = /\b(not|no|never|none|nothing|neither|nor|without|cannot|can't|cant|don't|dont|doesn't|doesnt|didn't|didnt|isn't|isnt|aren't|arent|wasn't|won't|wont|shouldn't|mustn't|needn't|instead of|rather than)\b/;
/** How many words before a match a negator may stand. */
const WINDOW = 4;

function clauseStart(text: string, index: number): number {
  let start = 0;
  const boundary = /[.;!?()]|,\s*(?:but|although|though|while|whereas)\b|\bbut\b/g;
  for (let m = boundary.exec(text); m !== null && m.index < index; m = boundary.exec(text)) start = m.index + m[0].length;
  return start;
}

export function isNegated(text: string, index: number, length: number): boolean {
  const before = text.slice(clauseStart(text, index), index).trim().split(/\s+/).slice(-WINDOW).join(' ');
  return NEGATOR.test(before) || NEGATOR.test(text.slice(index, index + length));
}

/** True when the pattern counts in the text (see the module comment). */
export function hits(pattern: Pattern, text: string): boolean {
  pattern.re.lastIndex = 0;
  for (let m = pattern.re.exec(text); m !== null; m = pattern.re.exec(text)) {
    if (isNegated(text, m.index, m[0].length) === pattern.negated) return true;
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
