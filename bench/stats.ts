// Small helpers for the bench's printout: three passes → min / median / max.

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0] ?? NaN, median: s[Math.floor((s.length - 1) / 2)] ?? NaN, max: s[s.length - 1] ?? NaN };
}

/** "6.1 / 6.8 / 7.0" (min / median / max). */
export function fmt(x: Spread, digits = 1): string {
  return `${x.min.toFixed(digits)} / ${x.median.toFixed(digits)} / ${x.max.toFixed(digits)}`;
}

export const MB = 1024 * 1024;
