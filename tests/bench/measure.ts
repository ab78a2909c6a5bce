/** What a benchmark child prints as its last line; the runner reads it. */
export type Measurement = {
  records: number;
  seconds: number;
  peakRssMb: number;
  note?: string;
  /** A load benchmark's part, and its request latencies. */
  name?: string;
  latencyMs?: { p50: number; p90: number; p95: number; p99: number };
  failed?: number;
};

export function report(records: number, startedAt: number, note?: string): void {
  const measurement: Measurement = {
    records,
    seconds: (performance.now() - startedAt) / 1000,
    // maxRSS is in kilobytes: the whole process's peak, tsx and all.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    ...(note ? { note } : {}),
  };
  console.log(JSON.stringify(measurement));
}
