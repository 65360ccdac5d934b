// Reads a V8 .cpuprofile (node --cpu-prof) and lists where the time went: hottest functions by self
// time, and self time per package / area, so a benchmark miss can be explained with evidence.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Functions on the API's request paths whose inclusive time the summary reports. */
const INCLUSIVE = [
  'authenticate',
  'jwtVerify',
  'verify',
  'findTableAuthState',
  'tableMenu',
  'menuVersion',
  'place',
  'transaction',
  'execute',
  'executeQuery',
  'compileQuery',
  'prepare',
  'publish',
  'dispatch',
  'push',
  'deliver',
  'write',
  'writev',
  'serialize',
  'validate',
  'runPreParsing',
  'preHandlerCallback',
  'handler',
  'onSendHook',
  'parseOrThrow',
];

/** Where a script URL belongs: an npm package, our source tree, Node internals, or V8 itself. */
function area(url: string): string {
  if (url === '') return '(native / V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith('node:')) return 'node internals';
  const ours = /\/(apps\/[^/]+\/src\/(?:modules\/[^/]+|[^/]+)|packages\/[^/]+)/.exec(url);
  if (ours?.[1]) return ours[1];
  return url;
}

export interface ProfileSummary {
  totalMs: number;
  /** Inclusive time of functions (self + callees), for the names asked for. */
  inclusive: { name: string; totalMs: number; share: number }[];
  functions: { name: string; selfMs: number; share: number }[];
  areas: { area: string; selfMs: number; share: number }[];
}

/** Only samples taken between `fromMs` and `toMs` after the profile started. */
export interface ProfileWindow {
  fromMs: number;
  toMs: number;
}

function readProfile(
  path: string,
  inclusiveOf: readonly string[] = INCLUSIVE,
  window?: ProfileWindow,
): ProfileSummary {
  const p = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  if (p.samples && p.timeDeltas) {
    let t = 0;
    for (let i = 0; i < p.samples.length; i++) {
      t += p.timeDeltas[i] ?? 0;
      if (window && (t < window.fromMs * 1000 || t > window.toMs * 1000)) continue;
      const id = p.samples[i] ?? 0;
      selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, p.timeDeltas[i + 1] ?? 0));
    }
  }
  let total = 0;
  const fns = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    total += us;
    const file = url.replace(/^.*\/(node_modules|apps|packages)\//, '$1/');
    const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    fns.set(key, (fns.get(key) ?? 0) + us);
    const a = functionName === '(garbage collector)' ? '(garbage collector)' : area(url);
    areas.set(a, (areas.get(a) ?? 0) + us);
  }
  // Inclusive time: a node's self time plus its subtree's, counted once per call path (outermost match).
  const incl = new Map<string, number>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const fn = byId.get(cur)?.callFrame.functionName ?? '';
      if (inclusiveOf.includes(fn) && !seen.has(fn)) {
        seen.add(fn);
        incl.set(fn, (incl.get(fn) ?? 0) + us);
      }
    }
  }
  const toMs = (us: number) => Math.round(us / 100) / 10;
  const sorted = <K extends string>(m: Map<string, number>, k: K) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(
        ([name, us]) =>
          ({ [k]: name, selfMs: toMs(us), share: total ? us / total : 0 }) as Record<K, string> & {
            selfMs: number;
            share: number;
          },
      );
  return {
    totalMs: toMs(total),
    inclusive: [...incl.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, totalMs: toMs(us), share: total ? us / total : 0 })),
    functions: sorted(fns, 'name'),
    areas: sorted(areas, 'area'),
  };
}

/** A text report of the hottest functions and areas (busy time only, idle excluded). */
export function summarizeProfile(path: string, top = 20, window?: ProfileWindow): string {
  const s = readProfile(path, INCLUSIVE, window);
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)} %`;
  return [
    `busy CPU time ${s.totalMs} ms${window ? ` between ${(window.fromMs / 1000).toFixed(1)} s and ${(window.toMs / 1000).toFixed(1)} s after start` : ''}`,
    'self time by area:',
    ...s.areas.slice(0, 15).map((a) => `  ${pct(a.share)}  ${a.area}`),
    'inclusive time of request-path functions:',
    ...s.inclusive.map((f) => `  ${pct(f.share)}  ${f.name}`),
    'hottest functions (self time):',
    ...s.functions.slice(0, top).map((f) => `  ${pct(f.share)}  ${f.name}`),
  ].join('\n');
}
