-- A delivered order ("pedido") and its products, one row per unit sold.
CREATE TABLE orders (
  pedido_id      text PRIMARY KEY CHECK (length(pedido_id) BETWEEN 1 AND 200),
  -- Kept as sent (IdRepartidor may be a number or a string), so GET /pedidos returns it unchanged.
  repartidor     jsonb NOT NULL,
  -- The client's timestamp as sent, and the instant it denotes (naive times are read in METRICS_TIME_ZONE).
  timestamp_text text NOT NULL,
  delivered_at   timestamptz NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Serves both the newest-first listing (keyset pagination) and the day range of the metrics.
CREATE INDEX orders_delivered_at_idx ON orders (delivered_at DESC, pedido_id DESC);

CREATE TABLE order_items (
  pedido_id   text NOT NULL REFERENCES orders (pedido_id) ON DELETE CASCADE,
  position    integer NOT NULL CHECK (position >= 0),
  id_producto text NOT NULL,
  producto    text NOT NULL,
  precio      numeric(14, 2) NOT NULL CHECK (precio >= 0),
  PRIMARY KEY (pedido_id, position)
);
