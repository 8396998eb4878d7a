// Build step (after tsc): parse the shipped lessons' YAML and the built-in decks once, so that
// commands need not load a YAML parser at start-up. dist/content/lessons/<file>.json holds each
// lesson YAML file's source text and parsed value (one file each: `check` reads the rubric's and
// `learn --list` the manifest's, not all of them), and dist/content/decks.json each built-in deck
// that passes the deck checker: its source text, title and number of questions (what
// `quiz --list` shows). The loaders use an entry only when the file on disk still has exactly
// that text (src/tutor/compiled.ts). Each value is what the loader's own YAML reader
// (src/yaml-content.ts) makes of the text, so a copy never differs from a fresh parse.
// A review lesson's rubric also gets, for each of its patterns, the literals every match contains
// (src/grader/literals.ts): the grader skips a pattern whose literals an answer lacks.
// Files are named by URL, never by a URL's pathname (which is %-encoded, and /C:/… on Windows).
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Checker } from '../dist/checker.js';
import { requiredLiterals } from '../dist/grader/literals.js';
import { mayMatch } from '../dist/grader/match.js';
import { parseRubric } from '../dist/grader/rubric.js';
import { parseDeck } from '../dist/quiz/deck.js';
import { parseYamlContent } from '../dist/yaml-content.js';

const dir = new URL('../lessons/', import.meta.url);
const out = new URL('../dist/content/', import.meta.url);
await rm(out, { recursive: true, force: true });
await rm(new URL('../dist/lessons.json', import.meta.url), { force: true }); // the older single file
await mkdir(new URL('lessons/', out), { recursive: true });
const parsed = new Map();
for (const name of (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  const source = await readFile(new URL(name, dir), 'utf8');
  const { value, problems } = parseYamlContent(source, name);
  if (value === undefined || problems.length > 0) continue; // left for the loader to report, with its line
  parsed.set(name, { source, value });
}
const manifest = parsed.get('manifest.yaml')?.value;
for (const lesson of Array.isArray(manifest?.lessons) ? manifest.lessons : []) {
  const entry = lesson?.kind === 'review' ? parsed.get(lesson.data) : undefined;
  if (entry !== undefined) entry.literals = literalsOf(entry.value, lesson.data);
}
for (const [name, entry] of parsed)
  await writeFile(new URL(`lessons/${name}.json`, out), JSON.stringify(entry));

/** Each pattern of a rubric that passes its checker, by its source without the `!`. */
function literalsOf(value, file) {
  const checker = new Checker(file);
  const rubric = parseRubric(value, checker);
  if (rubric === undefined || checker.problems.length > 0) return undefined; // the loader reports it
  const table = {};
  const visit = (node) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node?.re instanceof RegExp) {
      // A pattern (match.ts): its source as written, `!` and all.
      const body = node.negated ? node.source.slice(1) : node.source;
      table[body] = requiredLiterals(body);
    } else if (typeof node === 'object' && node !== null) Object.values(node).forEach(visit);
  };
  visit(rubric);
  // A literal some match lacks would make the grader miss answers: every text the rubric itself
  // holds (model answers, misconception examples, …) that a pattern matches must hold its literals.
  const texts = [];
  const strings = (node) => {
    if (typeof node === 'string') texts.push(node, node.toLowerCase());
    else if (Array.isArray(node)) node.forEach(strings);
    else if (typeof node === 'object' && node !== null) Object.values(node).forEach(strings);
  };
  strings(value);
  for (const [body, literals] of Object.entries(table)) {
    const re = new RegExp(body);
    const missed = texts.find((t) => re.test(t) && !mayMatch(literals, t));
    if (missed !== undefined) {
      console.error(
        `compile-lessons: ${file}: literals ${JSON.stringify(literals)} of /${body}/ miss "${missed}"`,
      );
      process.exit(1);
    }
  }
  return table;
}

// The live flow's step titles (src/tutor/step-titles.ts): the seven-steps lesson loaded by the
// one loader, with the text of each file that load reads (the manifest, the lesson's prose and
// data), so that the flow takes the titles from here while those files are unchanged. A lesson the
// loader refuses gets no record: the flow then loads it, and says what is wrong with it.
{
  const { FLOW_LESSON, loadedStepTitles } = await import('../dist/tutor/step-titles.js');
  const { STEP_TITLES_FILE } = await import('../dist/tutor/compiled.js');
  const entry = (Array.isArray(manifest?.lessons) ? manifest.lessons : []).find(
    (l) => l?.id === FLOW_LESSON,
  );
  const names = ['manifest.yaml', entry?.prose, entry?.data].filter((n) => typeof n === 'string');
  let titles;
  try {
    titles = await loadedStepTitles(fileURLToPath(dir));
  } catch {
    titles = undefined;
  }
  if (titles !== undefined) {
    const files = {};
    for (const name of names) files[name] = await readFile(new URL(name, dir), 'utf8');
    await writeFile(STEP_TITLES_FILE, JSON.stringify({ titles, files }));
  }
}

const decksDir = new URL('../lessons/decks/', import.meta.url);
const decks = {};
for (const name of (await readdir(decksDir)).filter((f) => f.endsWith('.yaml')).sort()) {
  const source = await readFile(new URL(name, decksDir), 'utf8');
  const id = name.slice(0, -'.yaml'.length);
  const { deck } = parseDeck(source, `decks/${name}`, id);
  if (deck === undefined) continue; // left for `quiz --list` to show as invalid, and `quiz lint` to explain
  decks[id] = { source, title: deck.title, questions: deck.questions.length };
}

await writeFile(new URL('decks.json', out), JSON.stringify(decks));
