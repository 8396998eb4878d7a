/** Runs the real, built binary (bin/oauth-tutor.cjs) as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, onTestFinished, TestRunner } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { waitForMatch, waitForText } from './wait.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'bin', 'oauth-tutor.cjs');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  cwd?: string;
}

/**
 * Runs never touch the real data directory: a fresh one per test file unless a
 * test names its own. Keyed by the running file, because a worker may run
 * several files (vitest's isolate: false); test/helpers/setup.ts removes each
 * after its file's last test.
 */
const homes = new Map<string, string>();
const currentFile = () => expect.getState().testPath ?? '';
function defaultHome(): string {
  let home = homes.get(currentFile());
  if (home === undefined) {
    home = mkdtempSync(join(tmpdir(), 'oauth-tutor-home-'));
    homes.set(currentFile(), home);
  }
  return home;
}

/** Removes the current file's default data folder (if a run made one). */
export async function removeDefaultHome(): Promise<void> {
  const home = homes.get(currentFile());
  homes.delete(currentFile());
  if (home !== undefined) await rm(home, { recursive: true, force: true });
}

/**
 * The environment of every process a test starts. Without NODE_EXTRA_CA_CERTS:
 * these machines set it, and it makes each Node process read a certificate
 * bundle at start (about 70 ms, hundreds of launches); the tutor talks only to
 * 127.0.0.1 over plain HTTP, so no certificate is ever used.
 */
export function baseEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_EXTRA_CA_CERTS: undefined,
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    OAUTH_TUTOR_DEBUG: undefined,
    ...('OAUTH_TUTOR_HOME' in extra ? {} : { OAUTH_TUTOR_HOME: defaultHome() }),
    ...extra,
  };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

export function run(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: opts.cwd ?? root,
      env: baseEnv(opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    feed(child.stdin, opts.input ?? '', reject);
  });
}

/**
 * Writes a program's whole input. A program may exit without reading it (`--help` does): the
 * write then fails with EPIPE, which says nothing about the program, so only other errors count.
 */
function feed(stdin: Writable, input: string, onError: (e: Error) => void): void {
  stdin.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') onError(e);
  });
  stdin.end(input);
}

export const strip = stripVTControlCharacters;

/** A process started with pipes, for tests that act while it runs (answer its callback, Ctrl-C it). */
export interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Waits (a hang guard, not a timing check) until the stream shows `text`; returns the stream up to the match. */
  waitFor: (stream: 'stdout' | 'stderr', text: string | RegExp) => Promise<string>;
  /** The first capture group of `pattern` once the stream shows it. */
  waitForMatch: (stream: 'stdout' | 'stderr', pattern: RegExp) => Promise<string>;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/**
 * Starts the binary (or `command` with `args`, e.g. a shell) without waiting
 * for it to end. Started inside a test, it is killed when the test ends if it
 * is still running; started in a beforeAll, stopping it is the caller's job.
 */
export function start(args: string[], opts: RunOptions & { command?: string } = {}): Started {
  const child = spawn(opts.command ?? process.execPath, opts.command ? args : [bin, ...args], {
    cwd: opts.cwd ?? root,
    env: baseEnv(opts.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  if (opts.input !== undefined)
    feed(child.stdin, opts.input, (e) => {
      throw e;
    });
  let exit: string | undefined;
  child.on('close', (code, signal) => (exit = `the process exited (${code ?? signal})`));
  const over = () => exit;
  if (TestRunner.getCurrentTest() !== undefined)
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
  // Stripped again only when more has arrived (a wait reads it every 20 ms).
  const memo = { stdout: { of: -1, text: '' }, stderr: { of: -1, text: '' } };
  const read = (stream: 'stdout' | 'stderr') => () => {
    const raw = stream === 'stdout' ? stdout : stderr;
    if (memo[stream].of !== raw.length) memo[stream] = { of: raw.length, text: strip(raw) };
    return memo[stream].text;
  };
  return {
    child,
    stdout: read('stdout'),
    stderr: read('stderr'),
    waitFor: (stream, text) => waitForText(read(stream), text, { what: stream, over }),
    waitForMatch: (stream, pattern) => waitForMatch(read(stream), pattern, { what: stream, over }),
    exited,
  };
}
