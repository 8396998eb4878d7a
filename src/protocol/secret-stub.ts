/**
 * The one rule for showing a secret without giving it away, shared by the client side (the flow's
 * redactor, src/oauth/redact.ts) and the provider's request log (a session id): its first 6 characters,
 * to recognise it, and no hint of its length. A stub shortens to itself, so a value shortened twice
 * reads the same as once.
 */
export function shortSecret(value: string): string {
  return value.length <= 8 ? '••••' : `${value.slice(0, 6)}…(redacted)`;
}
