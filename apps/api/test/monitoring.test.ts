// The deploy kit's monitoring files: deploy/prometheus (scrape config, alert rules and their promtool unit
// tests) and deploy/grafana/table-order.json. They parse, and every metric, label and label value their
// expressions name is one /metrics exposes; with promtool installed (PATH or PROMTOOL), it checks the
// config and every expression, and runs the alert rules' unit tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { processFigures } from '../src/infra/metrics.js';
import { createTestApp, type TestApp } from './harness.js';
import { parsePrometheusText, type Family } from './prometheus-text.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const yaml = (path: string) => parseYaml(read(path), { strict: true, uniqueKeys: true }) as unknown;

/** Labels Prometheus adds to every series of the scrape job (deploy/prometheus/prometheus.yml). */
const TARGET_LABELS = new Set(['job', 'instance', 'site']);
/** Series Prometheus makes itself. */
const SYNTHETIC = new Map([['up', [] as string[]]]);
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'bool',
  'offset',
  'inf',
  'nan',
]);
const GROUPING = /\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g;

/** The values a label may take, per family (what the API writes; anything else never matches). */
const LABEL_VALUES: Record<string, Record<string, RegExp>> = {
  table_order_http_request_duration_seconds: {
    method: /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|OTHER)$/,
    status_class: /^[1-5]xx$/,
    route: /^(unmatched|\/.*)$/,
  },
  table_order_streams_open: { kind: /^(table|admin)$/ },
  table_order_event_delivery_lag_seconds: { kind: /^(table|admin)$/ },
  table_order_stream_replays_total: { kind: /^(table|admin)$/, outcome: /^(replay|resync)$/ },
  table_order_redis_state: { state: /^(ok|down|disabled)$/ },
  table_order_db_timeouts_total: { kind: /^(acquire|statement)$/ },
  table_order_login_failures_total: { kind: /^(admin|table)$/ },
  table_order_login_lockouts_total: { kind: /^(admin|table)$/ },
};

interface Selector {
  name: string;
  matchers: { label: string; op: string; value: string }[];
}

/** The series selectors of a PromQL expression, and the labels it groups or matches on. */
function references(expr: string): { selectors: Selector[]; grouping: string[] } {
  const grouping: string[] = [];
  let text = expr.replaceAll('$__rate_interval', '5m').replaceAll('$__interval', '1m');
  text = text.replace(GROUPING, (_m, _kw, labels: string) => {
    grouping.push(
      ...labels
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    );
    return ' ';
  });
  text = text.replace(/\[[^\]]*\]/g, ' '); // ranges and subqueries
  const selectors: Selector[] = [];
  const token = /(?<![\w:.$"])([a-zA-Z_:][\w:]*)\s*(\{((?:[^}"]|"(?:[^"\\]|\\.)*")*)\})?(\s*\()?/g;
  for (const m of text.matchAll(token)) {
    const [, name, , body, call] = m;
    if (call || KEYWORDS.has(name!)) continue;
    const matchers = [...(body ?? '').matchAll(/(\w+)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g)].map((x) => ({
      label: x[1]!,
      op: x[2]!,
      value: x[3]!,
    }));
    selectors.push({ name: name!, matchers });
  }
  return { selectors, grouping };
}

/** Exposed series names (histograms' _bucket/_sum/_count) → their family and label names. */
function exposedSeries(
  families: Map<string, Family>,
  labelNames: Map<string, string[]>,
): Map<string, { family: string; labels: Set<string> }> {
  const out = new Map<string, { family: string; labels: Set<string> }>();
  for (const f of families.values()) {
    const labels = new Set(labelNames.get(f.name) ?? f.samples.flatMap((s) => Object.keys(s.labels)));
    const names =
      f.type === 'histogram' || f.type === 'summary'
        ? [`${f.name}_sum`, `${f.name}_count`, ...(f.type === 'histogram' ? [`${f.name}_bucket`] : [])]
        : [f.name];
    for (const n of names) {
      const l = new Set(labels);
      if (n.endsWith('_bucket')) l.add('le');
      if (f.type === 'summary' && n === f.name) l.add('quantile');
      out.set(n, { family: f.name, labels: l });
    }
  }
  for (const [name, labels] of SYNTHETIC) out.set(name, { family: name, labels: new Set(labels) });
  return out;
}

/** Problems with what an expression names: unknown metrics, labels or label values. */
function checkExpression(
  expr: string,
  series: Map<string, { family: string; labels: Set<string> }>,
  where: string,
): string[] {
  const problems: string[] = [];
  const { selectors, grouping } = references(expr);
  if (selectors.length === 0) problems.push(`${where}: names no metric: ${expr}`);
  const known = new Set(TARGET_LABELS);
  for (const s of selectors) {
    const exposed = series.get(s.name);
    if (!exposed) {
      problems.push(`${where}: ${s.name} is not exposed by /metrics`);
      continue;
    }
    for (const l of exposed.labels) known.add(l);
    for (const m of s.matchers) {
      if (!exposed.labels.has(m.label) && !TARGET_LABELS.has(m.label))
        problems.push(`${where}: ${s.name} has no label "${m.label}"`);
      const allowed = LABEL_VALUES[exposed.family]?.[m.label];
      if (allowed && m.op === '=' && !allowed.test(m.value))
        problems.push(`${where}: ${s.name}{${m.label}="${m.value}"} never exists`);
      if (m.label === 'job' && m.op === '=' && m.value !== 'table-order')
        problems.push(`${where}: job "${m.value}" is not the scrape job table-order`);
    }
  }
  for (const l of grouping) if (!known.has(l)) problems.push(`${where}: groups by unknown label "${l}"`);
  return problems;
}

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets?: { refId: string; expr: string; datasource?: { uid: string } }[];
}

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

const promtool = (() => {
  const bin = process.env.PROMTOOL ?? 'promtool';
  return spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0 ? bin : undefined;
})();

describe('monitoring files of the deploy kit', () => {
  let t: TestApp;
  let series: Map<string, { family: string; labels: Set<string> }>;
  const dashboard = JSON.parse(read('deploy/grafana/table-order.json')) as {
    uid: string;
    title: string;
    schemaVersion: number;
    __inputs: { name: string; type: string; pluginId: string }[];
    templating: { list: { name: string; query: { query: string } | string; datasource: { uid: string } }[] };
    panels: Panel[];
  };
  const rules = yaml('deploy/prometheus/alerts.yml') as { groups: { name: string; rules: Rule[] }[] };
  const allRules = rules.groups.flatMap((g) => g.rules);

  beforeAll(async () => {
    t = await createTestApp();
    const families = parsePrometheusText(await t.runtime.ctx.metrics.render());
    // Label names as declared (a family without samples yet, e.g. GC before the first one, has them too).
    const declared = [t.runtime.ctx.metrics.registry, processFigures()].flatMap((r) => r.getMetricsAsArray());
    const labelNames = new Map(
      declared.map((m) => [m.name, (m as unknown as { labelNames?: string[] }).labelNames ?? []]),
    );
    series = exposedSeries(families, labelNames);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('scrapes every instance under the job the rules and the dashboard name', () => {
    const config = yaml('deploy/prometheus/prometheus.yml') as {
      rule_files: string[];
      scrape_configs: { job_name: string; metrics_path: string; static_configs: { targets: string[] }[] }[];
    };
    const job = config.scrape_configs.find((c) => c.job_name === 'table-order');
    expect(job?.metrics_path).toBe('/metrics');
    const targets = job!.static_configs.flatMap((c) => c.targets);
    // The systemd template unit's METRICS_PORT=1%i: table-order@8000 → 18000, @8001 → 18001.
    expect(targets).toEqual(['127.0.0.1:18000', '127.0.0.1:18001']);
    expect(read('deploy/systemd/table-order@.service')).toMatch(/^Environment=METRICS_PORT=1%i$/m);
    expect(config.rule_files).toEqual(['/etc/prometheus/table-order.rules.yml']);
  });

  it('alerts on event lag, 5xx rate, pool waiting, Redis down and a dead instance, each explained', () => {
    const names = allRules.map((r) => r.alert);
    expect(names).toEqual(
      expect.arrayContaining([
        'TableOrderEventLagHigh',
        'TableOrderHttp5xxRate',
        'TableOrderDatabasePoolWaiting',
        'TableOrderRedisDown',
        'TableOrderInstanceDown',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
    for (const r of allRules) {
      expect(['critical', 'warning'], r.alert).toContain(r.labels.severity);
      expect(r.annotations.summary, r.alert).toBeTruthy();
      expect(r.annotations.description, r.alert).toBeTruthy();
      if (r.for !== undefined) expect(r.for, r.alert).toMatch(/^\d+[smh]$/);
    }
    const expr = (name: string) => allRules.find((r) => r.alert === name)!.expr.replace(/\s+/g, ' ');
    expect(expr('TableOrderEventLagHigh')).toMatch(/histogram_quantile\(0\.99,.*\) > 2$/);
    expect(expr('TableOrderHttp5xxRate')).toMatch(/status_class="5xx".*> 0\.01$/);
    expect(expr('TableOrderRedisDown')).toContain('state="down"');
  });

  it('names only metrics, labels and label values /metrics exposes (rules, rule tests, dashboard)', () => {
    const problems: string[] = [];
    for (const r of allRules) problems.push(...checkExpression(r.expr, series, `alert ${r.alert}`));
    const ruleTests = yaml('deploy/prometheus/alerts.test.yml') as {
      tests: { name: string; input_series: { series: string }[] }[];
    };
    for (const test of ruleTests.tests)
      for (const s of test.input_series)
        problems.push(...checkExpression(s.series, series, `rule test "${test.name}"`));
    for (const p of dashboard.panels) {
      for (const target of p.targets ?? []) {
        problems.push(...checkExpression(target.expr, series, `panel "${p.title}" ${target.refId}`));
        // Every selector follows the instance picker.
        for (const s of references(target.expr).selectors) {
          if (s.name === 'up' || s.matchers.some((m) => m.label === 'instance' && m.value === '$instance'))
            continue;
          problems.push(`panel "${p.title}": ${s.name} ignores $instance`);
        }
      }
    }
    for (const v of dashboard.templating.list) {
      const query = typeof v.query === 'string' ? v.query : v.query.query;
      const m = /^label_values\((.+),\s*(\w+)\)$/.exec(query);
      expect(m, query).not.toBeNull();
      problems.push(...checkExpression(m![1]!, series, `variable ${v.name}`));
    }
    expect(problems).toEqual([]);
    // The checker itself refuses what does not exist.
    expect(checkExpression('rate(table_order_orders_total[5m])', series, 'x')).toHaveLength(1);
    expect(checkExpression('table_order_redis_state{state="Down"}', series, 'x')).toHaveLength(1);
    expect(checkExpression('sum by (store) (table_order_streams_open)', series, 'x')).toHaveLength(1);
  });

  it('is an importable Grafana dashboard: one data source input, unique ids, a tidy grid', () => {
    expect(dashboard.uid).toBe('table-order');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.__inputs).toEqual([
      expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }),
    ]);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const p of dashboard.panels) {
      const { x, y, w, h } = p.gridPos;
      expect(x + w, p.title).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i++)
        for (let j = y; j < y + h; j++) {
          expect(cells.has(`${i},${j}`), `${p.title} overlaps another panel`).toBe(false);
          cells.add(`${i},${j}`);
        }
      if (p.type === 'row') continue;
      expect(p.datasource?.uid, p.title).toBe('${DS_PROMETHEUS}');
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      const refIds = p.targets!.map((x) => x.refId);
      expect(new Set(refIds).size, p.title).toBe(refIds.length);
    }
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['instance']);
  });

  it.skipIf(!promtool)(
    'passes promtool: config, rules, the rules’ unit tests, every dashboard expression',
    () => {
      const run = (...args: string[]) => {
        const r = spawnSync(promtool!, args, { cwd: ROOT, encoding: 'utf8' });
        expect(r.status, `promtool ${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
      };
      run('check', 'config', '--syntax-only', 'deploy/prometheus/prometheus.yml');
      run('check', 'rules', 'deploy/prometheus/alerts.yml');
      run('test', 'rules', 'deploy/prometheus/alerts.test.yml');
      // The dashboard's expressions, with Grafana's variables filled in, as recording rules.
      const dir = mkdtempSync(join(tmpdir(), 'to-promtool-'));
      try {
        const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((x) => x.expr));
        const fill = (e: string) => e.replaceAll('$__rate_interval', '1m').replaceAll('$instance', '.*');
        const file = join(dir, 'dashboard.rules.yml');
        writeFileSync(
          file,
          JSON.stringify({
            groups: [
              {
                name: 'dashboard',
                rules: exprs.map((e, i) => ({ record: `dashboard:expr${i}`, expr: fill(e) })),
              },
            ],
          }),
        );
        run('check', 'rules', file);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
