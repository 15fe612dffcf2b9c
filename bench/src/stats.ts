/** Small statistics helpers for benchmark samples (milliseconds, bytes, anything numeric). */

/** The p-th percentile (0..100) by linear interpolation between closest ranks. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error("percentile of an empty sample");
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export function mean(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error("mean of an empty sample");
  return samples.reduce((sum, x) => sum + x, 0) / samples.length;
}

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p90: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    min: Math.min(...samples),
    p50: percentile(samples, 50),
    p90: percentile(samples, 90),
    max: Math.max(...samples),
    mean: mean(samples),
  };
}

/** A number rounded for display: no decimals from 1000, 1 from 100, 2 from 1, 4 below. */
export function round(value: number): number {
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 4;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** "p50 3.41 ms, p90 4.2 ms, mean 3.6 ms, min 2.9, max 12.3 (n=200)" */
export function describe(summary: Summary, unit: string): string {
  return `p50 ${round(summary.p50)} ${unit}, p90 ${round(summary.p90)} ${unit}, mean ${round(summary.mean)} ${unit}, min ${round(summary.min)}, max ${round(summary.max)} (n=${summary.n})`;
}

/** Milliseconds elapsed since a `performance.now()` reading. */
export const since = (start: number) => performance.now() - start;

export const MB = 1024 * 1024;
