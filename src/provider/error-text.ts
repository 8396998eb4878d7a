/** What the provider says about an error it caught, narrowed from `unknown` without casts. */

/** The first line of an error's message (YAML errors go on with a code frame), or the value in text form. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0] ?? text;
}
