/**
 * Matching a line a student wrote to one of the canonical steps of the flow,
 * despite small wording differences ("the third-party API endpoint" vs "a
 * third-party API endpoint", "Get the access token"): word overlap with
 * light stemming and synonyms, then the rubric's paraphrase patterns.
 */
import { anyHit, type Pattern } from './match.js';
import { Memo } from './memo.js';
import { normalize } from './text.js';

export interface CanonicalStep {
  id: string;
  text: string;
}

const STOP = new Set([
  'a',
  'an',
  'the',
  'to',
  'of',
  'via',
  'your',
  'you',
  'if',
  'they',
  'their',
  'them',
  'and',
  'for',
  'from',
  'with',
  'in',
  'on',
  'at',
  'by',
  'into',
  'then',
  'our',
  'my',
  'we',
  'is',
  'be',
  'it',
  'that',
  'this',
  'user',
  'app',
  'application',
]);

const SYNONYM: Record<string, string> = {
  authorization: 'auth',
  authorisation: 'auth',
  authentication: 'auth',
  authenticate: 'auth',
  authorize: 'auth',
  authorise: 'auth',
  login: 'auth',
  oauth: 'auth',
  receive: 'get',
  receiv: 'get',
  obtain: 'get',
  gets: 'get',
  got: 'get',
  fetch: 'get',
  retrieve: 'get',
  make: 'request',
  send: 'request',
  call: 'request',
  post: 'request',
  query: 'request',
  thirdparty: 'third',
  provider: 'third',
  party: 'third',
  registration: 'register',
  registering: 'register',
  registered: 'register',
  create: 'register',
  redirects: 'redirect',
  redirecting: 'redirect',
  forward: 'redirect',
  apis: 'api',
  resource: 'api',
  endpoints: 'endpoint',
  url: 'endpoint',
  server: 'endpoint',
  tokens: 'token',
  codes: 'code',
  signin: 'sign',
  log: 'sign',
  logon: 'sign',
  clientid: 'client',
  clientsecret: 'secret',
  client_id: 'client',
  client_secret: 'secret',
  id: 'client',
};

export function stepTokens(text: string): Set<string> {
  const words = normalize(text)
    .replace(/third[- ]party/g, 'thirdparty')
    .split(/[^a-z0-9_]+/);
  const out = new Set<string>();
  for (let w of words) {
    if (w === '' || STOP.has(w)) continue;
    w = SYNONYM[w] ?? w;
    if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
    out.add(SYNONYM[w] ?? w);
  }
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return (2 * common) / (a.size + b.size);
}

export interface StepMatcher {
  /** The best step for a line and how sure we are (0..1); undefined below the threshold. */
  match(line: string, threshold?: number): { id: string; score: number } | undefined;
}

export function stepMatcher(
  steps: readonly CanonicalStep[],
  paraphrases: Record<string, Pattern[]>,
): StepMatcher {
  const canon = steps.map((s) => ({
    id: s.id,
    tokens: stepTokens(s.text),
    exact: normalize(s.text)
      .replace(/[^a-z0-9]+/g, ' ')
      .trim(),
  }));
  // The best step for each distinct line (the steps recur on every sheet of a class); the
  // threshold only decides whether the best is good enough.
  const bestOf = new Memo<string, { id: string; score: number } | undefined>(2_000, 400);
  return {
    match(line, threshold = 0.55) {
      // A step is a short line; a long one is an answer, and is not read word by word here.
      if (line.length > 400) return undefined;
      const found = bestOf.get(line, bestStep);
      return found !== undefined && found.score >= threshold ? found : undefined;
    },
  };

  function bestStep(line: string): { id: string; score: number } | undefined {
    const plain = normalize(line)
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    if (plain === '' || plain.split(' ').length > 25) return undefined;
    const exact = canon.find((c) => c.exact === plain);
    if (exact) return { id: exact.id, score: 1 };
    const tokens = stepTokens(line);
    let best: { id: string; score: number } | undefined;
    for (const c of canon) {
      // One word in common is no step ("- Login", an outline's label, shares "auth" with two).
      let score = tokens.size > 1 ? dice(tokens, c.tokens) : Math.min(dice(tokens, c.tokens), 0.4);
      const patterns = paraphrases[c.id];
      // A paraphrase counts as a close match; between two steps whose paraphrases both match
      // ("sends the code to the /token URL": a code sent back, or sent on?), the one sharing more words.
      if (patterns !== undefined && anyHit(patterns, normalize(line)))
        score = Math.max(score, 0.6) + 0.15 + score / 100;
      if (best === undefined || score > best.score) best = { id: c.id, score };
    }
    return best;
  }
}
