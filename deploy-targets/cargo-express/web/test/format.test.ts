import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMoney, metricsView, orderRow } from '../src/format.ts';

describe('formatMoney', () => {
  it('shows Colombian pesos as Colombia writes them, cents included', () => {
    expect(formatMoney(16.1875, 'COP')).toBe('$\u00a016,19');
    expect(formatMoney(0, 'COP')).toBe('$\u00a00,00');
    expect(formatMoney(1234567.5, 'COP')).toBe('$\u00a01.234.567,50');
  });

  it('names another configured currency', () => {
    expect(formatMoney(1234.5, 'USD')).toBe('US$\u00a01.234,50');
    expect(formatMoney(1234.5, 'PEN')).toBe('PEN\u00a01.234,50');
  });
});

describe('formatDateTime', () => {
  it('shows the instant in the given time zone', () => {
    expect(formatDateTime('2025-03-11T04:59:59.000000Z', 'America/Lima')).toBe('2025-03-10 23:59:59');
    expect(formatDateTime('2025-03-11T04:59:59Z', 'UTC')).toBe('2025-03-11 04:59:59');
  });
});

describe('metricsView', () => {
  it('turns the API metrics into the dashboard lines', () => {
    expect(
      metricsView({
        fecha: '2025-03-10',
        zona_horaria: 'America/Bogota',
        moneda: 'COP',
        top_3_productos: [
          ['Cuaderno', 3],
          ['Moneda', 1],
        ],
        precio_promedio_por_pedido: 16.19,
        acumulado_ventas_dia: 64.75,
        pedidos_del_dia: 4,
      }),
    ).toEqual({
      top3: ['Cuaderno: 3 unidades', 'Moneda: 1 unidad'],
      average: '$\u00a016,19',
      today: '$\u00a064,75',
      caption: '2025-03-10 (America/Bogota), 4 pedidos, montos en COP',
    });
  });
});

describe('orderRow', () => {
  it('lists the products and the total of an order', () => {
    expect(
      orderRow(
        {
          pedido_id: 'ord-1',
          repartidor: { IdRepartidor: 101, Nombre: 'María López' },
          productos: [
            { IdProducto: 'pk0001', producto: 'Moneda', precio: 1 },
            { IdProducto: 'pk0006', producto: 'Audífonos', precio: 29.99 },
          ],
          timestamp: '2024-09-14T12:00:00-05:00',
          delivered_at: '2024-09-14T17:00:00.000000Z',
          total: 30.99,
        },
        { timeZone: 'America/Bogota', currency: 'COP' },
      ),
    ).toEqual({
      id: 'ord-1',
      deliveredAt: '2024-09-14 12:00:00',
      courier: 'María López',
      products: 'Moneda, Audífonos',
      total: '$\u00a030,99',
    });
  });
});
