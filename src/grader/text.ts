/**
 * Turning the bytes of an answer sheet into text we can match: refuse what is
 * not text, drop a BOM, unify line endings, repair mojibake from copy-paste
 * (UTF-8 decoded with Windows-1252: `Whatâ€™s` → `What’s`), and produce a
 * normalised form for matching (lower case, straight quotes, no markup).
 */

export const MAX_SHEET_BYTES = 1024 * 1024;

export type DecodeResult = { ok: true; text: string } | { ok: false; error: string };

export function decodeSheet(bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_SHEET_BYTES) {
    return {
      ok: false,
      error: `file is larger than the 1 MB limit (${(bytes.length / 1024 / 1024).toFixed(1)} MB)`,
    };
  }
  if (looksBinary(bytes)) return { ok: false, error: 'not a text file' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Not UTF-8: Windows-1252 is what a text editor on a school PC writes.
    text = decodeWindows1252(bytes);
  }
  text = repairMojibake(text.replace(/\r\n?/g, '\n'));
  if (text.trim() === '') return { ok: false, error: 'no answers found: the file is empty' };
  return { ok: true, text };
}

/** NUL bytes, or many control characters, mean this is not a text file. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

// Windows-1252's 0x80–0x9F, by the character each byte shows as.
const CP1252: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

const CP1252_CHAR = new Map(Object.entries(CP1252).map(([ch, b]) => [b, ch]));

/**
 * Windows-1252 decoded by hand, because Node's own `new TextDecoder('windows-1252')` is wrong
 * for 0x80–0x9F whatever ICU it was built with: since Node 20.18.3 and 22.13.0 that label takes
 * a Latin-1 fast path, so 0x92 comes out as the control character U+0092 instead of `’`, and
 * 0x80 as U+0080 instead of `€` (https://github.com/nodejs/node/issues/56542,
 * https://github.com/nodejs/node/issues/60888). Those are exactly the bytes a Windows editor
 * writes for curly quotes, dashes and the euro sign.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += CP1252_CHAR.get(b) ?? String.fromCharCode(b);
  return out;
}

function cp1252Byte(ch: string): number | undefined {
  const mapped = CP1252[ch];
  if (mapped !== undefined) return mapped;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? code : undefined;
}

/**
 * A lead byte of a UTF-8 sequence (on screen: Â–ß, â or ð) followed by continuation
 * bytes (0x80–0xBF, on screen: Windows-1252 characters): re-encode those
 * characters as the bytes they were, and decode them as UTF-8 again. Runs
 * that do not decode cleanly are left unchanged.
 */
const SUSPECT =
  /[\u00c2-\u00df\u00e2\u00f0][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}/g;

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

export function repairMojibake(text: string): string {
  if (!/[\u00c2-\u00f4]/.test(text)) return text;
  // The same few runs repeat through a sheet; decode each once.
  const repaired = new Map<string, string>();
  return text.replace(SUSPECT, (run) => {
    let fixed = repaired.get(run);
    if (fixed === undefined) {
      fixed = repairRun(run);
      repaired.set(run, fixed);
    }
    return fixed;
  });
}

function repairRun(run: string): string {
  const bytes: number[] = [];
  for (const ch of run) {
    const b = cp1252Byte(ch);
    if (b === undefined) return run;
    bytes.push(b);
  }
  // A lead byte says how long its sequence is; a run of another length is not UTF-8.
  const lead = bytes[0];
  if (lead === undefined || bytes.length !== (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2)) return run;
  try {
    const fixed = STRICT_UTF8.decode(Uint8Array.from(bytes));
    return [...fixed].every(plausible) ? fixed : run;
  } catch {
    return run;
  }
}

/** What copy-paste mojibake decodes to: Latin letters, punctuation, currency, arrows, emoji — not CJK or Syriac. */
function plausible(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0; // ch is one character of a string: never empty
  return cp < 0x250 || (cp >= 0x2000 && cp <= 0x21ff) || cp >= 0x1f000;
}

const normalized = new Map<string, string>();

/** The form answers are matched in: lower case, straight quotes, no markdown emphasis, single spaces. */
export function normalize(text: string): string {
  let result = normalized.get(text);
  if (result !== undefined) return result;
  // The same line is looked at several times while a sheet is read; remember a bounded number.
  if (normalized.size > 10_000) normalized.clear();
  result = normalizeUncached(text);
  normalized.set(text, result);
  return result;
}

/**
 * Shorthand for the words of OAuth's terms that no other word is written as: "tkn endpt", "authz
 * code", and "acc"/"cli" where a term's next word follows ("acc tkn", "cli ID", "cli secrt"), read as
 * the words (in the form answers are matched in, so the student's own text is shown as written).
 */
const SHORTHAND =
  /\b(endpn?t|tkn|authn|authz)(s?)\b|\bacc(?=\s{1,3}(?:tkn|token)s?\b)|\bcli(?=\s{1,3}(?:id|secre?t)\b)/g;
const SHORTHAND_WORDS: Record<string, string> = {
  endpt: 'endpoint',
  endpnt: 'endpoint',
  tkn: 'token',
  authn: 'authentication',
  authz: 'authorization',
  acc: 'access',
  cli: 'client',
};

function normalizeUncached(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(
      SHORTHAND,
      (whole: string, word: string | undefined, plural: string | undefined) =>
        (SHORTHAND_WORDS[word ?? whole] ?? whole) + (plural ?? ''),
    )
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
