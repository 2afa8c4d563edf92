import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayMetrics } from '../src/metrics/day-metrics.ts';
import type { Order } from '../src/orders/order-schema.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';
import { addUser, createTestApp, jsonRequest, login, type TestApp } from './support/test-app.ts';

let testDb: TestDatabase;
let lima: TestApp;
let utc: TestApp;
let token: string;

const MONEDA = { IdProducto: 'pk0001', producto: 'Moneda', precio: 1.0 };
const CUADERNO = { IdProducto: 'pk0002', producto: 'Cuaderno', precio: 5.5 };
const LAPICERO = { IdProducto: 'pk0003', producto: 'Lapicero', precio: 1.25 };
const MOCHILA = { IdProducto: 'pk0004', producto: 'Mochila', precio: 45.9 };
const PARAGUAS = { IdProducto: 'pk0009', producto: 'Paraguas', precio: 18.5 };
const TERMO = { IdProducto: 'pk0010', producto: 'Termo', precio: 24.0 };

// 2025-03-10 in Lima (UTC-5, no daylight saving) runs from 2025-03-10T05:00Z to 2025-03-11T05:00Z.
const ORDERS: Array<[string, string, Order['productos']]> = [
  ['A-first-instant', '2025-03-10T05:00:00Z', [MONEDA, CUADERNO]], // 6.50, in
  ['B-day-before', '2025-03-10T04:59:59.999Z', [MOCHILA, MOCHILA, MOCHILA]], // 137.70, out
  ['C-naive-late', '2025-03-10 23:59:59', [CUADERNO, LAPICERO, CUADERNO]], // 12.25, in (Lima local time)
  ['D-last-second', '2025-03-11T04:59:59Z', [LAPICERO, TERMO]], // 25.25, in
  ['E-next-day', '2025-03-11T05:00:00Z', [TERMO, TERMO, TERMO, TERMO, TERMO]], // 120.00, out
  ['F-offset', '2025-03-10T12:00:00-05:00', [MONEDA, LAPICERO, PARAGUAS]], // 20.75, in
];

beforeAll(async () => {
  testDb = await createTestDatabase();
  lima = createTestApp(testDb.db, 'America/Lima');
  utc = createTestApp(testDb.db, 'UTC');
  await addUser(testDb.db, 'ops', 'ops-password');
  token = await login(lima, 'ops', 'ops-password');
  for (const [pedido_id, timestamp, productos] of ORDERS) {
    const response = await lima.request(
      '/registrar_pedido_entregado',
      jsonRequest('POST', token, { pedido_id, timestamp, productos, repartidor: { IdRepartidor: 101, Nombre: 'María López' } }),
    );
    expect(response.status).toBe(200);
  }
});
afterAll(async () => {
  await testDb?.drop();
});

async function metrics(app: TestApp, query = ''): Promise<DayMetrics> {
  const response = await app.request(`/metrics${query}`, jsonRequest('GET', token));
  expect(response.status).toBe(200);
  return (await response.json()) as DayMetrics;
}

describe('GET /metrics', () => {
  it('counts only the orders of the day in Lima, edges included', async () => {
    // In: A 6.50 + C 12.25 + D 25.25 + F 20.75 = 64.75 over 4 orders; average 16.1875 → 16.19.
    // Units: Cuaderno 3 (A1, C2), Lapicero 3 (C1, D1, F1), Moneda 2; ties go alphabetically.
    expect(await metrics(lima, '?fecha=2025-03-10')).toEqual({
      fecha: '2025-03-10',
      zona_horaria: 'America/Lima',
      moneda: 'COP',
      top_3_productos: [
        ['Cuaderno', 3],
        ['Lapicero', 3],
        ['Moneda', 2],
      ],
      precio_promedio_por_pedido: 16.19,
      acumulado_ventas_dia: 64.75,
      pedidos_del_dia: 4,
    });
  });

  it('moves the day with the configured time zone', async () => {
    // UTC 2025-03-10: A 6.50 + B 137.70 + F 20.75 = 164.95 over 3 orders; average 54.9833 → 54.98.
    expect(await metrics(utc, '?fecha=2025-03-10')).toMatchObject({
      top_3_productos: [
        ['Mochila', 3],
        ['Moneda', 2],
        ['Cuaderno', 1],
      ],
      precio_promedio_por_pedido: 54.98,
      acumulado_ventas_dia: 164.95,
      pedidos_del_dia: 3,
    });
    // The next Lima day holds only E: 5 Termo at 24.00.
    expect(await metrics(lima, '?fecha=2025-03-11')).toMatchObject({
      top_3_productos: [['Termo', 5]],
      precio_promedio_por_pedido: 120,
      acumulado_ventas_dia: 120,
      pedidos_del_dia: 1,
    });
  });

  it('counts a product by its name, whatever ids it is sold under, as the specification groups them', async () => {
    const otherMoneda = { IdProducto: 'pk0099', producto: 'Moneda', precio: 2 };
    const response = await lima.request(
      '/registrar_pedido_entregado',
      jsonRequest('POST', token, {
        pedido_id: 'same-name',
        timestamp: '2025-04-01T12:00:00-05:00',
        repartidor: { IdRepartidor: 101, Nombre: 'María López' },
        productos: [MONEDA, otherMoneda, otherMoneda, TERMO],
      }),
    );
    expect(response.status).toBe(200);
    expect((await metrics(lima, '?fecha=2025-04-01')).top_3_productos).toEqual([
      ['Moneda', 3],
      ['Termo', 1],
    ]);
  });

  it('answers zeros for a day without orders', async () => {
    expect(await metrics(lima, '?fecha=2025-01-01')).toMatchObject({
      top_3_productos: [],
      precio_promedio_por_pedido: 0,
      acumulado_ventas_dia: 0,
      pedidos_del_dia: 0,
    });
  });

  it("defaults to today's date in the configured time zone", async () => {
    const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima' }).format(new Date());
    const before = today();
    const response = await lima.request(
      '/registrar_pedido_entregado',
      jsonRequest('POST', token, {
        pedido_id: 'now',
        timestamp: new Date().toISOString(),
        repartidor: { IdRepartidor: 102, Nombre: 'Carlos García' },
        productos: [PARAGUAS, PARAGUAS],
      }),
    );
    expect(response.status).toBe(200);
    const result = await metrics(lima);
    const after = today();
    expect([before, after]).toContain(result.fecha);
    if (before === after) {
      expect(result).toMatchObject({ top_3_productos: [['Paraguas', 2]], acumulado_ventas_dia: 37, pedidos_del_dia: 1 });
    }
  });

  it('answers 400 for a malformed date', async () => {
    const response = await lima.request('/metrics?fecha=10/03/2025', jsonRequest('GET', token));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['fecha']);
  });
});
