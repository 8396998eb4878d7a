/**
 * Inquirer inside the bundle (test/unit/bundle-ascii.test.ts checks it is bundled): its `node:async_hooks` is scripts/inquirer-async-hooks.mjs, whose
 * AsyncResource.bind must behave as Node's does for everything Inquirer relies on: the bound
 * function runs in the async context it was bound in, gets its arguments and `this`, and returns
 * what the function returns.
 */
import { describe, expect, it } from 'vitest';
import { AsyncLocalStorage as NodeStorage, AsyncResource as NodeResource } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AsyncLocalStorage, AsyncResource } from '../../scripts/inquirer-async-hooks.mjs';
import { chunkMap } from '../helpers/loaded-modules.js';
import { root } from '../helpers/cli.js';

const binds = [
  ['Node', NodeResource.bind.bind(NodeResource)],
  ['the stand-in', AsyncResource.bind.bind(AsyncResource)],
] as const;

describe('AsyncResource.bind, as Inquirer uses it', () => {
  it('re-exports the AsyncLocalStorage Inquirer keeps its hooks in', () => {
    expect(AsyncLocalStorage).toBe(NodeStorage);
  });

  it.each(binds)('%s: runs in the context it was bound in, not the caller’s', async (_, bind) => {
    const store = new AsyncLocalStorage<string>();
    const bound = store.run('render 1', () => bind(() => store.getStore()));
    const seen = await store.run('render 2', async () => {
      await new Promise((r) => setImmediate(r));
      return bound();
    });
    expect(seen).toBe('render 1');
    expect(bound()).toBe('render 1');
  });

  it.each(binds)('%s: passes arguments, `this` and the return value through', (_, bind) => {
    function named(this: unknown, a: number, b: number) {
      return { self: this, sum: a + b };
    }
    const holder = { bound: bind(named) };
    expect(holder.bound(2, 3)).toEqual({ self: holder, sum: 5 });
    const pinned = { pinned: true };
    expect(bind(named, 'with-this', pinned).call(holder, 1, 1)).toEqual({ self: pinned, sum: 2 });
  });

  it('makes no deprecated asyncResource property (the cost it saves)', () => {
    expect('asyncResource' in NodeResource.bind(() => 0)).toBe(true);
    expect('asyncResource' in AsyncResource.bind(() => 0)).toBe(false);
  });
});

describe('Inquirer in dist/bin/', () => {
  it('binds through the stand-in inside @inquirer/core', async () => {
    const chunks = Object.entries(await chunkMap()).filter(([, modules]) =>
      modules.some((m) => m.startsWith('node_modules/@inquirer/core/')),
    );
    expect(chunks.length).toBeGreaterThan(0);
    const text = chunks
      .map(([file]) => readFileSync(join(root, 'dist/bin', file), 'utf8'))
      .join('\n');
    expect(text).toContain('AsyncResource.bind(');
    expect(text).toContain('resource.runInAsyncScope(fn, this, ...args)');
  });
});
