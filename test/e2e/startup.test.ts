/** --help and --version must stay fast: they may not load prompts, crypto, markdown or YAML. */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, root } from '../helpers/cli.js';

async function modulesLoadedBy(args: string[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'trace-'));
  const out = join(dir, 'modules.txt');
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, ['--import', join(root, 'test/helpers/trace-imports.mjs'), bin, ...args], { env: { ...process.env, TRACE_IMPORTS_OUT: out } }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
  const list = (await readFile(out, 'utf8')).split('\n');
  await rm(dir, { recursive: true });
  return list;
}

const HEAVY = ['@inquirer', 'jose', '/open/', 'marked', '/yaml/', 'chalk', 'write-file-atomic'];

describe('start-up', () => {
  it.each([['--help'], ['--version'], ['learn', '--help']])('%s loads no heavy module', async (...args) => {
    const modules = await modulesLoadedBy(args);
    expect(modules.some((m) => m.includes('/dist/cli/main.js'))).toBe(true);
    for (const heavy of HEAVY) expect(modules.filter((m) => m.includes(heavy)), heavy).toEqual([]);
  });

  it('the tracer does see heavy modules when a command needs them', async () => {
    const modules = await modulesLoadedBy(['jwt', 'keys', '--alg', 'ES256']);
    expect(modules.some((m) => m.includes('/jose/'))).toBe(true);
  });
});
