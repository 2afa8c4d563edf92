import { signBody } from '../../sandbox/github/index.ts';

export interface BurstDelivery {
  id: string;
  body: string;
}

export interface BurstResult {
  id: string;
  /** The last HTTP status (0: no answer), and how many replicas were tried. */
  status: number;
  tries: number;
}

/**
 * Sends signed `deployment` deliveries open-loop at `perSecond`, each to a random replica that is up,
 * as a load balancer in front of replicas would; one that gets no 2xx (its replica was killed, or
 * the store was down) is sent again with the same delivery id, as GitHub's redelivery would.
 */
export async function sendBurst(input: {
  deliveries: BurstDelivery[];
  perSecond: number;
  secret: string;
  /** The webhook URLs of the replicas that are up now. */
  targets: () => string[];
  maxTries?: number;
}): Promise<BurstResult[]> {
  const started = Date.now();
  const maxTries = input.maxTries ?? 40;
  const one = async (d: BurstDelivery, i: number): Promise<BurstResult> => {
    await sleep(started + (i * 1000) / input.perSecond - Date.now());
    let status = 0;
    for (let tries = 1; tries <= maxTries; tries++) {
      const targets = input.targets();
      const target = targets[Math.floor(Math.random() * targets.length)];
      if (target) {
        try {
          const res = await fetch(target, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-github-event': 'deployment',
              'x-github-delivery': d.id,
              'x-hub-signature-256': signBody(input.secret, d.body),
            },
            body: d.body,
            signal: AbortSignal.timeout(10_000),
          });
          status = res.status;
          await res.arrayBuffer();
          if (status >= 200 && status < 300) return { id: d.id, status, tries };
        } catch {
          status = 0; // no answer: the replica is down or was killed mid-request; try another
        }
      }
      await sleep(250);
    }
    return { id: d.id, status, tries: maxTries };
  };
  return Promise.all(input.deliveries.map(one));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
