/**
 * A bounded memo for the grader's pure steps. A class's sheets repeat the same
 * lines (copied prompts, the steps, blank and stock answers), so each distinct
 * text is read, classified or judged once per grader. Long texts are not kept
 * (a 1 MB answer is never held twice), and the table starts over when full, so
 * memory stays bounded on any input.
 */
export class Memo<K, V> {
  // Boxed, so that a remembered `undefined` ("not an anchor") is told apart from "not seen".
  private readonly table = new Map<K, { value: V }>();

  constructor(
    private readonly limit = 5_000,
    /** Keys longer than this (strings) are computed every time. */
    private readonly longest = 500,
  ) {}

  get(key: K, compute: (key: K) => V): V {
    if (typeof key === 'string' && key.length > this.longest) return compute(key);
    const hit = this.table.get(key);
    if (hit !== undefined) return hit.value;
    const value = compute(key);
    if (this.table.size >= this.limit) this.table.clear();
    this.table.set(key, { value });
    return value;
  }
}
