// What `node:async_hooks` is inside @inquirer/core in the bundle (scripts/rollup-plugins.mjs).
// Inquirer's hooks bind a function to its async context on every render, once per hook
// (`AsyncResource.bind`: useState's setter, each key handler). On Node 20 each such bind also
// defines the deprecated `asyncResource` property (DEP0172) with two `util.deprecate` wrappers:
// a sixth of the CPU a learner's typing cost (Inquirer renders once per key). Here
// AsyncResource.bind runs the function in the async scope it was bound in, with the `this` it is
// called with (or `thisArg`), as Node's does, without that property, which Inquirer never reads.
// test/unit/inquirer-async-hooks.test.ts holds it to Node's behaviour.
import { AsyncLocalStorage, AsyncResource as NodeAsyncResource } from 'node:async_hooks';

export { AsyncLocalStorage };

export class AsyncResource extends NodeAsyncResource {
  static bind(fn, type, thisArg) {
    const resource = new NodeAsyncResource(type || fn.name || 'bound-anonymous-fn');
    return thisArg === undefined
      ? function (...args) {
          return resource.runInAsyncScope(fn, this, ...args);
        }
      : (...args) => resource.runInAsyncScope(fn, thisArg, ...args);
  }
}
