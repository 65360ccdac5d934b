// Measured figures of each scenario, written by the suites to tests/results/<suite>/<file>.json;
// docs/RELIABILITY.md is generated from these files only (tests/report/reliability.ts).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const RESULTS_DIR = resolve(import.meta.dirname, '../results');

export type Suite = 'faults' | 'security';
export type FigureValue = number | string;

export interface ScenarioRecord {
  /** Stable id, e.g. F1 or A6, used to order the report. */
  id: string;
  title: string;
  /** What was done, in one paragraph. */
  tried: string;
  figures: Record<string, FigureValue>;
  /** Requests, events or other volume involved, in a few words (for the summary table). */
  volume: string;
  /** The verdict once every assertion passed. */
  result: string;
  /** `passed` once every assertion held; `failed` when the last run did not get that far. */
  status: 'passed' | 'failed';
  recordedAt: string;
  durationSeconds: number;
  machine: string;
}

async function writeJson(path: string, data: unknown): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(JSON.stringify(data), { ...options, parser: 'json' }));
}

export function readResults(suite: Suite): ScenarioRecord[] {
  const dir = join(RESULTS_DIR, suite);
  if (!existsSync(dir)) return [];
  const out: ScenarioRecord[] = [];
  for (const file of readdirJson(dir)) {
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, ScenarioRecord>;
    out.push(...Object.values(data));
  }
  return out;
}

function readdirJson(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** One scenario being measured: figures accumulate, `pass` marks it proven. */
export class Scenario {
  readonly figures: Record<string, FigureValue> = {};
  private volumeText = '';
  private readonly started = Date.now();

  constructor(
    private readonly file: ResultsFile,
    readonly id: string,
    readonly title: string,
    readonly tried: string,
  ) {}

  set(label: string, value: FigureValue): this {
    this.figures[label] = value;
    return this;
  }

  /** The volume summary for the report's table, e.g. "2,396 requests, 1,016 orders". */
  volume(text: string): this {
    this.volumeText = text;
    return this;
  }

  /** Records the scenario as passed with its verdict; call after the last assertion. */
  async pass(result: string): Promise<void> {
    await this.file.put(this.record('passed', result));
  }

  record(status: ScenarioRecord['status'], result: string): ScenarioRecord {
    return {
      id: this.id,
      title: this.title,
      tried: this.tried,
      figures: { ...this.figures },
      volume: this.volumeText,
      result,
      status,
      recordedAt: new Date().toISOString(),
      durationSeconds: Math.round((Date.now() - this.started) / 100) / 10,
      machine: `${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1) ?? '?'}, Node ${process.version}`,
    };
  }
}

/** The results file of one test file. */
export class ResultsFile {
  private readonly path: string;

  constructor(suite: Suite, testFileUrl: string) {
    const dir = join(RESULTS_DIR, suite);
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, `${basename(fileURLToPath(testFileUrl)).replace(/\.test\.ts$/, '')}.json`);
  }

  /** Starts a scenario; until `pass` it stands in the results as not completed. */
  async begin(id: string, title: string, tried: string): Promise<Scenario> {
    const s = new Scenario(this, id, title, tried);
    await this.put(s.record('failed', 'The last run did not complete this scenario.'));
    return s;
  }

  async put(record: ScenarioRecord): Promise<void> {
    const data = existsSync(this.path)
      ? (JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, ScenarioRecord>)
      : {};
    data[record.id] = record;
    const sorted = Object.fromEntries(Object.entries(data).sort(([a], [b]) => a.localeCompare(b)));
    await writeJson(this.path, sorted);
  }
}
