/**
 * The start/end trace that the chaos test's deploy command writes, and the checks on it. A line:
 * `start|end <deployment id> <environment> <replica> <ns since the epoch>`.
 */
export interface TraceEvent {
  kind: 'start' | 'end';
  deployment: number;
  environment: string;
  replica: number;
  at: bigint;
}

/** When a replica process was SIGKILLed (its commands die with it). */
export interface Kill {
  replica: number;
  at: bigint;
}

/**
 * The end of a run whose command Runway stopped (its lease could not be renewed, a time limit): in
 * the sandbox a stop ends the command at once, without its own end line, and Runway's log line
 * that follows it (STOPPED_LINE) says when it had ended.
 */
export function stopEvent(deployment: number, at: Date): TraceEvent {
  return { kind: 'end', deployment, environment: '', replica: -1, at: BigInt(at.getTime()) * 1_000_000n };
}

/** Trace events in time order. */
export function inOrder(events: TraceEvent[]): TraceEvent[] {
  return [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export function parseTrace(text: string): TraceEvent[] {
  const events = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l): TraceEvent => {
      const [kind, deployment, environment, replica, at] = l.trim().split(' ');
      if ((kind !== 'start' && kind !== 'end') || !at) throw new Error(`trace line not understood: ${l}`);
      return { kind, deployment: Number(deployment), environment: environment!, replica: Number(replica), at: BigInt(at) };
    });
  return inOrder(events);
}

export interface Run {
  deployment: number;
  environment: string;
  replica: number;
  start: bigint;
  /** Its end line, or the moment its replica was killed; undefined when neither happened. */
  end: bigint | undefined;
  ended: 'normally' | 'killed' | 'unknown';
}

/** One run per start line; a run without an end line ends with the first kill of its replica after it started. */
export function runsOf(events: TraceEvent[], kills: Kill[]): Run[] {
  const starts = events.filter((e) => e.kind === 'start');
  return starts.map((s) => {
    const end = events.find((e) => e.kind === 'end' && e.deployment === s.deployment && e.at >= s.at);
    if (end)
      return { deployment: s.deployment, environment: s.environment, replica: s.replica, start: s.at, end: end.at, ended: 'normally' };
    const kill = kills.filter((k) => k.replica === s.replica && k.at >= s.at).sort((a, b) => (a.at < b.at ? -1 : 1))[0];
    return {
      deployment: s.deployment,
      environment: s.environment,
      replica: s.replica,
      start: s.at,
      end: kill?.at,
      ended: kill ? 'killed' : 'unknown',
    };
  });
}

/** Pairs of runs of one environment whose time spans overlap (a run with no known end overlaps every later one). */
export function overlappingRuns(runs: Run[]): [Run, Run][] {
  const found: [Run, Run][] = [];
  const byEnvironment = new Map<string, Run[]>();
  for (const r of runs) byEnvironment.set(r.environment, [...(byEnvironment.get(r.environment) ?? []), r]);
  for (const list of byEnvironment.values()) {
    list.sort((a, b) => (a.start < b.start ? -1 : 1));
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1]!;
      const after = list[i]!;
      if (before.end === undefined || before.end > after.start) found.push([before, after]);
    }
  }
  return found;
}
