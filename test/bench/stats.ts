/** Percentiles and the side-by-side table every benchmark prints. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

export interface Row {
  metric: string;
  baseline: number;
  ours: number;
  unit: string;
  target?: string;
}

export function printTable(title: string, rows: Row[]): void {
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
  console.log(`\n${title}`);
  console.log(`  ${'metric'.padEnd(28)}${'baseline'.padStart(12)}${'ours'.padStart(12)}${'ratio'.padStart(9)}  target`);
  for (const r of rows) {
    const ratio = r.ours / r.baseline;
    console.log(`  ${r.metric.padEnd(28)}${(fmt(r.baseline) + ' ' + r.unit).padStart(12)}${(fmt(r.ours) + ' ' + r.unit).padStart(12)}${(ratio.toFixed(2) + '×').padStart(9)}  ${r.target ?? ''}`);
  }
}
