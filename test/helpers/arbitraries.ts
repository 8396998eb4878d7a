/**
 * URLs and URL parts for property tests, the strings fast-check's `webSegment()` and `webUrl()`
 * make (RFC 3986 §3.3 path segments, §3.4 query, §3.5 fragment: letters, digits, the characters
 * each part allows, and any other character percent-encoded) without their cost: to
 * percent-encode a character they draw it from a table of every Unicode code point that
 * fast-check builds on first use, about 2 s of CPU in each test process. Here the character
 * is drawn as a number. Strings of any code point likewise (`binaryString`).
 */
import fc from 'fast-check';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SEGMENT = "-._~!$&'()*+,;=:@";
const QUERY_OR_FRAGMENT = `${SEGMENT}/?`;

/**
 * Any code point but a surrogate, as one string: the characters of fast-check's
 * `fc.string({ unit: 'binary' })` (U+0000–U+D7FF and U+E000–U+10FFFF, drawn by index as
 * its own unit does), without the table of every code point fast-check builds, on first
 * use of that unit, to map a character back to its index (about 1 s of CPU in each test
 * process; shrinking here goes through the index, so the table is never needed).
 */
const codePoint = fc
  .nat({ max: 0x10ffff - 0x800 })
  .map((n) => String.fromCodePoint(n < 0xd800 ? n : n + 0x800));

/** A string of any code points but lone surrogates, as `fc.string({ unit: 'binary', ...constraints })`. */
export const binaryString = (constraints: fc.StringSharedConstraints = {}): fc.Arbitrary<string> =>
  fc.string({ ...constraints, unit: codePoint });

/** Any code point but a surrogate, percent-encoded as fast-check does: its UTF-8 bytes, or %hh for a character encodeURIComponent leaves as it is. */
const percentEncoded = codePoint.map((c) => {
  const encoded = encodeURIComponent(c);
  return encoded !== c ? encoded : `%${c.charCodeAt(0).toString(16)}`;
});

/** One unit of a URL part: mostly a character the part allows as it is, sometimes one percent-encoded. */
const unit = (allowed: string) =>
  fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...ALPHANUMERIC, ...allowed) },
    { weight: 1, arbitrary: percentEncoded },
  );

/** A path segment (RFC 3986 §3.3), as `fc.webSegment()`. */
export const webSegment = (): fc.Arbitrary<string> => fc.string({ unit: unit(SEGMENT) });

export interface WebUrlOptions {
  withQueryParameters?: boolean;
  withFragments?: boolean;
}

/** An http or https URL, as `fc.webUrl()`: an authority, a path of segments, and a query and a fragment if asked for. */
export function webUrl(opts: WebUrlOptions = {}): fc.Arbitrary<string> {
  const part = fc.string({ unit: unit(QUERY_OR_FRAGMENT) });
  const optional = (wanted: boolean | undefined, prefix: string) =>
    wanted === true
      ? fc.option(
          part.map((p) => `${prefix}${p}`),
          { nil: '' },
        )
      : fc.constant('');
  return fc
    .tuple(
      fc.constantFrom('http', 'https'),
      fc.webAuthority(),
      fc.array(webSegment()).map((segments) => segments.map((s) => `/${s}`).join('')),
      optional(opts.withQueryParameters, '?'),
      optional(opts.withFragments, '#'),
    )
    .map(([scheme, authority, path, query, fragment]) =>
      [scheme, '://', authority, path, query, fragment].join(''),
    );
}
