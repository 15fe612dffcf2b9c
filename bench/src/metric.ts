/**
 * The one machine-readable line each metric ends with:
 *   METRIC <ID> value=<n> unit=<u> baseline=<n> target=<n>
 * The baseline is measured in the same run (the machine is noisy: ratios hold, absolute times do
 * not). Everything else a bench prints is for humans.
 */
import { round } from "./stats.js";

export interface Metric {
  id: string;
  value: number;
  unit: string;
  baseline: number;
  target: number;
  /** "max": the value must be at most the target (times, memory); "min": at least (counts). */
  goal: "max" | "min";
}

export function formatMetric(metric: Metric): string {
  return `METRIC ${metric.id} value=${formatNumber(metric.value)} unit=${metric.unit} baseline=${formatNumber(metric.baseline)} target=${formatNumber(metric.target)}`;
}

export function meetsTarget(metric: Metric): boolean {
  return metric.goal === "max" ? metric.value <= metric.target : metric.value >= metric.target;
}

/** Plain decimal (never exponent notation), rounded for reading. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "NaN";
  return String(round(value));
}

/** Prints the METRIC line and returns the metric, for the summary. */
export function report(metric: Metric): Metric {
  console.log(formatMetric(metric));
  return metric;
}
