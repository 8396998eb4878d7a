// Loaded with `node --import`: records every module URL the program resolves,
// and writes the list to $TRACE_IMPORTS_OUT when the process exits.
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';

const seen = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => seen.push(url));
port1.unref();
register(new URL('./trace-imports-hooks.mjs', import.meta.url), { data: { port: port2 }, transferList: [port2] });
process.on('exit', () => writeFileSync(process.env.TRACE_IMPORTS_OUT, seen.join('\n')));
