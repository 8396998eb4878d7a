// Loaded with `node --import`: records every module URL the program resolves
// (ES modules through a resolve hook, CommonJS ones from the require cache,
// which Node 20's hooks do not see, and the public built-ins Node loaded, as
// `node:name`, from process.moduleLoadList, which sees those that CommonJS code
// requires), and writes the list to $TRACE_IMPORTS_OUT when the process exits.
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';

const seen = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => seen.push(url));
port1.unref();
register(new URL('./trace-imports-hooks.mjs', import.meta.url), {
  data: { port: port2 },
  transferList: [port2],
});
process.on('exit', () => {
  const required = Object.keys(Module._cache).map((file) => pathToFileURL(file).href);
  const builtins = process.moduleLoadList
    .filter((m) => m.startsWith('NativeModule ') && !m.startsWith('NativeModule internal/'))
    .map((m) => `node:${m.slice('NativeModule '.length)}`);
  writeFileSync(
    process.env.TRACE_IMPORTS_OUT,
    [...new Set([...seen, ...required, ...builtins])].join('\n'),
  );
});
