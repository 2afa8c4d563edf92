import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';

/** Runway's `/metrics` (Prometheus text): deployments stored by state and open jobs by state. */
export async function readMetrics(runwayUrl: string): Promise<{ deployments: Record<string, number>; openJobs: number }> {
  const text = await (await fetchRunwayPage(runwayUrl, '/metrics')).text();
  const deployments: Record<string, number> = {};
  let openJobs = 0;
  for (const m of text.matchAll(/^runway_deployments\{state="(\w+)"\} (\d+)$/gm)) deployments[m[1]!] = Number(m[2]);
  for (const m of text.matchAll(/^runway_jobs\{state="\w+"\} (\d+)$/gm)) openJobs += Number(m[1]);
  return { deployments, openJobs };
}

/** Waits until Runway has no open job and stores `expected` deployments (or the time runs out). */
export async function waitForDrain(runwayUrl: string, expected: number, timeoutMs: number): Promise<{ drained: boolean; ms: number }> {
  const started = Date.now();
  for (;;) {
    const { deployments, openJobs } = await readMetrics(runwayUrl);
    const stored = Object.values(deployments).reduce((a, b) => a + b, 0);
    if (openJobs === 0 && stored >= expected) return { drained: true, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) return { drained: false, ms: Date.now() - started };
    await new Promise((r) => setTimeout(r, 250));
  }
}
