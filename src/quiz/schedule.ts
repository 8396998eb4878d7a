/**
 * Spaced review with Leitner boxes: a right answer moves an item up a box
 * (seen again later), a wrong one sends it back to box 1 (seen again soon).
 */

/** Days until an item in box n is due again. */
export const BOX_DAYS = [0, 1, 3, 7, 14, 30] as const;
export const MAX_BOX = BOX_DAYS.length - 1;

export interface Scheduled {
  box: number;
  /** ISO date-time when the item is due again. */
  due: string;
}

export function nextSchedule(
  previousBox: number | undefined,
  correct: boolean,
  now: Date,
): Scheduled {
  // A box that is no box (issue 12: "x" made a due date of NaN, a RangeError) is treated like none.
  const previous =
    previousBox !== undefined && Number.isInteger(previousBox) && previousBox >= 0
      ? previousBox
      : 0;
  const box = correct ? Math.min(previous + 1, MAX_BOX) : 1;
  // A missed item is due at once (it comes back in the next review); a known one after BOX_DAYS.
  const days = correct ? (BOX_DAYS[box] ?? Math.max(...BOX_DAYS)) : 0;
  return { box, due: new Date(now.getTime() + days * 86_400_000).toISOString() };
}

export interface ReviewItem {
  key: string;
  box?: number;
  due?: string;
  lastResult: boolean;
}

/** Items due now, missed ones first, then the longest overdue. */
export function dueItems<T extends ReviewItem>(items: readonly T[], now: Date): T[] {
  return items
    .filter((i) => i.due === undefined || Date.parse(i.due) <= now.getTime())
    .sort(
      (a, b) =>
        Number(a.lastResult) - Number(b.lastResult) ||
        Date.parse(a.due ?? '1970-01-01') - Date.parse(b.due ?? '1970-01-01'),
    );
}
