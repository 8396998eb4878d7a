/**
 * The one reader for YAML content written by people (lessons, rubrics,
 * decks): the value in plain JSON, every YAML error turned into a Problem with its
 * line, and where each field sits (for problems found later by the Checker).
 * Loaded only when a file must be parsed (lessons import it dynamically), so
 * start-up never loads the YAML library.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
} from 'yaml';
import { isObject, type Json, type JsonObject } from './json.js';
import type { LineOf } from './checker.js';
import type { Problem } from './problems.js';

export interface YamlContent {
  /** Undefined when the text is not valid YAML (see problems). */
  value?: Json;
  problems: Problem[];
  lineOf: LineOf;
}

interface Lines {
  line: number | undefined;
  keys: Map<string | number, number>;
}

export function parseYamlContent(text: string, file: string): YamlContent {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  const positions = new WeakMap<object, Lines>();
  const lineOf: LineOf = (container, key) => {
    const at = positions.get(container);
    return key === undefined ? at?.line : (at?.keys.get(key) ?? undefined);
  };
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const first = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      const problem: Problem = { file, field: '', message: `not valid YAML: ${first}` };
      const line = e.linePos?.[0]?.line;
      if (line !== undefined) problem.line = line;
      return problem;
    });
    return { problems, lineOf };
  }
  const value = toJson(doc.toJS());
  const startLine = (node: YamlNode | null | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  // Walk the nodes beside the value they became, recording each field's line.
  const record = (node: unknown, json: Json | undefined): void => {
    if (json === undefined || json === null || typeof json !== 'object' || isAlias(node)) return;
    if (!isMap(node) && !isSeq(node)) return;
    const lines: Lines = { line: startLine(node), keys: new Map() };
    positions.set(json, lines);
    if (isSeq(node) && Array.isArray(json)) {
      node.items.forEach((item, i) => {
        const line = isScalar(item) || isMap(item) || isSeq(item) ? startLine(item) : undefined;
        if (line !== undefined) lines.keys.set(i, line);
        record(item, json[i]);
      });
    } else if (isMap(node) && isObject(json)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        const valueNode = pair.value;
        const line =
          (isScalar(valueNode) || isMap(valueNode) || isSeq(valueNode)
            ? startLine(valueNode)
            : undefined) ?? (isScalar(pair.key) ? startLine(pair.key) : undefined);
        if (line !== undefined) lines.keys.set(key, line);
        record(valueNode, json[key]);
      }
    }
  };
  record(doc.contents, value);
  return { ...(value === undefined ? {} : { value }), problems: [], lineOf };
}

/** The parsed document in JSON form: dates and other non-JSON values become text. */
function toJson(value: unknown): Json | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map((v) => toJson(v) ?? null);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      const j = toJson(v);
      if (j !== undefined) out[k] = j;
    }
    return out;
  }
  return String(value);
}
