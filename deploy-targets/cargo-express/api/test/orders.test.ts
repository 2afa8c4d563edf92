import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order, StoredOrder } from '../src/orders/order-schema.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';
import { addUser, createTestApp, jsonRequest, login, type TestApp } from './support/test-app.ts';

let testDb: TestDatabase;
let app: TestApp;
let token: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  app = createTestApp(testDb.db, 'America/Lima');
  await addUser(testDb.db, 'ops', 'ops-password');
  token = await login(app, 'ops', 'ops-password');
});
afterAll(async () => {
  await testDb?.drop();
});

function order(pedidoId: string, timestamp: string, overrides: Partial<Order> = {}): Order {
  return {
    pedido_id: pedidoId,
    repartidor: { IdRepartidor: 101, Nombre: 'María López' },
    productos: [
      { IdProducto: 'pk0001', producto: 'Moneda', precio: 1 },
      { IdProducto: 'pk0006', producto: 'Audífonos', precio: 29.99 },
    ],
    timestamp,
    ...overrides,
  };
}

const post = (body: unknown) => app.request('/registrar_pedido_entregado', jsonRequest('POST', token, body));
const list = async (query = '') => {
  const response = await app.request(`/pedidos${query}`, jsonRequest('GET', token));
  return { status: response.status, body: (await response.json()) as { pedidos: StoredOrder[]; next_cursor: string | null } };
};

describe('POST /registrar_pedido_entregado', () => {
  it('records an order and answers as the original API did', async () => {
    const sent = order('ord-1', '2024-09-14T12:00:00-05:00', { repartidor: { IdRepartidor: 'r-7', Nombre: 'Ana' } });
    const response = await post(sent);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ message: 'Pedido registrado exitosamente', pedido: sent });

    const { body } = await list();
    expect(body.pedidos).toEqual([{ ...sent, delivered_at: '2024-09-14T17:00:00.000000Z', total: 30.99 }]);
  });

  it('refuses a second order with the same pedido_id with 409 and keeps the first', async () => {
    const response = await post(order('ord-1', '2024-09-15T08:00:00Z', { productos: [{ IdProducto: 'x', producto: 'X', precio: 99 }] }));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ detail: 'Order ord-1 was already recorded' });
    const { rows } = await testDb.db.query("SELECT count(*)::int AS n FROM order_items WHERE pedido_id = 'ord-1'");
    expect(rows[0]).toEqual({ n: 2 });
  });

  it('reads a timestamp without offset as local time in METRICS_TIME_ZONE, as the Python clients send it', async () => {
    expect((await post(order('ord-naive', '2024-09-14 12:00:00.123456'))).status).toBe(200);
    const { rows } = await testDb.db.query<{ at: string }>(
      `SELECT to_char(delivered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at FROM orders WHERE pedido_id = 'ord-naive'`,
    );
    expect(rows[0]?.at).toBe('2024-09-14T17:00:00.123456');
  });

  it("records an order without timestamp at the server's time, as the specification's own example is sent", async () => {
    const { timestamp: _none, ...sent } = order('ord-no-time', '');
    const before = Date.now();
    const response = await post(sent);
    const after = Date.now();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { pedido: Order };
    expect(body.pedido).toMatchObject(sent);
    const stamped = Date.parse(body.pedido.timestamp!);
    expect(stamped).toBeGreaterThanOrEqual(before);
    expect(stamped).toBeLessThanOrEqual(after);
    const { rows } = await testDb.db.query<{ at: Date }>("SELECT delivered_at AS at FROM orders WHERE pedido_id = 'ord-no-time'");
    expect(rows[0]?.at.getTime()).toBe(stamped);
  });

  it('answers 400 with the path of each invalid field', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{}, ['pedido_id', 'repartidor', 'productos']],
      [order('v1', '2024-09-14T12:00:00Z', { productos: [] }), ['productos']],
      [{ ...order('v2', '2024-09-14T12:00:00Z'), productos: [{ IdProducto: 'a', producto: 'A', precio: -1 }] }, ['productos.0.precio']],
      [{ ...order('v3', '2024-09-14T12:00:00Z'), productos: [{ IdProducto: 'a', producto: 'A', precio: 1.234 }] }, ['productos.0.precio']],
      [{ ...order('v4', '2024-09-14T12:00:00Z'), productos: [{ IdProducto: 'a', producto: 'A', precio: '3' }] }, ['productos.0.precio']],
      [{ ...order('v5', '2024-09-14T12:00:00Z'), repartidor: { IdRepartidor: 1 } }, ['repartidor.Nombre']],
      [order('v6', 'yesterday'), ['timestamp']],
      [order('v7', '2024-02-30T12:00:00Z'), ['timestamp']],
      [order('v8', '2024-09-14T12:00:00+16:00'), ['timestamp']],
      [order('v9', '0099-09-14T12:00:00Z'), ['timestamp']],
      [{ ...order('v10', '2024-09-14T12:00:00Z'), pedido_id: 'nul\u0000id' }, ['pedido_id']],
      [{ ...order('v11', '2024-09-14T12:00:00Z'), repartidor: { IdRepartidor: 1, Nombre: 'lone \ud800' } }, ['repartidor.Nombre']],
      [{ ...order('v12', '2024-09-14T12:00:00Z'), productos: [{ IdProducto: 'a', producto: 'A', precio: 1e12 }] }, ['productos.0.precio']],
      [order('', '2024-09-14T12:00:00Z'), ['pedido_id']],
    ];
    for (const [body, paths] of cases) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const answer = (await response.json()) as { detail: string; errors: Array<{ path: string; message: string }> };
      expect(answer.detail).toBe('Invalid request body');
      expect(answer.errors.map((e) => e.path).sort()).toEqual([...paths].sort());
    }
    const { rows } = await testDb.db.query("SELECT count(*)::int AS n FROM orders WHERE pedido_id LIKE 'v%'");
    expect(rows[0]).toEqual({ n: 0 });
  });
});

describe('GET /pedidos', () => {
  beforeAll(async () => {
    await testDb.db.query('TRUNCATE orders CASCADE');
    // Two orders share an instant, to prove the cursor breaks ties by pedido_id.
    const stamps: Array<[string, string]> = [
      ['p-a', '2025-01-01T10:00:00Z'],
      ['p-b', '2025-01-01T11:00:00.000001Z'],
      ['p-c', '2025-01-01T11:00:00.000001Z'],
      ['p-d', '2025-01-01T09:00:00Z'],
      ['p-e', '2025-01-02T00:00:00Z'],
      ['p-f', '2024-12-31T23:59:59.999Z'],
      ['p-g', '2025-01-01T10:30:00Z'],
    ];
    for (const [id, at] of stamps) expect((await post(order(id, at))).status).toBe(200);
  });

  it('lists newest first', async () => {
    const { body } = await list();
    expect(body.pedidos.map((p) => p.pedido_id)).toEqual(['p-e', 'p-c', 'p-b', 'p-g', 'p-a', 'p-d', 'p-f']);
    expect(body.next_cursor).toBeNull();
  });

  it('walks every order exactly once, page by page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, body }: Awaited<ReturnType<typeof list>> = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      expect(body.pedidos.length).toBeLessThanOrEqual(3);
      seen.push(...body.pedidos.map((p) => p.pedido_id));
      cursor = body.next_cursor;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual(['p-e', 'p-c', 'p-b', 'p-g', 'p-a', 'p-d', 'p-f']);
  });

  it('keeps its place when newer orders arrive between pages', async () => {
    const first = await list('?limit=2');
    expect((await post(order('p-new', '2030-01-01T00:00:00Z'))).status).toBe(200);
    const second = await list(`?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.pedidos.map((p) => p.pedido_id)).toEqual(['p-b', 'p-g']);
  });

  it('answers every order to a client that asks for /pedidos with neither limit nor cursor, as the specification does', async () => {
    const total = 60; // more than a default page
    for (let index = 0; index < total; index++) {
      expect((await post(order(`bulk-${String(index).padStart(2, '0')}`, '2024-06-01T12:00:00Z'))).status).toBe(200);
    }
    const { rows } = await testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders');
    const every = await list();
    expect(every.body.pedidos).toHaveLength(rows[0]!.n);
    expect(every.body.pedidos.length).toBeGreaterThan(total);
    expect(every.body.next_cursor).toBeNull();

    const page = await list('?limit=50');
    expect(page.body.pedidos).toHaveLength(50);
    expect(page.body.pedidos).toEqual(every.body.pedidos.slice(0, 50));
    const next = await list(`?cursor=${page.body.next_cursor}`);
    expect(next.body.pedidos).toEqual(every.body.pedidos.slice(50, 100));
  });

  it('answers 400 for a bad limit or cursor', async () => {
    for (const [query, path] of [
      ['?limit=0', 'limit'],
      ['?limit=501', 'limit'],
      ['?limit=abc', 'limit'],
      ['?cursor=garbage', 'cursor'],
      [`?cursor=${Buffer.from('{"at":"x","id":"p"}').toString('base64url')}`, 'cursor'],
      [`?cursor=${Buffer.from('{"at":"999999999999999999","id":"p"}').toString('base64url')}`, 'cursor'],
      [`?cursor=${Buffer.from('{"at":"1","id":"\\u0000"}').toString('base64url')}`, 'cursor'],
    ]) {
      const { status, body } = await list(query);
      expect(status, query).toBe(400);
      expect((body as unknown as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual([path]);
    }
  });
});
