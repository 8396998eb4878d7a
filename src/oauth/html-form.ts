/**
 * Reads a hidden field of a provider's HTML form (rid, csrf, user_code), the way the simulated
 * browser of `--auto` does: the value with the five entities an HTML escaper writes turned back.
 */
export function hiddenField(html: string, name: string): string | undefined {
  const m = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html);
  return m?.[1]
    ?.replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
