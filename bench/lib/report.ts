// Results: figures with their targets and baselines, the Markdown table, the JSON file, BENCHMARKS.md.
import { readFileSync, writeFileSync } from 'node:fs';

export type Target =
  | { kind: 'ratioMin'; min: number } // value / baseline ≥ min
  | { kind: 'max'; max: number } // value ≤ max
  | { kind: 'min'; min: number }; // value ≥ min

export interface Figure {
  label: string;
  value: number;
  unit: string;
  target?: Target;
  /** The same measurement on the baseline server, when one applies. */
  baseline?: number;
  ratio?: number;
  met?: boolean;
  note?: string;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** Average cores busy while it ran: the bench's own processes, MariaDB, everything else. */
  load?: { seconds: number; bench: number; mariadb: number; others: number };
  figures: Figure[];
  checks: Check[];
  details: Record<string, unknown>;
  seconds: number;
  error?: string;
}

/** A figure; computes its ratio to the baseline and whether it meets its target. */
export function figure(
  label: string,
  value: number,
  unit: string,
  opts: { target?: Target; baseline?: number; note?: string } = {},
): Figure {
  const f: Figure = { label, value, unit };
  if (opts.baseline !== undefined) {
    f.baseline = opts.baseline;
    f.ratio = opts.baseline === 0 ? NaN : value / opts.baseline;
  }
  if (opts.note) f.note = opts.note;
  if (opts.target) {
    f.target = opts.target;
    const t = opts.target;
    if (!Number.isFinite(value)) f.met = false;
    else if (t.kind === 'ratioMin') f.met = (f.ratio ?? NaN) >= t.min;
    else if (t.kind === 'max') f.met = value <= t.max;
    else f.met = value >= t.min;
  }
  return f;
}

export function check(name: string, ok: boolean, detail: string): Check {
  return { name, ok, detail };
}

const num = (v: number, unit: string): string => {
  if (!Number.isFinite(v)) return 'n/a';
  const digits =
    unit === 'req/s' || unit === 'orders/s' || unit === 'events/s' ? 0 : Math.abs(v) < 10 ? 2 : 1;
  return v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
};

const fmt = (v: number, unit: string) => (unit === '' ? num(v, unit) : `${num(v, unit)} ${unit}`);

function targetText(f: Figure): string {
  const t = f.target;
  if (!t) return '—';
  if (t.kind === 'ratioMin') return `≥ ${Math.round(t.min * 100)} % of baseline`;
  if (t.kind === 'max') return `≤ ${fmt(t.max, f.unit)}`;
  return `≥ ${fmt(t.min, f.unit)}`;
}

function ratioText(f: Figure): string {
  if (f.ratio === undefined || !Number.isFinite(f.ratio)) return '—';
  return f.unit.endsWith('/s') ? `${(f.ratio * 100).toFixed(1)} %` : `${f.ratio.toFixed(1)}×`;
}

const cell = (s: string) => s.replaceAll('|', '\\|');

/** The results table: every figure beside its target, the baseline and its ratio to it. */
export function markdownTable(results: ScenarioResult[]): string {
  const rows = [
    '| # | Figure | Result | Target | Baseline (same run) | Ratio to baseline | Met |',
    '|---|---|---:|---|---:|---:|:-:|',
  ];
  for (const r of results) {
    if (r.error) {
      rows.push(`| ${r.id} | ${cell(r.title)} | **failed to run** | — | — | — | ✗ |`);
      continue;
    }
    for (const f of r.figures) {
      const met = f.met === undefined ? '' : f.met ? '✓' : '✗';
      rows.push(
        `| ${r.id} | ${cell(f.label)} | ${fmt(f.value, f.unit)}${f.note ? ` (${cell(f.note)})` : ''} | ${targetText(f)} | ${f.baseline === undefined ? '—' : fmt(f.baseline, f.unit)} | ${ratioText(f)} | ${met} |`,
      );
    }
    const failed = r.checks.filter((c) => !c.ok);
    rows.push(
      `| ${r.id} | correctness: ${r.checks.length - failed.length}/${r.checks.length} checks | ${failed.length === 0 ? 'pass' : `**${cell(failed.map((c) => c.name).join('; '))}**`} | all pass | — | — | ${failed.length === 0 ? '✓' : '✗'} |`,
    );
  }
  return rows.join('\n');
}

/** How busy the machine was during each scenario, and with what. */
export function loadTable(results: ScenarioResult[]): string {
  const rows = [
    '| # | Seconds | Bench processes (load generator, servers, Redis, Chromium) | MariaDB | Other processes on the machine |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    if (!r.load) continue;
    const c = (v: number) => `${v.toFixed(2)} cores`;
    rows.push(
      `| ${r.id} | ${r.load.seconds} | ${c(r.load.bench)} | ${c(r.load.mariadb)} | ${c(r.load.others)} |`,
    );
  }
  return rows.join('\n');
}

/** Every check with its detail, per scenario. */
export function checksList(results: ScenarioResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(
      `- **${r.id} ${r.title}** (${r.seconds.toFixed(0)} s)${r.error ? ` — error: ${r.error}` : ''}`,
    );
    for (const c of r.checks) lines.push(`  - ${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`);
  }
  return lines.join('\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated block of BENCHMARKS.md (between the markers), keeping the hand-written rest. */
export function updateBenchmarksMd(path: string, block: string): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = `# Benchmarks\n\n${START}\n${END}\n`;
  }
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const next =
    a >= 0 && b > a
      ? `${text.slice(0, a + START.length)}\n${block}\n${text.slice(b)}`
      : `${text.trimEnd()}\n\n${START}\n${block}\n${END}\n`;
  writeFileSync(path, next);
}
