/** How a term is written inside a sentence: "Client Secret" → "client secret", while "ID", "API" and "PKCE" keep their capitals. */
export function inSentence(term: string): string {
  return term
    .split(' ')
    .map((word) => (/[A-Z].*[A-Z]/.test(word) ? word : word.toLowerCase()))
    .join(' ');
}
