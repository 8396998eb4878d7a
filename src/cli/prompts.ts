/**
 * The only importer of Inquirer. Every prompt goes through here so that
 * Ctrl-C becomes one TutorError (exit 130) and a non-interactive run never
 * waits: `requireInteractive` throws with the flag to use instead.
 * Inquirer is imported lazily so that --help and --version stay fast.
 */
import { TutorError } from '../errors.js';
import type { LabelledStep } from '../tutor/ordering.js';

export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

/** Throws ERR_NOT_A_TTY (exit 2) naming what to do instead. */
export function requireInteractive(what: string, hint: string): void {
  if (!isInteractive()) {
    throw new TutorError('ERR_NOT_A_TTY', `${what} needs an interactive terminal, and this one is not.`, { hint });
  }
}

async function guard<T>(prompt: () => Promise<T>): Promise<T> {
  try {
    return await prompt();
  } catch (error) {
    const name = (error as Error | undefined)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') {
      throw new TutorError('ERR_INTERRUPTED', 'Interrupted.', { cause: error });
    }
    throw error;
  }
}

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export async function choose<T>(message: string, choices: Choice<T>[], defaultValue?: T): Promise<T> {
  const { select } = await import('@inquirer/prompts');
  return guard(() =>
    select<T>({ message, choices, pageSize: Math.max(choices.length, 7), loop: false, ...(defaultValue === undefined ? {} : { default: defaultValue }) }),
  );
}

export async function chooseMany<T>(message: string, choices: Choice<T>[]): Promise<T[]> {
  const { checkbox } = await import('@inquirer/prompts');
  return guard(() => checkbox<T>({ message, choices, pageSize: Math.max(choices.length, 7), loop: false }));
}

export async function confirm(message: string, defaultValue = false): Promise<boolean> {
  const { confirm: ask } = await import('@inquirer/prompts');
  return guard(() => ask({ message, default: defaultValue }));
}

export async function ask(message: string): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  return guard(() => input({ message }));
}

export async function pressEnter(message = 'Press Enter to continue'): Promise<void> {
  const { pressEnterPrompt } = await import('./prompts/press-enter.js');
  await guard(() => pressEnterPrompt({ message }));
}

/** Builds an order by picking letters; returns the labels in the learner's order. */
export async function pickOrder(message: string, steps: readonly LabelledStep[]): Promise<string[]> {
  const { orderPrompt } = await import('./prompts/order-prompt.js');
  return guard(() => orderPrompt({ message, steps }));
}
