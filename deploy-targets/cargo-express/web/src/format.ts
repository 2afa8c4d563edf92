import type { Metrics, Order } from './api-client.ts';

/**
 * An amount as people in Colombia read it: `$ 1.234,50` for pesos (COP), `US$ 1.234,50` for dollars.
 * Cents always show: the API records them, so the total on screen adds up to the orders.
 */
export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('es-CO', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
}

/** `2025-03-10 14:05:09` in `timeZone` (the browser's own when absent). */
export function formatDateTime(iso: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

export type MetricsView = { top3: string[]; average: string; today: string; caption: string };

export function metricsView(metrics: Metrics): MetricsView {
  return {
    top3: metrics.top_3_productos.map(([name, units]) => `${name}: ${units} ${units === 1 ? 'unidad' : 'unidades'}`),
    average: formatMoney(metrics.precio_promedio_por_pedido, metrics.moneda),
    today: formatMoney(metrics.acumulado_ventas_dia, metrics.moneda),
    caption: `${metrics.fecha} (${metrics.zona_horaria}), ${metrics.pedidos_del_dia} ${metrics.pedidos_del_dia === 1 ? 'pedido' : 'pedidos'}, montos en ${metrics.moneda}`,
  };
}

export type OrderRow = { id: string; deliveredAt: string; courier: string; products: string; total: string };

/** One row of the orders table, its time and total in the zone and currency the metrics report. */
export function orderRow(order: Order, place: { timeZone?: string; currency: string }): OrderRow {
  return {
    id: order.pedido_id,
    deliveredAt: formatDateTime(order.delivered_at, place.timeZone),
    courier: order.repartidor.Nombre,
    products: order.productos.map((p) => p.producto).join(', '),
    total: formatMoney(order.total, place.currency),
  };
}
