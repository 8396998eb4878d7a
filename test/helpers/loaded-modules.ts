/**
 * Which modules a run of the built binary loads: the module URLs Node
 * resolves (test/helpers/trace-imports.mjs), with each bundle chunk of
 * dist/bin/ replaced by the source modules and packages it holds
 * (dist/bin/modules.json, written by scripts/bundle-cli.mjs). Paths come back
 * relative to the package root: `src/jwt/decode.ts`, `node_modules/jose/…`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baseEnv, bin, root } from './cli.js';

function isChunkMap(value: unknown): value is Record<string, string[]> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'))
  );
}

/** dist/bin/modules.json: each bundle chunk's file name → the source modules and packages it holds. */
export async function chunkMap(): Promise<Record<string, string[]>> {
  const chunks: unknown = JSON.parse(await readFile(join(root, 'dist/bin/modules.json'), 'utf8'));
  if (!isChunkMap(chunks))
    throw new Error('dist/bin/modules.json is not a chunk map: run `npm run build`');
  return chunks;
}

export async function modulesLoadedBy(args: string[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'trace-'));
  const out = join(dir, 'modules.txt');
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', join(root, 'test/helpers/trace-imports.mjs'), bin, ...args],
        { env: baseEnv({ TRACE_IMPORTS_OUT: out }) },
        (error) => (error && error.code !== 1 ? reject(error) : resolve()),
      ),
    );
    const chunks = await chunkMap();
    const chunkDir = pathToFileURL(join(root, 'dist/bin/')).href;
    const rootUrl = pathToFileURL(root).href.replace(/\/?$/, '/');
    const urls = (await readFile(out, 'utf8')).split('\n').filter(Boolean);
    return [
      ...new Set(
        urls.flatMap((u) =>
          u.startsWith(chunkDir)
            ? [u, ...(chunks[u.slice(chunkDir.length)] ?? [])]
            : [u.startsWith(rootUrl) ? u.slice(rootUrl.length) : u],
        ),
      ),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
