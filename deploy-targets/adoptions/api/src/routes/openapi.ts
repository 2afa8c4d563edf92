import { Hono } from 'hono';
import { openApiDocument } from '../openapi/document.ts';

/** Serves the OpenAPI document, built once. */
export function openApiRoutes() {
  const app = new Hono();
  const document = openApiDocument();
  app.get('/openapi.json', (c) => c.json(document));
  return app;
}
