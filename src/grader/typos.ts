/**
 * Spelling slips in the words that name a question or a term ("Authoriztion
 * Uses", "Acess Token", "Authintication Endpoint"): each long word of a label
 * within one edit (two for words of ten letters or more) of a key word is
 * read as that key word. Only key words that no common English word sits next
 * to are listed ("token" is not: "taken").
 */

const KEY_WORDS = [
  'authorization',
  'authorisation',
  'authentication',
  'authenticate',
  'authorize',
  'endpoint',
  'endpoints',
  'vocabulary',
  'identifier',
  'benefit',
  'benefits',
  'advantage',
  'advantages',
  'access',
  'token',
  'client',
  'secret',
  'request',
  'redirect',
  'register',
  'receive',
  'application',
];

const KNOWN = new Set(KEY_WORDS);
/** Real words one edit from a key word: never "corrected". */
const REAL_WORDS = new Set([
  'taken',
  'woken',
  'toked',
  'toke',
  'tokes',
  'accent',
  'accept',
  'assess',
  'secrete',
  'secrets',
  'client',
  'clients',
  'tokens',
  'receiver',
  'requests',
  'redirects',
]);
/** The word that follows each of these in a term's name. */
const FOLLOWS: Partial<Record<string, string>> = { client: 'secret', access: 'token' };
const PAIR = /\b(client|access) ([a-z]{4,8})\b/g;

const corrected = new Map<string, string>();

const fixed = new Map<string, string>();

/**
 * The label with its misspelt key words corrected; `text` is already
 * normalised (lower case). With `words`, only that many leading words are
 * looked at (a term stands at the start of its line).
 */
export function fixTypos(text: string, words?: number): string {
  if (words !== undefined) {
    let cut = -1;
    for (let i = 0; i < words; i++) {
      cut = text.indexOf(' ', cut + 1);
      if (cut < 0) break;
    }
    if (cut >= 0) return fixTypos(text.slice(0, cut)) + text.slice(cut);
  }
  let result = fixed.get(text);
  if (result === undefined) {
    result = text.replace(/[a-z]{4,}/g, correct);
    // After the first word of a term, a real word one slip from the word that follows it there is
    // that word ("client secrete", "access taken").
    if (result.includes('client ') || result.includes('access '))
      result = result.replace(PAIR, (pair: string, first: string, word: string) => {
        const want = FOLLOWS[first];
        return want !== undefined && word !== want && distance(word, want, 1) <= 1
          ? `${first} ${want}`
          : pair;
      });
    // The same lines recur across a class's sheets; remember a bounded number.
    if (fixed.size > 10_000) fixed.clear();
    fixed.set(text, result);
  }
  return result;
}

function correct(word: string): string {
  if (KNOWN.has(word) || REAL_WORDS.has(word)) return word;
  const cached = corrected.get(word);
  if (cached !== undefined) return cached;
  let best = word;
  let bestDistance = Infinity;
  for (const key of KEY_WORDS) {
    const allowed = key.length >= 10 ? 2 : 1;
    if (Math.abs(key.length - word.length) > allowed) continue;
    const d = distance(word, key, allowed);
    if (d <= allowed && d < bestDistance) {
      best = key;
      bestDistance = d;
    }
  }
  if (corrected.size > 5_000) corrected.clear();
  corrected.set(word, best);
  return best;
}

/** Optimal string alignment distance (an adjacent swap is one edit), giving up above `limit`. */
export function distance(a: string, b: string, limit: number): number {
  let before: number[] = []; // row i - 2
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j); // row i - 1 (row 0 first)
  for (let i = 1; i <= a.length; i++) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(cell(previous, j) + 1, cell(row, j - 1) + 1, cell(previous, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, cell(before, j - 2) + 1);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = row;
  }
  return cell(previous, b.length);
}

/** A cell of a row already filled up to it (every row holds b.length + 1 numbers). */
function cell(row: readonly number[], j: number): number {
  return row[j] ?? Infinity;
}
