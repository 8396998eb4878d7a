/**
 * How every error reads on stderr, ours and commander's alike: "error: " and
 * a sentence saying what went wrong, then an indented line saying what to do
 * next. report.ts prints a TutorError this way, and program.ts gives
 * commander's usage errors (an unknown option, a bad value) the same shape.
 * Pure: the caller chooses the colour.
 */

/** The two lines of an error (one when there is no hint), each ending in a newline. */
export function errorText(
  message: string,
  hint: string | undefined,
  red: (s: string) => string = (s) => s,
): string {
  return `${red('error:')} ${message}\n${hint === undefined ? '' : `  ${hint}\n`}`;
}

/**
 * commander's message as one of our sentences: its "error: " prefix dropped,
 * a capital first letter, a full stop, and a "(Did you mean …?)" line folded
 * into the sentence.
 */
export function usageSentence(commanderMessage: string): string {
  const lines = commanderMessage
    .trim()
    .replace(/^error:\s*/i, '')
    .split('\n')
    .map((l) => l.trim().replace(/^\((.*)\)$/, '$1'))
    .filter((l) => l !== '');
  const sentences = lines.map((l) => {
    const capital = l.charAt(0).toUpperCase() + l.slice(1);
    return /[.?!]$/.test(capital) ? capital : `${capital}.`;
  });
  return sentences.length > 0 ? sentences.join(' ') : 'The command line is not valid.';
}

/** The line under a usage error: which help to read. */
export function usageHint(commandPath: string): string {
  return `Run \`${commandPath} --help\` for its usage and examples.`;
}
