/**
 * Drives the real binary in a pseudo-terminal, as a learner would: keys go
 * in, the screen comes out. `waitFor` polls the output for a text; its time
 * limit only guards against a hang, it asserts nothing about speed.
 */
import { spawn, type IPty } from '@lydell/node-pty';
import { createRequire } from 'node:module';
import { stripVTControlCharacters } from 'node:util';
import { baseEnv, bin, root } from './cli.js';

// xterm.js ships CommonJS without named-export hints for Node's ESM loader.
const { Terminal: Emulator } = createRequire(import.meta.url)(
  '@xterm/headless',
) as typeof import('@xterm/headless');

/** One row of the rendered screen; `wrapped` when the terminal folded it there because the line before overflowed. */
export interface ScreenLine {
  text: string;
  wrapped: boolean;
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
  private cursor = 0;
  readonly exited: Promise<number>;
  private readonly pty: IPty;
  /** The same bytes rendered by a real terminal emulator (xterm.js, headless), as `tmux capture-pane` would show them. */
  private readonly emulator: InstanceType<typeof Emulator>;

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
    this.emulator = new Emulator({ cols, rows, scrollback: 10_000, allowProposedApi: true });
    this.pty.onData((d) => {
      this.raw += d;
      this.emulator.write(d);
    });
    this.exited = new Promise((resolve) => this.pty.onExit(({ exitCode }) => resolve(exitCode)));
  }

  /** Everything printed so far, colours and cursor moves stripped. */
  get output(): string {
    return stripVTControlCharacters(this.raw);
  }

  /**
   * Waits until `text` appears after the previous match; returns the output
   * from the previous match to the end of this one. `cursor` indexes the
   * stripped output, so what follows a match stays for the next wait.
   */
  async waitFor(text: string | RegExp, guardMs = 15_000): Promise<string> {
    const started = Date.now();
    for (;;) {
      const plain = this.output.slice(this.cursor);
      let end = -1;
      if (typeof text === 'string') {
        const at = plain.indexOf(text);
        if (at >= 0) end = at + text.length;
      } else {
        const m = new RegExp(text.source, text.flags.replace('g', '')).exec(plain);
        if (m) end = m.index + m[0].length;
      }
      if (end >= 0) {
        this.cursor += end;
        return plain.slice(0, end);
      }
      if (Date.now() - started > guardMs) {
        throw new Error(
          `waited for ${String(text)}; the screen shows:\n${plain.slice(-2000)}\n--- whole output tail:\n${this.output.slice(-1500)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** The whole screen and its scrollback, row by row, once the emulator has drawn everything received so far. */
  async screen(): Promise<ScreenLine[]> {
    await new Promise<void>((resolve) => this.emulator.write('', resolve));
    const buffer = this.emulator.buffer.active;
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
