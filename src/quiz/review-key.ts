/**
 * The keys of the spaced-review schedule (progress.json `items`): the one
 * place that writes them and reads them back, so the quiz, the review lesson,
 * the vocabulary drill, `check` and `quiz --review` agree on what a key means.
 *
 *   quiz:<deck>:<question>        a deck question
 *   vocabulary:<card>             a vocabulary card
 *   review:question:<id>          a self-check question (rubric)
 *   review:term:<id>              a self-check term (rubric)
 *   <lesson>:<question>           a workshop lesson's question
 */

export type ReviewKey =
  | { kind: 'quiz'; deck: string; question: string }
  | { kind: 'vocabulary'; card: string }
  | { kind: 'review'; item: 'question' | 'term'; id: string }
  | { kind: 'workshop'; lesson: string; question: string };

export function reviewKey(k: ReviewKey): string {
  switch (k.kind) {
    case 'quiz':
      return `quiz:${k.deck}:${k.question}`;
    case 'vocabulary':
      return `vocabulary:${k.card}`;
    case 'review':
      return `review:${k.item}:${k.id}`;
    case 'workshop':
      return `${k.lesson}:${k.question}`;
  }
}

/** What a stored key names; undefined for a key of no known shape (kept, never asked). */
export function parseReviewKey(key: string): ReviewKey | undefined {
  const [kind, ...rest] = key.split(':');
  const [a, b] = rest;
  if (kind === undefined || a === undefined) return undefined;
  if (kind === 'quiz')
    return rest.length === 2 && b !== undefined ? { kind, deck: a, question: b } : undefined;
  if (kind === 'vocabulary') return rest.length === 1 ? { kind, card: a } : undefined;
  if (kind === 'review')
    return rest.length === 2 && b !== undefined && (a === 'question' || a === 'term')
      ? { kind, item: a, id: b }
      : undefined;
  return rest.length === 1 ? { kind: 'workshop', lesson: kind, question: a } : undefined;
}
