/**
 * The one way tests wait for output from a process: poll a growing text for a
 * string or pattern. The time limit only guards against a hang (it asserts
 * nothing about speed); when it runs out the test fails saying what it waited
 * for and what the text was, never with a TypeError on a missing match.
 */

/** How long a wait may last before the test is failed as a hang (well inside the 30 s test timeout). */
export const GUARD_MS = 15_000;

/** How long output may still arrive after the process exited. */
const GRACE_MS = 5_000;

/** Where `text` ends in `plain`, or -1. */
function matchEnd(plain: string, text: string | RegExp): number {
  if (typeof text === 'string') {
    const at = plain.indexOf(text);
    return at < 0 ? -1 : at + text.length;
  }
  const m = new RegExp(text.source, text.flags.replace('g', '')).exec(plain);
  return m === null ? -1 : m.index + m[0].length;
}

/**
 * Waits until `read()` (from `from` on) contains `text`; returns the text from
 * `from` to the end of the match. `what` names the output in the failure message
 * (a function: worked out only if the wait fails).
 */
export async function waitForText(
  read: () => string,
  text: string | RegExp,
  opts: {
    from?: number;
    what?: string | (() => string);
    guardMs?: number;
    /** Says why waiting longer is pointless (the process has exited), or undefined. */
    over?: () => string | undefined;
  } = {},
): Promise<string> {
  const from = opts.from ?? 0;
  const guardMs = opts.guardMs ?? GUARD_MS;
  const started = Date.now();
  let overSince: number | undefined;
  for (;;) {
    const plain = read().slice(from);
    const end = matchEnd(plain, text);
    if (end >= 0) return plain.slice(0, end);
    const over = opts.over?.();
    // Once the process is gone, give its last output a moment to arrive (a pseudo-terminal
    // may report the exit before the last bytes), then give up instead of waiting out the limit.
    if (over !== undefined) overSince ??= Date.now();
    if (over !== undefined && Date.now() - (overSince ?? 0) > GRACE_MS) {
      const what = typeof opts.what === 'function' ? opts.what() : (opts.what ?? 'the output');
      throw new Error(
        `${over} without printing ${String(text)} in ${what}; since the last match it shows:\n${plain.slice(-2000)}`,
      );
    }
    if (Date.now() - started > guardMs) {
      const what = typeof opts.what === 'function' ? opts.what() : (opts.what ?? 'the output');
      throw new Error(
        `waited ${guardMs / 1000} s for ${String(text)} in ${what}; since the last match it shows:\n${plain.slice(-2000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The first capture group of `pattern` once `read()` contains it. */
export async function waitForMatch(
  read: () => string,
  pattern: RegExp,
  opts: Parameters<typeof waitForText>[2] = {},
): Promise<string> {
  const seen = await waitForText(read, pattern, opts);
  const group = pattern.exec(seen)?.[1];
  if (group === undefined) throw new Error(`${String(pattern)} has no capture group`);
  return group;
}
