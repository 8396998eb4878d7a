/**
 * A tolerant JWT decoder for learners: it never throws, shows what it could
 * parse, and points at the broken part (wrong number of segments, bad
 * base64url, bad JSON). It cleans what people paste along (whitespace, a
 * `Bearer ` prefix, quotes) and says so. Decoding is not verification: see
 * verify.ts. Base64url is an encoding (RFC 7515 §2), not encryption.
 */
import { isObject } from '../json.js';

/**
 * A decoded header or payload: a JSON object whose members are not checked all at once (jose types them
 * `unknown` too); each is narrowed where it is read. (src/json.ts's JsonObject is the parsed-JSON type.)
 */
export type DecodedObject = { [key: string]: unknown };

export type Part = 'token' | 'header' | 'payload' | 'signature';

export interface DecodeProblem {
  part: Part;
  message: string;
}

export interface DecodedJwt {
  /** The token that was decoded, after cleaning. */
  token: string;
  format: 'JWS' | 'JWE' | 'unknown';
  segments: string[];
  header?: DecodedObject;
  payload?: DecodedObject;
  /** Payload text when it is not a JSON object. */
  payloadText?: string;
  signature?: string;
  problems: DecodeProblem[];
  /** What was removed from the input before decoding. */
  cleaned: string[];
}

export function decodeJwt(input: string): DecodedJwt {
  const cleaned: string[] = [];
  let token = input;
  if (token.trim() !== token) {
    token = token.trim();
    cleaned.push('surrounding whitespace');
  }
  if (/^authorization:\s*/i.test(token)) {
    token = token.replace(/^authorization:\s*/i, '');
    cleaned.push('an "Authorization:" header name');
  }
  if (/^bearer\s+/i.test(token)) {
    token = token.replace(/^bearer\s+/i, '');
    cleaned.push('a "Bearer " prefix');
  }
  if (/^(["'`]).*\1$/s.test(token)) {
    token = token.slice(1, -1);
    cleaned.push('quotes');
  }
  if (/\s/.test(token)) {
    token = token.replace(/\s+/g, '');
    cleaned.push('line breaks or spaces inside the token');
  }
  const result: DecodedJwt = {
    token,
    format: 'unknown',
    segments: token.split('.'),
    problems: [],
    cleaned,
  };
  if (token === '') {
    result.problems.push({ part: 'token', message: 'the input is empty' });
    result.segments = [];
    return result;
  }
  const n = result.segments.length;
  if (n === 3) result.format = 'JWS';
  else if (n === 5) result.format = 'JWE';
  else {
    result.problems.push({
      part: 'token',
      message: `a JWT has 3 parts separated by dots (header.payload.signature), or 5 when encrypted; this has ${n}`,
    });
  }

  const [headerSegment = '', payloadSegment, signatureSegment] = result.segments;
  const header = decodeJsonSegment(headerSegment, 'header', result.problems);
  if (header?.object !== undefined) result.header = header.object;
  if (result.format === 'JWE') {
    // RFC 7516: only the protected header is readable; the rest is ciphertext.
    return result;
  }
  if (payloadSegment !== undefined) {
    const payload = decodeJsonSegment(payloadSegment, 'payload', result.problems, true);
    if (payload?.object !== undefined) result.payload = payload.object;
    else if (payload?.text !== undefined) result.payloadText = payload.text;
  }
  if (signatureSegment !== undefined) {
    const sig = signatureSegment;
    const bad = base64urlProblem(sig);
    if (bad !== undefined) result.problems.push({ part: 'signature', message: bad });
    result.signature = sig;
    if (sig === '' && result.header?.['alg'] !== 'none')
      result.problems.push({ part: 'signature', message: 'the signature is empty' });
  }
  return result;
}

function decodeJsonSegment(
  segment: string,
  part: 'header' | 'payload',
  problems: DecodeProblem[],
  textOk = false,
): { object?: DecodedObject; text?: string } | undefined {
  if (segment === '') {
    problems.push({ part, message: `the ${part} is empty` });
    return undefined;
  }
  const bad = base64urlProblem(segment);
  if (bad !== undefined) {
    problems.push({ part, message: bad });
    return undefined;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(segment, 'base64url'));
  } catch {
    problems.push({ part, message: `the ${part} decodes to bytes that are not UTF-8 text` });
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (isObject(value)) return { object: value };
    problems.push({ part, message: `the ${part} is JSON but not an object: ${text.slice(0, 60)}` });
  } catch (error) {
    problems.push({
      part,
      message: `the ${part} is not valid JSON (${error instanceof Error ? error.message : String(error)}): ${JSON.stringify(text.slice(0, 60))}`,
    });
  }
  return textOk ? { text } : undefined;
}

function base64urlProblem(segment: string): string | undefined {
  const bad = /[^A-Za-z0-9_-]/u.exec(segment);
  if (bad !== null) {
    const ch = bad[0];
    // Counted in characters (code points): what the learner sees.
    const at = [...segment.slice(0, bad.index)].length;
    const hint =
      ch === '+' || ch === '/' || ch === '='
        ? ' (that is plain base64; JWTs use base64url: - and _ instead of + and /, no = padding)'
        : '';
    return `not base64url: unexpected ${JSON.stringify(ch)} at character ${at + 1}${hint}`;
  }
  if (segment.length % 4 === 1)
    return 'not base64url: its length cannot come from encoding whole bytes (a character is missing or extra)';
  return undefined;
}

export function encodeSegment(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString(
    'base64url',
  );
}
