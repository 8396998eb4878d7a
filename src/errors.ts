/**
 * The one error type of oauth-tutor. Every failure a learner can meet is a
 * TutorError with a stable `code`, a message that says what went wrong, and a
 * `hint` that says what to do next. Only src/cli/main.ts turns these into
 * exit codes and printed lines; everything else throws.
 */

/** Exit codes, documented in README.md. */
export const EXIT = {
  OK: 0,
  /** A wrong answer, a failed check. */
  FAILED: 1,
  /** Bad usage or unusable input. */
  USAGE: 2,
  /** Ctrl-C. */
  INTERRUPTED: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type ErrorCode =
  | 'ERR_USAGE' // a flag or argument is wrong
  | 'ERR_INPUT' // a file or value given to us cannot be used
  | 'ERR_NOT_A_TTY' // a prompt was needed but stdin is not a terminal
  | 'ERR_LESSON_INVALID' // shipped or instructor lesson content failed validation
  | 'ERR_NOT_FOUND' // a named lesson, file or item does not exist
  | 'ERR_INTERRUPTED' // the learner pressed Ctrl-C
  | 'ERR_FAILED'; // the command ran, and the answer or check did not pass

const exitCodeOf: Record<ErrorCode, ExitCode> = {
  ERR_USAGE: EXIT.USAGE,
  ERR_INPUT: EXIT.USAGE,
  ERR_NOT_A_TTY: EXIT.USAGE,
  ERR_LESSON_INVALID: EXIT.USAGE,
  ERR_NOT_FOUND: EXIT.USAGE,
  ERR_INTERRUPTED: EXIT.INTERRUPTED,
  ERR_FAILED: EXIT.FAILED,
};

export interface TutorErrorOptions {
  /** One line saying what to do next. */
  hint?: string;
  cause?: unknown;
}

export class TutorError extends Error {
  override name = 'TutorError';
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: TutorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }

  get exitCode(): ExitCode {
    return exitCodeOf[this.code];
  }
}

/**
 * Ends a command with a given exit code after it has already printed its
 * result (e.g. exit 1 after showing feedback on a wrong answer).
 */
export class ExitError extends Error {
  override name = 'ExitError';
  constructor(readonly exitCode: ExitCode) {
    super(`exit ${exitCode}`);
  }
}

export const usage = (message: string, hint?: string) =>
  new TutorError('ERR_USAGE', message, hint === undefined ? {} : { hint });

/**
 * The code of a failed system call (ENOENT, EACCES…) or of a lock (ELOCKED);
 * undefined for anything else, which is a bug (a TutorError's ERR_… is not one).
 */
export function errnoCode(error: unknown): string | undefined {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/** Why a file could not be read, in a few words: "no such file", "is a folder", "cannot be read (EACCES)". */
export function unreadable(error: unknown): string {
  const code = errnoCode(error);
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder';
  return `cannot be read (${code ?? 'error'})`;
}

/** The error for a file the learner named that cannot be read: "Cannot read <what> (no such file)." */
export function cannotRead(what: string, error: unknown, hint: string): TutorError {
  const code = errnoCode(error);
  return new TutorError(
    'ERR_INPUT',
    `Cannot read ${what} (${code === 'ENOENT' ? 'no such file' : (code ?? 'error')}).`,
    { hint, cause: error },
  );
}
