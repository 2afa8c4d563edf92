import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';
import { addUser, createTestApp, type TestApp } from './support/test-app.ts';

// Every JSON request body the specification (shared/seeds/001_c333d93e0be3d9a1.txt) shows, sent as
// its clients send them (Content-Type: application/json), and read back the way its clients read.

/** §2.6.5 "Endpoint /token": the Lambda test event's body. */
const TOKEN_BODY = '{"username": "admin", "password": "admin"}';
/** §2.6.5 "Endpoint /registrar_pedido_entregado": the event's body, no timestamp. */
const ORDER_BODY =
  '{\n  "pedido_id": "12345", "repartidor": {\n    "IdRepartidor": "101", "Nombre": "María López"}, "productos": [\n    {\n      "IdProducto": "pk0001", "producto": "Moneda", "precio": 1\n    }\n  ]\n}';
/** The orders its /pedidos answer and its DynamoDB table show, as their clients sent them. */
const STORED_ORDERS = [
  {
    timestamp: '2024-09-12T01:45:00',
    repartidor: { Nombre: 'Carlos García', IdRepartidor: 102 },
    pedido_id: '4205dd65-056f-462e-8e1f-c801a5e78536',
    productos: [
      { IdProducto: 'pk0001', precio: 1, producto: 'Moneda' },
      { IdProducto: 'pk0007', precio: 14, producto: 'Tijeras pequeñas' },
    ],
  },
  {
    pedido_id: 'acd5357d-48a0-4e5c-9da0-21748647178',
    repartidor: { Nombre: 'Juan Martinez', IdRepartidor: 104 },
    productos: [{ IdProducto: 'pk0001', producto: 'Moneda', precio: 1.0 }],
    timestamp: '2024-09-12 03:51:25.868767',
  },
];

let testDb: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  testDb = await createTestDatabase();
  app = createTestApp(testDb.db);
  await addUser(testDb.db, 'admin', 'admin');
});
afterAll(async () => {
  await testDb?.drop();
});

const post = (path: string, body: string, token?: string) =>
  app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body,
  });

describe("the specification's requests", () => {
  let token: string;

  it('POST /token with its body returns { access_token, token_type: "bearer" }', async () => {
    const response = await post('/token', TOKEN_BODY);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; token_type: string };
    expect(body.token_type).toBe('bearer');
    token = body.access_token;
  });

  it("POST /registrar_pedido_entregado with its body (no timestamp) answers 200 and the spec's message", async () => {
    const response = await post('/registrar_pedido_entregado', ORDER_BODY, token);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { message: string; pedido: Record<string, unknown> };
    expect(body.message).toBe('Pedido registrado exitosamente');
    expect(body.pedido).toMatchObject(JSON.parse(ORDER_BODY) as Record<string, unknown>);
    expect(typeof body.pedido.timestamp).toBe('string');
  });

  it('records the orders its listing shows, with their timestamps as sent', async () => {
    for (const order of STORED_ORDERS) {
      expect((await post('/registrar_pedido_entregado', JSON.stringify(order), token)).status).toBe(200);
    }
  });

  it('GET /pedidos, asked as the specification asks, returns every order under "pedidos"', async () => {
    const response = await app.request('/pedidos', { headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { pedidos: Array<Record<string, unknown>> };
    expect(body.pedidos.map((p) => p.pedido_id).sort()).toEqual(['12345', ...STORED_ORDERS.map((o) => o.pedido_id)].sort());
    expect(body.pedidos.find((p) => p.pedido_id === STORED_ORDERS[1]!.pedido_id)).toMatchObject(STORED_ORDERS[1]!);
  });

  it('GET /metrics answers the three keys the specification reads', async () => {
    const response = await app.request('/metrics?fecha=2024-09-12', { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    // Their timestamps carry no offset, so they are Bogotá's local time: both on 2024-09-12, 15 + 1 pesos.
    expect(await response.json()).toMatchObject({
      top_3_productos: [
        ['Moneda', 2],
        ['Tijeras pequeñas', 1],
      ],
      precio_promedio_por_pedido: 8,
      acumulado_ventas_dia: 16,
    });
  });
});
