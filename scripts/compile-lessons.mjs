// Build step: parse the shipped lessons' YAML once, so that commands need not load a YAML parser
// at start-up. dist/lessons.json maps each YAML file to its source text and parsed value; the
// loader uses a value only when the file on disk still has exactly that text.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

const dir = new URL('../lessons/', import.meta.url);
const files = {};
for (const name of (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  const source = await readFile(join(dir.pathname, name), 'utf8');
  const doc = parseDocument(source);
  if (doc.errors.length > 0) continue; // left for the loader to report, with its line
  files[name] = { source, value: doc.toJS() };
}
await writeFile(new URL('../dist/lessons.json', import.meta.url), JSON.stringify({ files }));
