import { createHmac, randomUUID } from 'node:crypto';
import type { Delivery } from './types.ts';

type Sent = { event: string; body: string };

/** The fields of a payload that GitHub's deliveries list repeats. */
function payloadFacts(body: string): Pick<Delivery, 'action' | 'installationId' | 'repositoryId'> {
  const payload = JSON.parse(body) as { action?: unknown; installation?: { id?: unknown }; repository?: { id?: unknown } };
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    action: typeof payload.action === 'string' ? payload.action : null,
    installationId: num(payload.installation?.id),
    repositoryId: num(payload.repository?.id),
  };
}

export const signBody = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** POSTs signed webhooks the way GitHub's hookshot does, and remembers each delivery for redelivery. */
export class WebhookSender {
  target: string | null = null;
  readonly deliveries: Delivery[] = [];
  private readonly sent = new Map<string, Sent>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private nextAttemptId = 1_000_001;

  /** The App's webhook secret; a manifest conversion replaces it. */
  constructor(public secret: string) {}

  async send(event: string, payload: object, opts: { deliveryId?: string; signature?: string | null } = {}): Promise<Delivery> {
    const body = JSON.stringify(payload);
    const id = opts.deliveryId ?? randomUUID();
    this.sent.set(id, { event, body });
    const signature = opts.signature === undefined ? signBody(this.secret, body) : opts.signature;
    return this.post(id, event, body, signature, false);
  }

  async redeliver(id: string): Promise<Delivery> {
    const original = this.sent.get(id);
    if (!original) throw new Error(`No delivery ${id} to redeliver`);
    return this.post(id, original.event, original.body, signBody(this.secret, original.body), true);
  }

  /** `POST /app/hook/deliveries/{id}/attempts`: sends that attempt's delivery again (same guid), soon. */
  redeliverAttempt(attemptId: number): boolean {
    const attempt = this.deliveries.find((d) => d.attemptId === attemptId);
    if (!attempt) return false;
    const pending = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.redeliver(attempt.id));
    this.inFlight.add(pending);
    void pending.finally(() => this.inFlight.delete(pending));
    return true;
  }

  /** Sends after the current request has been answered, as GitHub does; `settle()` awaits these. */
  sendSoon(event: string, payload: object): void {
    const pending = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.send(event, payload));
    this.inFlight.add(pending);
    void pending.finally(() => this.inFlight.delete(pending));
  }

  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async post(id: string, event: string, body: string, signature: string | null, redelivery: boolean): Promise<Delivery> {
    const started = performance.now();
    const attemptId = this.nextAttemptId++;
    const deliveredAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const facts = payloadFacts(body);
    const finish = (status: number, text: string): Delivery => {
      const ms = Math.round(performance.now() - started);
      const delivery = { id, event, status, body: text, ms, attemptId, redelivery, deliveredAt, ...facts };
      this.deliveries.push(delivery);
      return delivery;
    };
    if (!this.target) return finish(0, 'no webhook target set (call setWebhookTarget)');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/fake',
      'x-github-event': event,
      'x-github-delivery': id,
      'x-github-hook-id': '1',
      'x-github-hook-installation-target-type': 'integration',
    };
    if (signature !== null) headers['x-hub-signature-256'] = signature;
    try {
      // GitHub gives up after 10 seconds and records the delivery as failed.
      const res = await fetch(this.target, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      return finish(res.status, await res.text());
    } catch (error) {
      return finish(0, `delivery failed: ${(error as Error).message}`);
    }
  }
}
