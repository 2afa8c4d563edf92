import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usesPathStyle } from '../src/storage/photo-storage.ts';
import { s3rverCredentials } from './support/s3.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
let animalId: string;
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  h = await startHarness('photos');
  const animal = await h.call('POST', '/animals', { token: h.adminToken, body: { name: 'Pixel', species: 'cat' } });
  animalId = animal.body.animal.id;
});
afterAll(async () => {
  await h?.close();
});

describe('photo uploads through presigned URLs', () => {
  it('hands out a PUT URL for the storage bucket, accepts the upload, and records the key', async () => {
    const res = await h.call('POST', `/animals/${animalId}/photos/upload-url`, {
      token: h.adminToken,
      body: { contentType: 'image/png' },
    });
    expect(res.status).toBe(201);
    const upload = res.body.upload;
    expect(upload.method).toBe('PUT');
    expect(upload.bucket).toBe(h.s3.bucket);
    expect(upload.key).toMatch(new RegExp(`^animals/${animalId}/[0-9a-f-]{36}\\.png$`));
    const url = new URL(upload.url);
    expect(url.origin).toBe(h.s3.endpoint);
    // Path-style for an IP endpoint: /<bucket>/<key>.
    expect(url.pathname).toBe(`/${h.s3.bucket}/${upload.key}`);
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);

    const early = await h.call('POST', `/animals/${animalId}/photos`, { token: h.adminToken, body: { key: upload.key } });
    expect(early.status).toBe(409);

    // What a browser does: PUT the bytes, with no credentials of its own.
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: png });
    expect(put.status).toBe(200);

    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: h.s3.endpoint,
      forcePathStyle: true,
      credentials: s3rverCredentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const stored = await s3.send(new GetObjectCommand({ Bucket: h.s3.bucket, Key: upload.key }));
    expect(Buffer.from(await stored.Body!.transformToByteArray())).toEqual(png);
    expect(stored.ContentType).toBe('image/png');
    s3.destroy();

    const recorded = await h.call('POST', `/animals/${animalId}/photos`, { token: h.adminToken, body: { key: upload.key } });
    expect(recorded.status).toBe(201);
    expect(recorded.body.photo).toMatchObject({ key: upload.key, contentType: 'image/png', size: png.length });
    const again = await h.call('POST', `/animals/${animalId}/photos`, { token: h.adminToken, body: { key: upload.key } });
    expect(again.status).toBe(409);

    const detail = await h.call('GET', `/animals/${animalId}`, { token: h.adminToken });
    expect(detail.body.animal.photos).toHaveLength(1);
    const download = await fetch(detail.body.animal.photos[0].url);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(png);

    const photoId = detail.body.animal.photos[0].id;
    expect((await h.call('DELETE', `/animals/${animalId}/photos/${photoId}`, { token: h.adminToken })).status).toBe(204);
    expect((await h.call('GET', `/animals/${animalId}`, { token: h.adminToken })).body.animal.photos).toHaveLength(0);
  });

  it('refuses keys outside the animal and types that are not images', async () => {
    const other = await h.call('POST', '/animals', { token: h.adminToken, body: { name: 'Other', species: 'dog' } });
    const res = await h.call('POST', `/animals/${other.body.animal.id}/photos/upload-url`, {
      token: h.adminToken,
      body: { contentType: 'image/jpeg' },
    });
    const foreign = await h.call('POST', `/animals/${animalId}/photos`, { token: h.adminToken, body: { key: res.body.upload.key } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details[0].path).toBe('key');

    const html = await h.call('POST', `/animals/${animalId}/photos/upload-url`, {
      token: h.adminToken,
      body: { contentType: 'text/html' },
    });
    expect(html.status).toBe(400);
    expect(html.body.details[0].path).toBe('contentType');
    expect((await h.call('POST', '/animals/999999/photos/upload-url', { token: h.adminToken, body: { contentType: 'image/png' } })).status).toBe(404);
  });

  it('keeps volunteers from uploading', async () => {
    const volunteer = await h.member('volunteer');
    const res = await h.call('POST', `/animals/${animalId}/photos/upload-url`, { token: volunteer.token, body: { contentType: 'image/png' } });
    expect(res.status).toBe(403);
  });
});

describe('path-style choice', () => {
  it('uses path-style for IP and localhost endpoints only', () => {
    expect(usesPathStyle('http://127.0.0.1:4568')).toBe(true);
    expect(usesPathStyle('http://[::1]:9000')).toBe(true);
    expect(usesPathStyle('http://localhost:9000')).toBe(true);
    expect(usesPathStyle('https://s3.eu-west-1.amazonaws.com')).toBe(false);
    expect(usesPathStyle(undefined)).toBe(false);
  });
});
