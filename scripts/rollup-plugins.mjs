// The Rollup plugins that make dist/bin/ (scripts/bundle-cli.mjs) and the start-up floors the
// bench measures (bench/startup.mjs) the same kind of bundle: dependencies resolved and their
// CommonJS converted, with the stand-ins below, so a floor costs what the same code
// would cost inside dist/bin/.
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';

// Loaded only by the commands that need them, and they find files beside their own code (open's
// xdg-open): left to Node's resolver. qrcode (the device flow's QR code) is CommonJS imported
// dynamically by name (`const { create } = await import('qrcode')`): left to Node too. Inquirer
// is bundled: left to Node, the 36 files of the four prompts we use took about 80 ms to load on
// these machines (package.json reads, exports maps, stat calls), before a command's first prompt;
// in the bundle they are two chunks with a code cache (scripts/code-cache-prompts.cjs). So is yaml
// (72 files, a third of `quiz lint`'s instructions on a small deck): the CommonJS plugin gives
// its chunk the named exports Node would. marked and marked-terminal are bundled too (see
// LEAN_HIGHLIGHT below).

const externalPackages = ['open', 'yocto-spinner', 'qrcode'];
const builtins = new Set(builtinModules);
const IN_INQUIRER_CORE = /[\\/]node_modules[\\/]@inquirer[\\/]core[\\/]/;
/** node:async_hooks as @inquirer/core imports it: a stand-in answers (INQUIRER_ASYNC_HOOKS below). */
const inquirersAsyncHooks = (id, importer) =>
  /^(node:)?async_hooks$/.test(id) && importer !== undefined && IN_INQUIRER_CORE.test(importer);
// node:process and node:child_process are not external: startupShims below answers for them, and
// for node:async_hooks inside @inquirer/core.
export const isExternal = (id, importer) =>
  !/^(node:)?(process|child_process)$/.test(id) &&
  !inquirersAsyncHooks(id, importer) &&
  (id.startsWith('node:') ||
    builtins.has(id) ||
    externalPackages.some((p) =>
      p.endsWith('/') ? id.startsWith(p) : id === p || id.startsWith(`${p}/`),
    ));

// commander requires node:child_process at load time, for executable subcommands, which this
// program does not have; loading that built-in costs about a fifth of `node -e 0` on every command.
// Inside commander, the built-in is reached through a stand-in that loads it on first use.
const LAZY_CHILD_PROCESS = '\0lazy-child-process';
// chalk (supports-color) and env-paths `import process from 'node:process'`, and commander's
// `require('node:process')` becomes such an import too. Node builds that built-in's ES module face
// by reading every property of `process`, which creates process.stdin (a stream, a few
// milliseconds) on commands that never read it. Inside the bundle the import is the global
// `process` object itself, which is what the built-in's default export is; a named import of it
// would fail the build (the stand-in has only a default export).
const GLOBAL_PROCESS = '\0global-process';
// marked-terminal colours code blocks with cli-highlight, which requires all of highlight.js: about
// 190 language files, each read and compiled by Node's CommonJS loader, which cost a learner
// 0.2 s (0.37 s of CPU) the first time a lesson's prose was shown. Inside the bundle highlight.js
// is its core with the languages a lesson about OAuth shows (HTTP, JSON, shell, JavaScript,
// TypeScript, YAML); a code block in another language is shown in the code colour, unhighlighted
// (the stand-in throws for a language it does not have, quietly: highlight.js itself would print
// "Could not find the language" into the lesson first; marked-terminal catches and falls back).
const LEAN_HIGHLIGHT = '\0lean-highlight.js';
// Inside @inquirer/core, node:async_hooks is scripts/inquirer-async-hooks.mjs (it says why).
const INQUIRER_ASYNC_HOOKS = '\0inquirer-async-hooks';
// Inquirer folds every line of a prompt to the terminal's width on each render, once per key the
// learner types, with wrap-ansi 6, whose width measure compiles a new regular expression for each
// word (strip-ansi → ansi-regex): a fifth of the CPU of typing an answer. Inside @inquirer/core,
// wrap-ansi is fast-wrap-ansi (wrap-ansi's algorithm with the same options), which the lessons'
// own text is folded with: one measure of width on the screen.
const INQUIRER_WRAP_ANSI = '\0inquirer-wrap-ansi';
const HIGHLIGHT_LANGUAGES = ['http', 'json', 'bash', 'shell', 'javascript', 'typescript', 'yaml'];
const startupShims = {
  name: 'startup-shims',
  resolveId(source, importer) {
    if (importer === undefined) return null;
    const fromCommander = /[\\/]node_modules[\\/]commander[\\/]/.test(importer);
    if (/^(node:)?child_process$/.test(source))
      return fromCommander ? LAZY_CHILD_PROCESS : { id: 'node:child_process', external: true };
    if (/^(node:)?process$/.test(source)) return GLOBAL_PROCESS;
    if (source === 'highlight.js') return LEAN_HIGHLIGHT;
    if (inquirersAsyncHooks(source, importer)) return INQUIRER_ASYNC_HOOKS;
    if (source === 'wrap-ansi' && IN_INQUIRER_CORE.test(importer)) return INQUIRER_WRAP_ANSI;
    return null;
  },
  load(id) {
    if (id === LAZY_CHILD_PROCESS)
      return [
        "import { createRequire } from 'node:module';",
        'const require = createRequire(import.meta.url);',
        "export default new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      ].join('\n');
    if (id === GLOBAL_PROCESS) return 'export default globalThis.process;';
    if (id === INQUIRER_ASYNC_HOOKS)
      return readFileSync(new URL('inquirer-async-hooks.mjs', import.meta.url), 'utf8');
    if (id === INQUIRER_WRAP_ANSI) return "export { wrapAnsi as default } from 'fast-wrap-ansi';";
    if (id === LEAN_HIGHLIGHT)
      return [
        "import hljs from 'highlight.js/lib/core';",
        ...HIGHLIGHT_LANGUAGES.map((l) => `import ${l} from 'highlight.js/lib/languages/${l}';`),
        ...HIGHLIGHT_LANGUAGES.map((l) => `hljs.registerLanguage('${l}', ${l});`),
        'export default {',
        '  ...hljs,',
        '  highlight(code, options) {',
        '    if (options?.language !== undefined && !hljs.getLanguage(options.language))',
        '      throw new Error(`no highlighting for ${options.language}`);',
        '    return hljs.highlight(code, options);',
        '  },',
        '};',
      ].join('\n');
    return null;
  },
};

/** The plugins, in order: the shims first, so that they answer before Node's resolution does. */
/**
 * Every chunk written in ASCII, each other character as a \u escape (a comment's "§" and "—", a
 * regular expression's "’"). V8 keeps a source that has one character beyond Latin-1 as two bytes
 * per character, and decodes, scans and hashes it as such: five of the chunks `flow` loads were, for
 * a few characters, most of them in comments. An escape means the same character in a string, a
 * template, a regular expression (a pair of surrogates too, with or without the u flag), an
 * identifier and a comment, but not after a backslash, nor in a tagged template, whose raw text
 * the tag reads: the build stops on either.
 */
const asciiOnly = {
  name: 'ascii-only',
  renderChunk(code, chunk) {
    if (!/[^\0-\x7f]/.test(code)) return null;
    const tagged = [];
    const walk = (node, inTag) => {
      if (Array.isArray(node)) return node.forEach((n) => walk(n, inTag));
      if (typeof node !== 'object' || node === null) return;
      if (node.type === 'TemplateElement' && inTag && /[^\0-\x7f]/.test(node.value.raw))
        tagged.push(node.value.raw.slice(0, 40));
      for (const [key, value] of Object.entries(node))
        walk(value, inTag || (node.type === 'TaggedTemplateExpression' && key === 'quasi'));
    };
    walk(this.parse(code), false);
    if (tagged.length > 0)
      this.error(`${chunk.fileName}: a tagged template holds non-ASCII text: ${tagged[0]}`);
    const escaped = code.replace(/(\\*)([^\0-\x7f])/g, (_, slashes, ch, at) => {
      if (slashes.length % 2 === 1)
        this.error(`${chunk.fileName}: an escaped non-ASCII character at ${at}`);
      return `${slashes}\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
    return { code: escaped, map: null };
  },
};

export function cliPlugins() {
  return [
    startupShims,
    asciiOnly,
    nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
    // A require() of a stand-in returns its default export, as require() of what it stands for would.
    commonjs({
      requireReturnsDefault: (id) =>
        id === GLOBAL_PROCESS || id === LAZY_CHILD_PROCESS || id === LEAN_HIGHLIGHT,
    }),
    // node-emoji's names for emoji (emojilib) are a JSON file.
    json({ preferConst: true }),
  ];
}

/**
 * How a bundle is written as CommonJS (dist/bin/ and the floors): a chunk compiled with a code
 * cache (vm.Script, bin/code-cache.cjs) cannot run `import('qrcode')` without
 * --experimental-vm-modules, so dynamic imports become require() (or bin/import.cjs, see
 * bundle-cli.mjs). What require() gives for an ES module package (open, yocto-spinner) is its
 * namespace, marked __esModule, whose default export is `.default`; a CommonJS one (qrcode)
 * is its exports: interop 'auto' honours the mark.
 */
export const CJS_OUTPUT = { format: 'cjs', dynamicImportInCjs: false, interop: 'auto' };
