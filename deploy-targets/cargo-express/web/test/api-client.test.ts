import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, apiUrl, createApiClient } from '../src/api-client.ts';

// A small stand-in for the API over real HTTP: it records each request and answers like the real one.
type Seen = { method: string; url: string; authorization?: string; body: string };
const seen: Seen[] = [];
let server: Server;
let base: string;

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await readBody(request);
    seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body });
    const reply = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(payload));
    };
    if (request.url === '/token') {
      const { password } = JSON.parse(body) as { password: string };
      return password === 'demo-password'
        ? reply(200, { access_token: 'tok-1', token_type: 'bearer' })
        : reply(401, { detail: 'Incorrect username or password' });
    }
    if (request.headers.authorization !== 'Bearer tok-1') return reply(401, { detail: 'Token expired' });
    if (request.url?.startsWith('/pedidos')) return reply(200, { pedidos: [], next_cursor: null });
    if (request.url === '/metrics') {
      return reply(200, {
        fecha: '2025-03-10',
        zona_horaria: 'America/Bogota',
        moneda: 'COP',
        top_3_productos: [['Cuaderno', 3]],
        precio_promedio_por_pedido: 16.19,
        acumulado_ventas_dia: 64.75,
        pedidos_del_dia: 4,
      });
    }
    response.writeHead(500, { 'content-type': 'text/plain' });
    response.end('boom');
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('apiUrl', () => {
  it('joins the base URL and the path with one slash', () => {
    expect(apiUrl('https://cargo-express-api-1234.herokuapp.com/', '/metrics')).toBe('https://cargo-express-api-1234.herokuapp.com/metrics');
    expect(apiUrl('http://localhost:8000', '/token')).toBe('http://localhost:8000/token');
  });
});

describe('createApiClient', () => {
  it('logs in with a JSON body and returns the access token', async () => {
    const client = createApiClient(base);
    expect(await client.login('demo', 'demo-password')).toBe('tok-1');
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/token', body: '{"username":"demo","password":"demo-password"}' });
  });

  it('turns a refused login into an ApiError with status 401 and the server detail', async () => {
    const error = await createApiClient(base).login('demo', 'wrong').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, message: 'Incorrect username or password' });
  });

  it('sends the bearer token and the page options', async () => {
    const client = createApiClient(base);
    expect(await client.orders('tok-1', { limit: 20, cursor: 'abc' })).toEqual({ pedidos: [], next_cursor: null });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/pedidos?limit=20&cursor=abc', authorization: 'Bearer tok-1' });
    expect((await client.metrics('tok-1')).acumulado_ventas_dia).toBe(64.75);
  });

  it('reports an expired token as 401 and a non-JSON failure by its status', async () => {
    await expect(createApiClient(base).metrics('old')).rejects.toMatchObject({ status: 401, message: 'Token expired' });
    const client = createApiClient(`${base}unknown`);
    await expect(client.metrics('tok-1')).rejects.toMatchObject({ status: 500, message: 'HTTP 500' });
  });
});
