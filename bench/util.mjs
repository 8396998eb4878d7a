export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * One line of the report: what, the figure, and the ratio against its target when there is one (a
 * ratio with an infinite target, or none, is printed as a figure that has no goal).
 */
export function report(what, figure, ratio, target, { higherIsBetter = false } = {}) {
  let line = `${what.padEnd(44)} ${figure.padStart(14)}`;
  if (ratio !== undefined && (target === undefined || !Number.isFinite(target))) {
    line += `   ${ratio.toFixed(2)}×  (reported, no target)`;
  } else if (ratio !== undefined) {
    const ok = higherIsBetter ? ratio >= target : ratio <= target;
    line += `   ${ratio.toFixed(2)}×  (target ${higherIsBetter ? '≥' : '≤'} ${target}×: ${ok ? 'met' : 'NOT met'})`;
  }
  console.log(line);
  return { what, figure, ratio, target };
}
