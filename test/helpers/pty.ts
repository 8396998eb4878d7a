/**
 * Drives the real binary in a pseudo-terminal, as a learner would: keys go
 * in, the screen comes out. `waitFor` polls the output for a text; its time
 * limit only guards against a hang, it asserts nothing about speed.
 */
import { spawn, type IPty } from '@lydell/node-pty';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeEach, onTestFinished } from 'vitest';
import { baseEnv, bin, root } from './cli.js';
import { tempDir } from './temp.js';
import { GUARD_MS, waitForText } from './wait.js';

// xterm.js ships CommonJS without named-export hints for Node's ESM loader.
const { Terminal: Emulator } = createRequire(import.meta.url)(
  '@xterm/headless',
) as typeof import('@xterm/headless');

/** One row of the rendered screen; `wrapped` when the terminal folded it there because the line before overflowed. */
export interface ScreenLine {
  text: string;
  wrapped: boolean;
}

/** Rows the terminal had to fold because a line of ours was wider than the screen (each with the row before it). */
export function folded(screen: ScreenLine[]): string[] {
  return screen.flatMap((l, i) => (l.wrapped ? [`${screen[i - 1]?.text ?? ''}⏎${l.text}`] : []));
}

export interface TerminalOptions {
  cols?: number;
  rows?: number;
}

export const KEY = {
  enter: '\r',
  backspace: '\x7f',
  down: '\x1b[B',
  up: '\x1b[A',
  ctrlC: '\x03',
} as const;

export class Terminal {
  private raw = '';
  /** `raw` stripped, worked out again only when more has arrived (waitFor reads it every 20 ms). */
  private stripped: { of: number; text: string } = { of: 0, text: '' };
  private cursor = 0;
  /** Set once the program has exited: a wait then fails at once instead of at its time limit. */
  private exit: string | undefined;
  private readonly exitCode: Promise<number>;
  private readonly pty: IPty;
  /**
   * The same bytes rendered by a real terminal emulator (xterm.js, headless), as
   * `tmux capture-pane` would show them. Made, and fed what has arrived, only
   * when a test asks for the screen: most never do, and parsing costs CPU.
   * (Nothing the emulator answers is sent back to the program, so feeding it
   * later renders the same screen.)
   */
  private emulator: { term: InstanceType<typeof Emulator>; fed: number } | undefined;
  private readonly size: { cols: number; rows: number };

  constructor(
    args: string[],
    env: Record<string, string | undefined> = {},
    opts: TerminalOptions = {},
  ) {
    const cols = opts.cols ?? 120;
    const rows = opts.rows ?? 50;
    this.pty = spawn(process.execPath, [bin, ...args], {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: root,
      env: baseEnv(env) as Record<string, string>,
    });
    this.size = { cols, rows };
    this.pty.onData((d) => {
      this.raw += d;
    });
    this.exitCode = new Promise((resolve) =>
      this.pty.onExit(({ exitCode }) => {
        this.exit = `the program exited (${exitCode})`;
        resolve(exitCode);
      }),
    );
  }

  /**
   * The exit code, once the program has exited. A program that does not exit fails the test
   * after GUARD_MS, showing the end of its output, instead of at the test's time limit with
   * nothing to go on (a `flow --step` test once timed out that way in a full run).
   */
  get exited(): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `the program had not exited after ${GUARD_MS / 1000} s; the end of its output:\n${this.output.slice(-1500)}`,
            ),
          ),
        GUARD_MS,
      );
    });
    return Promise.race([this.exitCode, hang]).finally(() => clearTimeout(timer));
  }

  /** Everything printed so far, colours and cursor moves stripped. */
  get output(): string {
    if (this.stripped.of !== this.raw.length)
      this.stripped = { of: this.raw.length, text: stripVTControlCharacters(this.raw) };
    return this.stripped.text;
  }

  /**
   * Waits until `text` appears after the previous match; returns the output
   * from the previous match to the end of this one. `cursor` indexes the
   * stripped output, so what follows a match stays for the next wait.
   */
  async waitFor(text: string | RegExp, guardMs = GUARD_MS): Promise<string> {
    const seen = await waitForText(() => this.output, text, {
      from: this.cursor,
      guardMs,
      what: () => `the terminal (whole output tail:\n${this.output.slice(-1500)}\n---)`,
      over: () => this.exit,
    });
    this.cursor += seen.length;
    return seen;
  }

  /** The whole screen and its scrollback, row by row, once the emulator has drawn everything received so far. */
  async screen(): Promise<ScreenLine[]> {
    this.emulator ??= {
      term: new Emulator({ ...this.size, scrollback: 10_000, allowProposedApi: true }),
      fed: 0,
    };
    const { term } = this.emulator;
    const more = this.raw.slice(this.emulator.fed);
    this.emulator.fed = this.raw.length;
    await new Promise<void>((resolve) => term.write(more, resolve));
    const buffer = term.buffer.active;
    const lines: ScreenLine[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      if (line !== undefined)
        lines.push({ text: line.translateToString(true), wrapped: line.isWrapped });
    }
    while (lines.length > 0 && lines.at(-1)!.text === '') lines.pop();
    return lines;
  }

  async type(keys: string): Promise<void> {
    for (const k of keys) {
      this.pty.write(k);
      // One key per tick, as a person types: readline sees separate keypresses.
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  press(key: string): void {
    this.pty.write(key);
  }

  kill(): void {
    try {
      this.pty.kill();
    } catch {
      // already gone
    }
  }
}

/** A terminal running the binary, killed when the current test ends (pass or fail). Call it inside a test. */
export function openTerminal(
  args: string[],
  env: Record<string, string | undefined> = {},
  opts: TerminalOptions = {},
): Terminal {
  const term = new Terminal(args, env, opts);
  onTestFinished(() => term.kill());
  return term;
}

/** What the terminal tests read back of the learner's progress.json (the fields they check). */
export interface SavedProgress {
  lastLesson?: string;
  lessons: Record<
    string,
    {
      status: string;
      score?: { correct: number; total: number };
      sitting?: { seed?: string; answers: number[] };
    }
  >;
  items: Record<string, unknown>;
}

/**
 * For a file of terminal tests: each test gets a fresh OAUTH_TUTOR_HOME
 * (removed when it ends), and `open` runs the binary in a terminal with that
 * home (killed when the test ends); `progress` reads what it saved there. Call it
 * at the top level of the file.
 */
export function terminalsWithHome(prefix = 'oauth-tutor-pty-'): {
  home: () => string;
  open: (args: string[], opts?: TerminalOptions) => Terminal;
  progress: () => Promise<SavedProgress>;
} {
  let home: string | undefined;
  beforeEach(async () => {
    home = await tempDir(prefix);
  });
  const current = () => {
    if (home === undefined) throw new Error('terminalsWithHome: the home exists only inside tests');
    return home;
  };
  return {
    home: current,
    open: (args, opts = {}) => openTerminal(args, { OAUTH_TUTOR_HOME: current() }, opts),
    progress: async () => JSON.parse(await readFile(join(current(), 'progress.json'), 'utf8')),
  };
}
