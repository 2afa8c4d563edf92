import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from './helpers/start-broker.ts';

let broker: Broker;
let admin: { id: number; token: string };
let publisher: { id: number; token: string };

beforeAll(async () => {
  broker = await startBroker();
  admin = await broker.login('root', 'admin');
  publisher = await broker.login('sender', 'publisher');
});
afterAll(async () => broker?.close());

interface Delivery {
  message_id: string;
  receipt: string;
  payload: unknown;
  attempt: number;
}

async function channelWithConsumers(channel: string, consumers: string[]) {
  await broker.call('POST', '/channels', { token: admin.token, body: { name: channel } });
  const tokens: string[] = [];
  for (const name of consumers) {
    const c = await broker.login(name, 'consumer');
    expect((await broker.call('POST', `/channels/${channel}/subscribe`, { token: c.token })).status).toBe(201);
    tokens.push(c.token);
  }
  return tokens;
}

const publish = async (channel: string, payload: unknown) => {
  const res = await broker.call('POST', `/channels/${channel}/messages`, { token: publisher.token, body: { payload } });
  expect(res.status).toBe(201);
  return res.body as { message_id: string; queued: number };
};

const pull = async (channel: string, token: string, body: object = {}): Promise<Delivery[]> => {
  const res = await broker.call('POST', `/channels/${channel}/pull`, { token, body });
  expect(res.status).toBe(200);
  return res.body.messages;
};

const ack = async (channel: string, token: string, receipts: string[]) => {
  const res = await broker.call('POST', `/channels/${channel}/ack`, { token, body: { receipts } });
  expect(res.status).toBe(200);
  return res.body as { acked: number; unknown_receipts: string[] };
};

describe('fan-out', () => {
  it('a published message is copied into every queue of the channel, and only that channel', async () => {
    const [a, b, c] = await channelWithConsumers('fanout', ['fa', 'fb', 'fc']);
    const [elsewhere] = await channelWithConsumers('other', ['fd']);
    const sent = await publish('fanout', { order: 42, items: ['tea'] });
    expect(sent.queued).toBe(3);

    for (const token of [a!, b!, c!]) {
      const got = await pull('fanout', token);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ message_id: sent.message_id, payload: { order: 42, items: ['tea'] }, attempt: 1 });
    }
    expect(await pull('other', elsewhere!)).toEqual([]);
  });

  it('each consumer acknowledges its own copy; the others stay', async () => {
    const [a, b] = await channelWithConsumers('copies', ['ca', 'cb']);
    await publish('copies', 'hello');
    const [fromA] = await pull('copies', a!);
    expect(await ack('copies', a!, [fromA!.receipt])).toEqual({ acked: 1, unknown_receipts: [] });
    // A's receipt means nothing in B's queue.
    expect(await ack('copies', b!, [fromA!.receipt])).toEqual({ acked: 0, unknown_receipts: [fromA!.receipt] });
    const [fromB] = await pull('copies', b!);
    expect(fromB).toMatchObject({ payload: 'hello', attempt: 1 });
  });

  it('a queue created after a publish does not get that message', async () => {
    await channelWithConsumers('late', []);
    expect((await publish('late', 'early bird')).queued).toBe(0);
    const [late] = await channelWithConsumers('late', ['latecomer']);
    expect(await pull('late', late!)).toEqual([]);
  });

  it('messages come out oldest first, max_messages at a time', async () => {
    const [t] = await channelWithConsumers('ordered', ['oa']);
    for (let i = 1; i <= 5; i++) await publish('ordered', i);
    expect((await pull('ordered', t!, { max_messages: 3 })).map((d) => d.payload)).toEqual([1, 2, 3]);
    expect((await pull('ordered', t!, { max_messages: 3 })).map((d) => d.payload)).toEqual([4, 5]);
  });
});

describe('at-least-once delivery', () => {
  it('an unacknowledged message comes back after its visibility timeout, with the attempt counted', async () => {
    const [t] = await channelWithConsumers('redeliver', ['ra']);
    await publish('redeliver', 'kept');
    await publish('redeliver', 'dropped');
    const [kept] = await pull('redeliver', t!, { max_messages: 1, visibility_timeout_seconds: 600 });
    const [dropped] = await pull('redeliver', t!, { max_messages: 1, visibility_timeout_seconds: 0.2 });
    expect(kept).toMatchObject({ payload: 'kept', attempt: 1 });
    expect(dropped).toMatchObject({ payload: 'dropped', attempt: 1 });

    // The consumer "died" holding `dropped`: poll until it is visible again.
    let again: Delivery[] = [];
    const deadline = Date.now() + 10_000;
    while (again.length === 0 && Date.now() < deadline) {
      await sleep(50);
      again = await pull('redeliver', t!, { visibility_timeout_seconds: 600 });
    }
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ message_id: dropped!.message_id, payload: 'dropped', attempt: 2 });
    expect(again[0]!.receipt).not.toBe(dropped!.receipt);

    // The first lease's receipt no longer acknowledges; the current one does.
    expect(await ack('redeliver', t!, [dropped!.receipt])).toEqual({ acked: 0, unknown_receipts: [dropped!.receipt] });
    expect(await ack('redeliver', t!, [again[0]!.receipt, kept!.receipt])).toEqual({ acked: 2, unknown_receipts: [] });
  });

  it('a message inside its visibility timeout is not pulled again, and an acknowledged one never comes back', async () => {
    const [t] = await channelWithConsumers('acked', ['aa']);
    await publish('acked', 'once');
    const [first] = await pull('acked', t!, { visibility_timeout_seconds: 600 });
    expect(await pull('acked', t!)).toEqual([]);
    expect((await ack('acked', t!, [first!.receipt])).acked).toBe(1);
    const { rows } = await broker.db.pool.query("SELECT count(*)::int AS n FROM queue_messages WHERE payload = '\"once\"'");
    expect(rows[0].n).toBe(0);
    expect(await pull('acked', t!)).toEqual([]);
  });

  it('the queue listing counts ready and in-flight messages', async () => {
    const [t] = await channelWithConsumers('counted', ['qa']);
    await publish('counted', 1);
    await publish('counted', 2);
    await pull('counted', t!, { max_messages: 1 });
    const res = await broker.call('GET', '/channels/counted/queues', { token: admin.token });
    expect(res.body.queues[0]).toMatchObject({ consumer: 'qa', ready: 1, in_flight: 1 });
  });

  it('concurrent pulls on one queue never return the same message', async () => {
    const [t] = await channelWithConsumers('contended', ['workers']);
    const total = 60;
    await broker.db.pool.query(
      `INSERT INTO queue_messages (queue_id, message_id, payload)
       SELECT q.id, gen_random_uuid(), to_jsonb(n) FROM queues q JOIN channels c ON c.id = q.channel_id, generate_series(1, $1) n
       WHERE c.name = 'contended'`,
      [total],
    );
    // More pullers than messages per pull, so that they race for the same rows.
    const rounds = await Promise.all(Array.from({ length: 12 }, () => pull('contended', t!, { max_messages: 4 })));
    const ids = rounds.flat().map((d) => d.message_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(0);
    // Whatever was not leased is still there for the next pull.
    const rest = await pull('contended', t!, { max_messages: 100 });
    expect(new Set([...ids, ...rest.map((d) => d.message_id)]).size).toBe(total);
  });
});
