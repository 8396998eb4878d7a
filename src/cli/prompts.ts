/**
 * The only importer of Inquirer. Every prompt goes through here so that
 * Ctrl-C becomes one TutorError (exit 130) and a non-interactive run never
 * waits: `requireInteractive` throws with the flag to use instead.
 * Inquirer is imported lazily so that --help and --version stay fast.
 */
import { TutorError } from '../errors.js';
import type { LabelledStep } from '../tutor/ordering.js';

/** Thrown by a prompt when the learner presses Esc inside a lesson: back to the lesson menu, nothing lost. */
export class BackToMenu extends Error {
  override readonly name = 'BackToMenu';
  constructor() {
    super('Back to the menu.');
  }
}

/** The key that leaves a lesson for the menu, the way the learner is told. */
export const BACK_KEY = 'Esc';

let backKeyOn = 0;

/** Runs `fn` with Esc armed: any prompt inside it then throws BackToMenu when Esc is pressed. */
export async function withBackKey<T>(fn: () => Promise<T>): Promise<T> {
  backKeyOn++;
  try {
    return await fn();
  } finally {
    backKeyOn--;
  }
}

interface PromptContext {
  signal?: AbortSignal;
}

export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

/** Throws ERR_NOT_A_TTY (exit 2) naming what to do instead. */
export function requireInteractive(what: string, hint: string): void {
  if (!isInteractive()) {
    throw new TutorError(
      'ERR_NOT_A_TTY',
      `${what} needs an interactive terminal, and this one is not.`,
      { hint },
    );
  }
}

async function guard<T>(prompt: (context: PromptContext) => Promise<T>): Promise<T> {
  const back = backKeyOn > 0 && process.stdin.isTTY ? new AbortController() : undefined;
  const onKey = (_: unknown, key: { name?: string } | undefined): void => {
    if (key?.name === 'escape') back?.abort();
  };
  if (back !== undefined) {
    // Loaded here, when a prompt is about to show: `learn --list` and `order --json` import this
    // module without prompting, and node:readline is a dozen built-in modules.
    const { emitKeypressEvents } = await import('node:readline');
    emitKeypressEvents(process.stdin);
    process.stdin.on('keypress', onKey);
  }
  try {
    return await prompt(back === undefined ? {} : { signal: back.signal });
  } catch (error) {
    if (back?.signal.aborted) throw new BackToMenu();
    const name = error instanceof Error ? error.name : undefined;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') {
      throw new TutorError('ERR_INTERRUPTED', 'Interrupted.', { cause: error });
    }
    throw error;
  } finally {
    if (back !== undefined) process.stdin.off('keypress', onKey);
  }
}

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export async function choose<T>(
  message: string,
  choices: Choice<T>[],
  defaultValue?: T,
): Promise<T> {
  const { select } = await import('@inquirer/prompts');
  const { hangingWrap } = await import('./wrap.js'); // a prompt runs on a terminal: load the wrapper only then
  // A long choice wraps under its own first word, not under the cursor; the answer line shows it whole.
  const width = (process.stdout.columns || 80) - 2;
  const shown = choices.map((ch) => ({
    ...ch,
    name: hangingWrap(ch.name, width, '  '),
    short: ch.name,
  }));
  // Inquirer pages by lines: show every line of every choice when the screen has room, so none scrolls out of sight.
  const lines = shown.reduce((n, ch) => n + ch.name.split('\n').length, 0);
  const pageSize = Math.max(7, Math.min(lines, (process.stdout.rows || 24) - 6));
  return guard((ctx) =>
    select<T>(
      {
        message,
        choices: shown,
        pageSize,
        loop: false,
        ...(defaultValue === undefined ? {} : { default: defaultValue }),
      },
      ctx,
    ),
  );
}

export async function chooseMany<T>(message: string, choices: Choice<T>[]): Promise<T[]> {
  const { checkbox } = await import('@inquirer/prompts');
  return guard((ctx) =>
    checkbox<T>(
      {
        message,
        choices,
        pageSize: Math.max(choices.length, 7),
        loop: false,
        // An empty answer is almost always Enter pressed too soon: say so instead of grading it.
        required: true,
      },
      ctx,
    ),
  );
}

export async function confirm(message: string, defaultValue = false): Promise<boolean> {
  const { confirm: ask } = await import('@inquirer/prompts');
  return guard((ctx) => ask({ message, default: defaultValue }, ctx));
}

export async function ask(message: string): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  return guard((ctx) => input({ message }, ctx));
}

export async function pressEnter(message = 'Press Enter to continue'): Promise<void> {
  const { pressEnterPrompt } = await import('./prompts/press-enter.js');
  await guard((ctx) => pressEnterPrompt({ message }, ctx));
}

/** Builds an order by picking letters; returns the labels in the learner's order. */
export async function pickOrder(
  message: string,
  steps: readonly LabelledStep[],
): Promise<string[]> {
  const { orderPrompt } = await import('./prompts/order-prompt.js');
  return guard((ctx) => orderPrompt({ message, steps }, ctx));
}
