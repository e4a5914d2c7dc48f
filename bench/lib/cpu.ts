/**
 * Where a Chromium page's main-thread time goes, read through CDP: a trace summary (what
 * DevTools' Summary tab shows: scripting, style, layout, paint, HTML parsing, GC, other
 * native work) between two moments, and a V8 CPU profile summary (self time per source
 * package or file and the heaviest functions, through the build's source maps when they
 * lie next to the served scripts, e.g. a `vite build --sourcemap` copy).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { ms } from './stats';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

const traceCategories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'v8.execute',
  'blink.user_timing',
  'loading',
];

/** Starts a trace on the page's session; the returned function ends it with its events. */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) =>
    events.push(...(value as unknown as TraceEvent[])),
  );
  const complete = new Promise<void>((resolve) =>
    cdp.once('Tracing.tracingComplete', () => resolve()),
  );
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: traceCategories },
  });
  return async () => {
    await cdp.send('Tracing.end');
    await complete;
    return events;
  };
}

const groups: [string, RegExp][] = [
  ['script: compile', /^(v8\.compile|v8\.compileModule|V8\.CompileCode|v8\.produceCache)/],
  ['GC', /GC|GarbageCollection|^BlinkGC/],
  ['style', /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet)$/],
  ['layout', /^(Layout|InvalidateLayout)$/],
  ['paint and composite', /^(PrePaint|Paint|Layerize|UpdateLayer|UpdateLayerTree|Commit)$/],
  ['HTML parse', /^ParseHTML$/],
  [
    'script: run',
    /^(EvaluateScript|v8\.evaluateModule|FunctionCall|TimerFire|EventDispatch|FireAnimationFrame|RunMicrotasks|v8\.run|V8\.Execute|v8\.callFunction|FireIdleCallback)$/,
  ],
];
const groupOf = (name: string) => groups.find(([, re]) => re.test(name))?.[0] ?? 'other';

/** The page's main thread and its trace clock: where the user-timing mark `name` was set. */
export function traceMark(
  events: readonly TraceEvent[],
  name: string,
): { ts: number; pid: number; tid: number } {
  const mark = events.find((e) => e.name === name && e.cat.includes('user_timing'));
  if (!mark) throw new Error(`no trace mark ${name}`);
  return { ts: mark.ts, pid: mark.pid, tid: mark.tid };
}

export interface TraceSummary {
  groups: [string, number][];
  names: [string, number][];
  /** Busy (ms) in the window. */
  total: number;
  /** The window's length (ms). */
  span: number;
}

/**
 * Self time per group and per event name on one thread within `windows` ([from, to] on the
 * trace clock, µs), each event clipped to its window. `per` divides the figures (e.g. per
 * keystroke).
 */
export function traceSummary(
  events: readonly TraceEvent[],
  thread: { pid: number; tid: number },
  windows: readonly (readonly [number, number])[],
  per = 1,
): TraceSummary {
  const ofThread = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.dur)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  let span = 0;
  for (const [from, to] of windows) {
    span += to - from;
    const stack: { end: number; name: string; child: number; start: number }[] = [];
    const close = (frame: (typeof stack)[number]) => {
      const length = Math.max(0, Math.min(frame.end, to) - Math.max(frame.start, from));
      self.set(frame.name, (self.get(frame.name) ?? 0) + Math.max(0, length - frame.child));
      const parent = stack[stack.length - 1];
      if (parent) parent.child += length;
    };
    for (const e of ofThread) {
      if (e.ts >= to || e.ts + e.dur! <= from) continue;
      while (stack.length && stack[stack.length - 1]!.end <= e.ts) close(stack.pop()!);
      stack.push({ end: e.ts + e.dur!, name: e.name, child: 0, start: e.ts });
    }
    while (stack.length) close(stack.pop()!);
  }
  const byGroup = new Map<string, number>();
  let total = 0;
  for (const [name, us] of self) {
    const group = groupOf(name);
    byGroup.set(group, (byGroup.get(group) ?? 0) + us);
    total += us;
  }
  const sorted = (map: Map<string, number>) =>
    [...map.entries()]
      .map(([k, v]): [string, number] => [k, v / 1000 / per])
      .filter(([, v]) => v >= 0.05)
      .sort((a, b) => b[1] - a[1]);
  return {
    groups: sorted(byGroup),
    names: sorted(self),
    total: total / 1000 / per,
    span: span / 1000 / per,
  };
}

/**
 * The thread's tasks between `from` and `to` (trace clock, µs) in order, one line each: when
 * it started (ms after `from`), how long it ran, and its heaviest events inside by self time.
 * Tasks shorter than `minMs` are counted in one line at the end.
 */
export function traceTimeline(
  events: readonly TraceEvent[],
  thread: { pid: number; tid: number },
  from: number,
  to: number,
  minMs = 3,
): string[] {
  const ofThread = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.dur)
    .filter((e) => e.ts < to && e.ts + e.dur! > from)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const lines: string[] = [];
  let small = 0;
  let smallTime = 0;
  let end = -Infinity;
  for (const task of ofThread) {
    if (task.ts < end) continue; // inside the task before
    end = task.ts + task.dur!;
    if (task.dur! / 1000 < minMs) {
      small++;
      smallTime += task.dur! / 1000;
      continue;
    }
    const inside = traceSummary(events, thread, [[task.ts, end]]).names.slice(0, 4);
    lines.push(
      `  +${ms((task.ts - from) / 1000)}  ${ms(task.dur! / 1000)}  ` +
        inside.map(([name, time]) => `${name} ${ms(time)}`).join(', '),
    );
  }
  lines.push(`  and ${small} tasks under ${minMs} ms (${ms(smallTime)} in all)`);
  return lines;
}

export function traceLines(summary: TraceSummary, topNames = 8): string[] {
  return [
    `  main thread busy ${ms(summary.total)} of ${ms(summary.span)}: ` +
      summary.groups.map(([group, time]) => `${group} ${ms(time)}`).join(', '),
    `  largest trace events (self time): ` +
      summary.names
        .slice(0, topNames)
        .map(([name, time]) => `${name} ${ms(time)}`)
        .join(', '),
  ];
}

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

interface SourceMap {
  sources: string[];
  sourcesContent?: (string | null)[];
  names: string[];
  /** Per generated line: [column, source, line, column, name?] segments, by column. */
  lines: number[][][];
}

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = base64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function readSourceMap(file: string): SourceMap | null {
  if (!existsSync(file)) return null;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    sources: string[];
    sourcesContent?: (string | null)[];
    names: string[];
    mappings: string;
  };
  let source = 0;
  let line = 0;
  let column = 0;
  let name = 0;
  const lines = raw.mappings.split(';').map((text) => {
    let generated = 0;
    return text
      ? text.split(',').map((segment) => {
          const v = decodeVlq(segment);
          generated += v[0]!;
          if (v.length < 4) return [generated];
          source += v[1]!;
          line += v[2]!;
          column += v[3]!;
          if (v.length < 5) return [generated, source, line, column];
          name += v[4]!;
          return [generated, source, line, column, name];
        })
      : [];
  });
  return { sources: raw.sources, sourcesContent: raw.sourcesContent, names: raw.names, lines };
}

/** `node_modules/yjs/dist/yjs.mjs` → `yjs`; app files keep their path from `src/`. */
function moduleOf(source: string): string {
  const path = source.replace(/^(\.\.\/)+/, '').replace(/^\/+/, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1]!;
  const src = path.indexOf('src/');
  return src >= 0 ? path.slice(src) : path;
}

/**
 * Self time per script (or, with source maps from `scriptsDir`, per package / app file), the
 * heaviest functions by self time, and the functions with the most time spent in them or
 * what they call (inclusive), of the samples within `windows` ([from, to] on the trace
 * clock, µs; all samples when omitted). Idle samples are left out; `per` divides the figures.
 */
export function profileLines(
  profile: CpuProfile,
  options: {
    scriptsDir?: string;
    windows?: readonly (readonly [number, number])[];
    top?: number;
    per?: number;
  } = {},
): string[] {
  const per = options.per ?? 1;
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (url: string) => {
    if (!options.scriptsDir || !url.startsWith('http')) return null;
    const path = new URL(url).pathname;
    if (!maps.has(path)) maps.set(path, readSourceMap(join(options.scriptsDir, `${path}.map`)));
    return maps.get(path)!;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  let mapped = false;
  const described = new Map<number, { module: string; name: string; code: boolean }>();
  const describe = (id: number) => {
    let found = described.get(id);
    if (found) return found;
    const frame = byId.get(id)!.callFrame;
    const script = frame.url ? frame.url.replace(/^.*\//, '') : '';
    let module = script || frame.functionName || '(native)';
    let name = `${frame.functionName || '(anonymous)'}${script ? ` ${script}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : ''}`;
    const map = frame.url ? mapFor(frame.url) : null;
    const segments = map?.lines[frame.lineNumber];
    if (map && segments?.length) {
      let segment: number[] | undefined;
      for (const candidate of segments) {
        if (candidate[0]! > frame.columnNumber) break;
        if (candidate.length >= 4) segment = candidate;
      }
      if (segment) {
        mapped = true;
        module = moduleOf(map.sources[segment[1]!]!);
        const text = map.sourcesContent?.[segment[1]!]?.split('\n')[segment[2]!]?.trim() ?? '';
        name = `${module}:${segment[2]! + 1}  ${text.slice(0, 80)}`;
      }
    }
    found = { module, name, code: frame.url !== '' };
    described.set(id, found);
    return found;
  };

  const inWindow = (at: number) =>
    !options.windows || options.windows.some(([from, to]) => at >= from && at <= to);
  const modules = new Map<string, number>();
  const selfTime = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, value: number) =>
    map.set(key, (map.get(key) ?? 0) + value);
  let total = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (!inWindow(at)) continue;
    const id = profile.samples[i]!;
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    // timeDeltas[i + 1] is the time until the next sample: this sample's share.
    const share = (profile.timeDeltas[i + 1] ?? 0) / 1000 / per;
    total += share;
    const own = describe(id);
    add(modules, own.module, share);
    add(selfTime, own.name, share);
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const frame = describe(node);
      if (!frame.code || seen.has(frame.name)) continue;
      seen.add(frame.name);
      add(inclusive, frame.name, share);
    }
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  const rows = (map: Map<string, number>, n: number) =>
    top(map, n).map(([name, time]) => `    ${ms(time).padStart(9)}  ${name}`);
  const n = options.top ?? 12;
  return [
    `  ${ms(total)} not idle; self time per ${mapped ? 'package / app file (source maps)' : 'script'}:`,
    ...rows(modules, 8),
    `  heaviest functions, self time${mapped ? ' (file:line and source line)' : ' (minified)'}:`,
    ...rows(selfTime, n),
    `  heaviest functions including what they call:`,
    ...rows(inclusive, n + 6),
  ];
}
