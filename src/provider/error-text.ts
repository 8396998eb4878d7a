/** What the provider says about an error it caught, narrowed from `unknown` without casts. */

/** The first line of an error's message (YAML errors go on with a code frame), or the value in text form. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0] ?? text;
}

/**
 * RFC 6749 §4.1.2.1 and §5.2 (and RFC 6750 §3 for WWW-Authenticate): 'Values for the "error_description"
 * parameter MUST NOT include characters outside the set %x20-21 / %x23-5B / %x5D-7E': printable ASCII
 * without `"` and `\`. The provider's descriptions teach, citing "RFC 6749 §3.1" and using dashes and
 * quotes; the request log keeps them as written, and this is what goes on the wire: § becomes
 * "section", typographic marks their ASCII look-alikes, `"` and `\` become `'` and `/`, and anything
 * else outside the set (a line break, a letter the client sent in another script) becomes "?".
 */
export function wireErrorDescription(text: string): string {
  return text.replace(NOT_WIRE_SAFE, (ch) => ASCII_FOR[ch] ?? '?');
}

// One character at a time, no nesting or alternation: linear on any input.
const NOT_WIRE_SAFE = /[^\x20\x21\x23-\x5B\x5D-\x7E]/gu;

const ASCII_FOR: Readonly<Record<string, string>> = {
  '§': 'section ',
  '"': "'",
  '\\': '/',
  '—': '-',
  '–': '-',
  '‑': '-',
  '‘': "'",
  '’': "'",
  '“': "'",
  '”': "'",
  '…': '...',
  '→': '->',
  '←': '<-',
  '≠': '!=',
  '≤': '<=',
  '≥': '>=',
  '×': 'x',
  '\u00a0': ' ',
  '\t': ' ',
  '\n': ' ',
};
