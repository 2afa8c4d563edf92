import type { RecordedOrder } from '../orders/order-schema.ts';

/** The couriers and products the original team's simulator used. */
export const COURIERS: ReadonlyArray<RecordedOrder['repartidor']> = [
  { IdRepartidor: 101, Nombre: 'María López' },
  { IdRepartidor: 102, Nombre: 'Carlos García' },
  { IdRepartidor: 103, Nombre: 'Ana Fernández' },
  { IdRepartidor: 104, Nombre: 'Juan Martínez' },
  { IdRepartidor: 105, Nombre: 'Laura Sánchez' },
  { IdRepartidor: 106, Nombre: 'Pedro Gómez' },
  { IdRepartidor: 107, Nombre: 'Elena Rodríguez' },
  { IdRepartidor: 108, Nombre: 'Jorge Pérez' },
  { IdRepartidor: 109, Nombre: 'Sofía Morales' },
  { IdRepartidor: 110, Nombre: 'Daniel Castillo' },
];

export const PRODUCTS: ReadonlyArray<RecordedOrder['productos'][number]> = [
  { IdProducto: 'pk0001', producto: 'Moneda', precio: 1.0 },
  { IdProducto: 'pk0002', producto: 'Cuaderno', precio: 5.5 },
  { IdProducto: 'pk0003', producto: 'Lapicero', precio: 1.25 },
  { IdProducto: 'pk0004', producto: 'Mochila', precio: 45.9 },
  { IdProducto: 'pk0005', producto: 'Botella de agua', precio: 2.5 },
  { IdProducto: 'pk0006', producto: 'Audífonos', precio: 29.99 },
  { IdProducto: 'pk0007', producto: 'Cargador USB', precio: 19.9 },
  { IdProducto: 'pk0008', producto: 'Linterna', precio: 12.0 },
  { IdProducto: 'pk0009', producto: 'Paraguas', precio: 18.5 },
  { IdProducto: 'pk0010', producto: 'Termo', precio: 24.0 },
];

/** An order built from `pick(n)`, a source of integers in [0, n): random in the simulator, fixed in the seed. */
export function buildOrder(pedidoId: string, at: Date, pick: (n: number) => number): RecordedOrder {
  const count = 1 + pick(4);
  return {
    pedido_id: pedidoId,
    repartidor: COURIERS[pick(COURIERS.length)]!,
    productos: Array.from({ length: count }, () => PRODUCTS[pick(PRODUCTS.length)]!),
    timestamp: at.toISOString(),
  };
}
