import type { DeliveryResult } from './load-worker.ts';
import type { OverheadSample } from './overhead-phase.ts';
import { overheadRows, type OverheadCpu } from './overhead-report.ts';
import { ms, percentile } from './stats.ts';

export interface EngineReport {
  engine: string;
  rate: number;
  seconds: number;
  results: DeliveryResult[];
  distinct: number;
  /** Deployments of the load in Runway's store. */
  stored: number;
  storedByState: Record<string, number>;
  neverQueued: number;
  ranTwice: number;
  succeeded: number;
  drain: { drained: boolean; ms: number };
  githubCallsDuringRun: number;
  overhead: OverheadSample[];
  overheadCpu?: OverheadCpu;
  /** One GitHub call alone, Octokit to the fake (bench/support/github-round-trip.ts). */
  githubRoundTripMs?: number;
  rss: { idle: number; afterLoad: number; afterDrain: number };
  profile?: string;
  /** Where Runway's CPU went during the overhead runs alone. */
  overheadProfile?: string | undefined;
  /** The same load against Probot with an empty handler. */
  floor?: DeliveryResult[] | undefined;
  /** CPU time of the process trees during the load phase, per delivery sent (ms). */
  cpuPerDeliveryMs?: { runway: number; floor: number | undefined };
}

const row = (name: string, value: string | number) => `  ${name.padEnd(40)} ${value}`;
const latencies = (label: string, values: number[]) =>
  row(
    label,
    `p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  p99 ${ms(percentile(values, 99))}  max ${ms(Math.max(...values))}`,
  );

/** p99 of the answers to the deliveries sent in each `windowMs` of the load: when the slow answers came. */
function p99ByWindow(results: readonly DeliveryResult[], windowMs: number): string {
  const windows: number[][] = [];
  for (const x of results) {
    if (x.status === 0) continue;
    (windows[Math.floor(x.sentAt / windowMs)] ??= []).push(x.answeredAt - x.sentAt);
  }
  return Array.from(windows, (w) => (w ? percentile(w, 99).toFixed(0) : '-')).join(' ');
}

/** The goal of issue 12 §7: p99 within 5× of the floor's on PostgreSQL, within 10× on the embedded store. */
const FLOOR_MULTIPLE: Record<string, number> = { postgres: 5, embedded: 10 };

export function printEngineReport(r: EngineReport): void {
  const answered = r.results.filter((x) => x.status !== 0);
  const ack = answered.map((x) => x.answeredAt - x.sentAt);
  const fromDue = answered.map((x) => x.answeredAt - x.dueAt);
  const lastSent = Math.max(...r.results.map((x) => x.sentAt));
  const lost = r.results.filter((x) => x.status === 0);
  const errors = [...new Set(lost.map((x) => x.error))].slice(0, 3).join('; ');
  const non2xx = answered.filter((x) => x.status < 200 || x.status > 299);
  const p99 = percentile(ack, 99);
  const floorAck = r.floor?.filter((x) => x.status !== 0).map((x) => x.answeredAt - x.sentAt);
  const multiple = FLOOR_MULTIPLE[r.engine] ?? 5;
  const withinFloor = floorAck === undefined || p99 <= multiple * percentile(floorAck, 99);
  const ok = withinFloor && lost.length === 0 && non2xx.length === 0 && r.stored === r.distinct && r.ranTwice === 0;
  const lines = [
    '',
    `== ${r.engine} store: ${r.results.length} deliveries at ${r.rate}/s for ${r.seconds} s (${r.distinct} distinct, ${r.results.length - r.distinct} duplicates) ==`,
    row('sending took', `${(lastSent / 1000).toFixed(2)} s (achieved ${Math.round(r.results.length / (lastSent / 1000))}/s)`),
    latencies('ack latency (sent → answer)', ack),
    latencies('ack latency (due → answer)', fromDue),
    row('ack p99 per 0.5 s of sending (ms)', p99ByWindow(r.results, 500)),
    ...(r.floor ? floorRows(r.floor, p99) : []),
    ...(r.cpuPerDeliveryMs
      ? [
          row(
            'CPU per delivery during the load',
            `Runway ${r.cpuPerDeliveryMs.runway.toFixed(2)} ms (its process tree)` +
              (r.cpuPerDeliveryMs.floor === undefined ? '' : `, floor ${r.cpuPerDeliveryMs.floor.toFixed(2)} ms`),
          ),
        ]
      : []),
    row('answered non-2xx', `${non2xx.length}${non2xx.length ? ` (${[...new Set(non2xx.map((x) => x.status))].join(', ')})` : ''}`),
    row('lost (no answer in 10 s)', `${lost.length}${errors ? ` (${errors})` : ''}`),
    row(
      'deployments stored / distinct sent',
      `${r.stored} / ${r.distinct}  (by state: ${JSON.stringify(r.storedByState)}, incl. overhead runs)`,
    ),
    row('never queued / run more than once', `${r.neverQueued} / ${r.ranTwice}`),
    row('ended success', `${r.succeeded} / ${r.distinct}`),
    row(
      'queue drained',
      `${r.drain.drained ? 'yes' : 'NO'} after ${(r.drain.ms / 1000).toFixed(1)} s (${(r.distinct / ((lastSent + r.drain.ms) / 1000)).toFixed(1)} deploys/s overall)`,
    ),
    row('fake GitHub API calls (load + drain)', r.githubCallsDuringRun),
    ...overheadRows(r.overhead, r.overheadCpu, r.githubRoundTripMs),
    row(
      'RSS idle / after load / after drain',
      `${r.rss.idle.toFixed(0)} / ${r.rss.afterLoad.toFixed(0)} / ${r.rss.afterDrain.toFixed(0)} MiB`,
    ),
    row(`goal (p99 ≤ ${multiple}× the floor's, none lost or doubled)`, ok ? 'met' : 'MISSED'),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (r.profile) process.stdout.write(`\n${r.profile}\n`);
  if (r.overheadProfile) process.stdout.write(`\n${r.overheadProfile}\n`);
}

/** The floor's latencies and how far Runway's p99 is from it. */
function floorRows(floor: DeliveryResult[], runwayP99: number): string[] {
  const answered = floor.filter((x) => x.status !== 0);
  const ack = answered.map((x) => x.answeredAt - x.sentAt);
  const floorP99 = percentile(ack, 99);
  return [
    latencies('Probot empty handler (same load)', ack),
    row('Runway p99 / floor p99', `${(runwayP99 / floorP99).toFixed(1)}× (floor lost ${floor.length - answered.length})`),
  ];
}
