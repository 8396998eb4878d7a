/**
 * A terminal sequence diagram of an ordering exercise: one lane per actor,
 * one numbered arrow per step, the step's words beside it. Plain text; the
 * caller colours it. `highlight` marks the step the live flow is on. When the
 * lanes and words do not fit `width` columns, the same steps come as a
 * vertical list of numbered arrows ("3. Client app → Auth server"), each
 * step's words on the lines below.
 */
import { orderedSteps, type OrderingExercise } from './ordering.js';

const LANE = 13;
/** Where a step's words start in the narrow form, under its number. */
const INDENT = '     ';

export interface DiagramOptions {
  highlight?: number;
  /** Show only the first n steps (the flow draws the diagram step by step). */
  upTo?: number;
  /** The columns available; the lanes give way to a list when a line would not fit. */
  width?: number;
  /** Wraps text at word boundaries to a width (the terminal's wrapper; without it, lines are not wrapped). */
  wrap?: (text: string, width: number) => string;
}

export interface DiagramLine {
  text: string;
  /** The step number this line draws, if any. */
  step?: number;
  /** True for the line under a step that says how it happens. */
  note?: boolean;
}

export function sequenceDiagram(ex: OrderingExercise, opts: DiagramOptions = {}): DiagramLine[] {
  const lanes = laneDiagram(ex, opts);
  const width = opts.width;
  if (width === undefined || lanes.every((l) => [...l.text].length <= width)) return lanes;
  return arrowList(ex, opts);
}

/** The narrow form: one numbered arrow per step, its words and note indented below, wrapped at word boundaries to `width`. */
export function arrowList(ex: OrderingExercise, opts: DiagramOptions = {}): DiagramLine[] {
  const name = (id: string) => ex.actors.find((a) => a.id === id)?.name ?? id;
  const steps = orderedSteps(ex);
  const lines: DiagramLine[] = [];
  steps.slice(0, opts.upTo ?? steps.length).forEach((step, n) => {
    const number = n + 1;
    const marker = opts.highlight === number ? '▶ ' : '  ';
    const arrow =
      step.arrow === undefined ? '' : ` ${name(step.arrow.from)} → ${name(step.arrow.to)}`;
    const indented = (text: string) =>
      (opts.width === undefined || opts.wrap === undefined
        ? [text]
        : opts.wrap(text, Math.max(opts.width - INDENT.length, 20)).split('\n')
      ).map((l) => INDENT + l);
    lines.push({ text: `${marker}${number}.${arrow}`, step: number });
    for (const text of indented(step.text)) lines.push({ text, step: number });
    if (step.arrow?.note !== undefined)
      for (const text of indented(`(${step.arrow.note})`))
        lines.push({ text, step: number, note: true });
  });
  return lines;
}

function laneDiagram(ex: OrderingExercise, opts: DiagramOptions): DiagramLine[] {
  const actors = ex.actors;
  const width = actors.length * LANE;
  const center = (i: number) => i * LANE + Math.floor(LANE / 2);
  const lane = () => {
    const row = Array<string>(width).fill(' ');
    actors.forEach((_, i) => (row[center(i)] = '│'));
    return row;
  };
  const header = Array<string>(width).fill(' ');
  actors.forEach((a, i) => {
    const name = a.name.length > LANE - 2 ? a.name.slice(0, LANE - 3) + '…' : a.name;
    const start = center(i) - Math.floor(name.length / 2);
    for (let k = 0; k < name.length; k++) header[start + k] = name.charAt(k);
  });
  const lines: DiagramLine[] = [
    { text: header.join('').trimEnd() },
    { text: lane().join('').trimEnd() },
  ];
  const steps = orderedSteps(ex);
  const upTo = opts.upTo ?? steps.length;
  steps.slice(0, upTo).forEach((step, n) => {
    const number = n + 1;
    const row = lane();
    const marker = opts.highlight === number ? '▶ ' : '  ';
    const arrow = step.arrow;
    if (arrow !== undefined) {
      const from = actors.findIndex((a) => a.id === arrow.from);
      const to = actors.findIndex((a) => a.id === arrow.to);
      if (from >= 0 && to >= 0 && from !== to) {
        const [lo, hi] = from < to ? [center(from), center(to)] : [center(to), center(from)];
        for (let x = lo + 1; x < hi; x++) row[x] = '─';
        if (from < to) row[hi - 1] = '▶';
        else row[lo + 1] = '◀';
        const label = String(number);
        const mid = Math.floor((lo + hi) / 2);
        for (let k = 0; k < label.length; k++) row[mid + k] = label.charAt(k);
      }
    }
    lines.push({
      text: `${row.join('').trimEnd()}  ${marker}${number}. ${step.text}`,
      step: number,
    });
    if (step.arrow?.note !== undefined) {
      lines.push({
        text: `${lane().join('').trimEnd()}       ${step.arrow.note}`,
        step: number,
        note: true,
      });
    }
  });
  lines.push({ text: lane().join('').trimEnd() });
  return lines;
}
