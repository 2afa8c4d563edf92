/**
 * The overhead phase's rows of the report: Runway's own time per deployment, the median of each
 * step seen from outside, the GitHub calls per deployment, and the timeline of the median run.
 */
import type { OverheadSample } from './overhead-phase.ts';
import { ms, percentile } from './stats.ts';

const row = (name: string, value: string) => `  ${name.padEnd(40)} ${value}`;
const median = (values: number[]) => percentile(values, 50);

/** Medians of the time between consecutive steps, each sample's own differences. */
function phases(samples: OverheadSample[]): string {
  const steps: [string, (s: OverheadSample) => number][] = [
    ['ack', (s) => s.ackMs],
    ['→ queued', (s) => s.queuedMs - s.ackMs],
    ['→ in_progress', (s) => s.inProgressMs - s.queuedMs],
    ['→ `$` logged', (s) => s.shellMs - s.inProgressMs],
    ['→ command start (sandbox)', (s) => s.commandStartMs - s.shellMs],
    ['command', (s) => s.commandMs],
    ['→ success', (s) => s.totalMs - s.commandEndMs],
  ];
  return steps.map(([name, of]) => `${name} ${ms(median(samples.map(of)))}`).join(', ');
}

const githubCalls = (s: OverheadSample) => s.timeline.filter((t) => t.what.startsWith('GitHub '));

/** CPU time per overhead run (ms): Runway's process alone, and its process tree (the sandbox, the command, the embedded store). */
export interface OverheadCpu {
  runwayMs: number;
  treeMs: number;
}

export function overheadRows(samples: OverheadSample[], cpu?: OverheadCpu, githubRoundTripMs?: number): string[] {
  if (samples.length === 0) return [];
  const overheads = samples.map((o) => o.overheadMs);
  const byOverhead = [...samples].sort((a, b) => a.overheadMs - b.overheadMs);
  const typical = byOverhead[Math.floor((byOverhead.length - 1) / 2)]!;
  const configReads = (s: OverheadSample) => githubCalls(s).filter((t) => t.what.includes('/contents/.github/deploy.yml')).length;
  return [
    row(
      `overhead per deploy (n=${samples.length})`,
      `median ${ms(median(overheads))}  p95 ${ms(percentile(overheads, 95))}  (goal < 50 ms: ${median(overheads) < 50 ? 'met' : 'MISSED'})`,
    ),
    row(
      '  without starting the sandbox',
      `median ${ms(median(samples.map((s) => s.overheadMs - (s.commandStartMs - s.shellMs))))} (the sandbox's start: median ${ms(median(samples.map((s) => s.commandStartMs - s.shellMs)))})`,
    ),
    row(
      '  webhook → queued / in_progress',
      `median ${ms(median(samples.map((o) => o.queuedMs)))} / ${ms(median(samples.map((o) => o.inProgressMs)))}`,
    ),
    row(
      '  webhook → success / command',
      `median ${ms(median(samples.map((o) => o.totalMs)))} / ${ms(median(samples.map((o) => o.commandMs)))}`,
    ),
    row('  steps (medians)', phases(samples)),
    ...(githubRoundTripMs === undefined
      ? []
      : [row('  one GitHub call alone (floor)', `median ${ms(githubRoundTripMs)} (Octokit → the fake GitHub, one at a time)`)]),
    ...(cpu
      ? [
          row(
            '  CPU per deploy',
            `Runway's process ${cpu.runwayMs.toFixed(1)} ms; its tree ${cpu.treeMs.toFixed(1)} ms (launcher, sandbox, command, embedded store)`,
          ),
        ]
      : []),
    row(
      '  GitHub calls per deploy (median)',
      `${median(samples.map((s) => githubCalls(s).length))}, of which deploy.yml reads ${median(samples.map(configReads))}`,
    ),
    `  timeline of the median run (overhead ${ms(typical.overheadMs)}; ms after the webhook was sent):`,
    ...typical.timeline.map((t) => `    ${t.ms.toFixed(0).padStart(6)}  ${t.what}`),
  ];
}
