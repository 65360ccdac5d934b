// A strict parser of the Prometheus text exposition format (0.0.4), for the metrics tests: it throws on
// anything a Prometheus server would refuse or misread, and on what the format only tolerates (a family
// split into several groups, a sample before its TYPE, a repeated series, histogram buckets that are not
// cumulative or lack +Inf).

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: MetricType;
  help: string | undefined;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function fail(lineNo: number, line: string, why: string): never {
  throw new Error(`Prometheus text, line ${lineNo}: ${why}\n  ${line}`);
}

/** A sample value as Prometheus reads it (Go's ParseFloat: NaN and Inf in any case, e.g. prom-client's "Nan"). */
function parseValue(text: string, lineNo: number, line: string): number {
  if (/^nan$/i.test(text)) return NaN;
  const inf = /^([+-]?)inf(inity)?$/i.exec(text);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) fail(lineNo, line, `bad value "${text}"`);
  return Number(text);
}

/** The family a sample name belongs to, given the families declared so far. */
function familyOf(name: string, families: Map<string, Family>): Family | undefined {
  const direct = families.get(name);
  if (direct) return direct;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!name.endsWith(suffix)) continue;
    const f = families.get(name.slice(0, -suffix.length));
    if (f && (f.type === 'histogram' || (f.type === 'summary' && suffix !== '_bucket'))) return f;
  }
  return undefined;
}

/** Parses `{a="x",b="y"}` starting at `text[0] === '{'`; returns the labels and the rest of the line. */
function parseLabels(
  text: string,
  lineNo: number,
  line: string,
): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let i = 1;
  for (;;) {
    if (text[i] === '}') {
      i++;
      break;
    }
    const eq = text.indexOf('=', i);
    if (eq < 0) fail(lineNo, line, 'label without "="');
    const name = text.slice(i, eq);
    if (!LABEL_NAME.test(name) || name.startsWith('__')) fail(lineNo, line, `bad label name "${name}"`);
    if (name in labels) fail(lineNo, line, `label "${name}" twice`);
    if (text[eq + 1] !== '"') fail(lineNo, line, 'label value not quoted');
    let value = '';
    let j = eq + 2;
    for (;;) {
      const c = text[j];
      if (c === undefined) fail(lineNo, line, 'unterminated label value');
      if (c === '"') break;
      if (c === '\\') {
        const n = text[j + 1];
        if (n === '\\') value += '\\';
        else if (n === '"') value += '"';
        else if (n === 'n') value += '\n';
        else fail(lineNo, line, `bad escape "\\${n ?? ''}" in a label value`);
        j += 2;
        continue;
      }
      value += c;
      j++;
    }
    labels[name] = value;
    i = j + 1;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') fail(lineNo, line, 'expected "," or "}" after a label');
  }
  return { labels, rest: text.slice(i) };
}

/** Parses a whole exposition strictly; families in the order they appear. */
export function parsePrometheusText(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('Prometheus text must end with a line feed');
  const families = new Map<string, Family>();
  const seriesSeen = new Set<string>();
  const typed = new Set<string>();
  const closed = new Set<string>(); // families whose group ended: they may not appear again
  let current: Family | undefined;
  const enter = (f: Family, lineNo: number, line: string) => {
    if (current === f) return;
    if (closed.has(f.name)) fail(lineNo, line, `family ${f.name} is split into several groups`);
    if (current) closed.add(current.name);
    current = f;
  };
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
      if (!m) return; // a plain comment
      const [, keyword, name, rest = ''] = m as unknown as [string, 'HELP' | 'TYPE', string, string?];
      if (!METRIC_NAME.test(name)) fail(lineNo, line, `bad metric name "${name}"`);
      let f = families.get(name);
      if (!f) {
        f = { name, type: 'untyped', help: undefined, samples: [] };
        families.set(name, f);
      }
      enter(f, lineNo, line);
      if (keyword === 'HELP') {
        if (f.help !== undefined) fail(lineNo, line, `second HELP for ${name}`);
        if (/\\[^\\n]/.test(rest.replace(/\\\\/g, ''))) fail(lineNo, line, 'bad escape in HELP');
        f.help = rest.replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      } else {
        if (!TYPES.has(rest as MetricType)) fail(lineNo, line, `unknown type "${rest}"`);
        if (f.samples.length > 0) fail(lineNo, line, `TYPE after samples of ${name}`);
        if (typed.has(name)) fail(lineNo, line, `second TYPE for ${name}`);
        typed.add(name);
        f.type = rest as MetricType;
      }
      return;
    }
    const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
    if (!nameMatch) fail(lineNo, line, 'a sample must start with a metric name');
    const name = nameMatch[0];
    let rest = line.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) ({ labels, rest } = parseLabels(rest, lineNo, line));
    const parts = rest.split(' ');
    if (parts[0] !== '' || parts.length < 2 || parts.length > 3)
      fail(lineNo, line, 'expected " value [timestamp]"');
    const value = parseValue(parts[1]!, lineNo, line);
    if (parts[2] !== undefined && !/^-?\d+$/.test(parts[2])) fail(lineNo, line, 'bad timestamp');
    let family = familyOf(name, families);
    if (!family) {
      // A sample without HELP or TYPE is its own untyped family.
      family = { name, type: 'untyped', help: undefined, samples: [] };
      families.set(name, family);
    }
    enter(family, lineNo, line);
    if (family.type === 'histogram' && name.endsWith('_bucket') && labels.le === undefined)
      fail(lineNo, line, 'histogram bucket without "le"');
    if ((family.type === 'counter' || name.endsWith('_count')) && !(value >= 0))
      fail(lineNo, line, 'counters are non-negative');
    family.samples.push({ name, labels, value });
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seriesSeen.has(key)) fail(lineNo, line, 'the same series twice');
    seriesSeen.add(key);
  });
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return families;
}

/** Buckets per label set: cumulative, ending with +Inf equal to _count, with a _sum. */
function checkHistogram(f: Family): void {
  const groups = new Map<string, { buckets: [number, number][]; count?: number; sum?: number }>();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    let g = groups.get(key);
    if (!g) {
      g = { buckets: [] };
      groups.set(key, g);
    }
    if (s.name === `${f.name}_bucket`) g.buckets.push([le === '+Inf' ? Infinity : Number(le), s.value]);
    else if (s.name === `${f.name}_count`) g.count = s.value;
    else if (s.name === `${f.name}_sum`) g.sum = s.value;
    else throw new Error(`${s.name} does not belong to histogram ${f.name}`);
  }
  for (const [key, g] of groups) {
    const where = `${f.name}${key}`;
    if (g.count === undefined || g.sum === undefined) throw new Error(`${where}: _count or _sum missing`);
    const sorted = [...g.buckets].sort((a, b) => a[0] - b[0]);
    if (sorted.at(-1)?.[0] !== Infinity) throw new Error(`${where}: no +Inf bucket`);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]![1] < sorted[i - 1]![1]) throw new Error(`${where}: buckets are not cumulative`);
    }
    if (sorted.at(-1)![1] !== g.count) throw new Error(`${where}: +Inf bucket differs from _count`);
  }
}

/** The value of one series (labels matched exactly on the names given), or undefined. */
export function valueOf(
  families: Map<string, Family>,
  sample: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const f of families.values()) {
    for (const s of f.samples) {
      if (s.name !== sample) continue;
      if (Object.entries(labels).every(([k, v]) => s.labels[k] === v)) return s.value;
    }
  }
  return undefined;
}
