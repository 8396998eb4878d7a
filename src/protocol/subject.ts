/**
 * OIDC Core §2: `sub` is "a locally unique and never reassigned identifier", and "It MUST NOT exceed
 * 255 ASCII characters in length". The provider holds its users to it; the client checks ID tokens
 * against it. (Printable ASCII: a control character is no identifier a class would choose.)
 */
export function isSubjectIdentifier(sub: unknown): sub is string {
  return typeof sub === 'string' && /^[\x20-\x7e]{1,255}$/.test(sub);
}
