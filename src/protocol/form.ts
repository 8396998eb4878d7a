/**
 * application/x-www-form-urlencoded decoding of one name or value ('+' is a space, then %-escapes), as the
 * provider reads a form or a Basic header (RFC 6749 §2.3.1) and the flow reads what it shows. Throws URIError
 * on a bad escape.
 */
export function formDecode(text: string): string {
  return text.includes('%') || text.includes('+')
    ? decodeURIComponent(text.replace(/\+/g, ' '))
    : text;
}
