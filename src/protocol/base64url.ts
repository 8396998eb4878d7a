/** base64url without padding (RFC 4648 §5), like every JOSE and OAuth value uses it (RFC 7515 §2, RFC 7636 §3). */

export function base64url(data: Uint8Array | string): string {
  return Buffer.from(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString(
    'base64url',
  );
}

/** Decodes base64url; undefined when the text is not base64url (characters outside the alphabet). */
export function fromBase64url(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  return Buffer.from(text, 'base64url');
}
