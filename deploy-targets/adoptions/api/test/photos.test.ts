import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
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

describe('photo sizes', () => {
  async function upload(bytes: Buffer, contentType: string) {
    const res = await h.call('POST', `/animals/${animalId}/photos/upload-url`, { token: h.adminToken, body: { contentType } });
    const { url, headers, key } = res.body.upload;
    expect((await fetch(url, { method: 'PUT', headers, body: bytes })).status).toBe(200);
    return h.call('POST', `/animals/${animalId}/photos`, { token: h.adminToken, body: { key } });
  }

  it('makes a thumbnail, a card and a full size as WebP, upright and without the EXIF of the original', async () => {
    // 2000×1000 as stored, with EXIF orientation 6 (the camera was turned): it shows as 1000×2000.
    const jpeg = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#c83' } })
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD0: { Artist: 'Someone at home' } } })
      .toBuffer();
    const recorded = await upload(jpeg, 'image/jpeg');
    expect(recorded.status).toBe(201);
    expect(recorded.body.photo).toMatchObject({ width: 1000, height: 2000 });
    expect(recorded.body.photo.sizes).toMatchObject({
      thumb: { width: 160, height: 320 },
      card: { width: 480, height: 960 },
      full: { width: 1000, height: 2000 },
    });

    const detail = await h.call('GET', `/animals/${animalId}`, { token: h.adminToken });
    const photo = detail.body.animal.photos.find((p: { id: string }) => p.id === recorded.body.photo.id);
    const thumb = Buffer.from(await (await fetch(photo.sizes.thumb.url)).arrayBuffer());
    const meta = await sharp(thumb).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 160, height: 320 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
  });

  it('refuses an upload that is not an image, and records nothing', async () => {
    const before = (await h.call('GET', `/animals/${animalId}`, { token: h.adminToken })).body.animal.photos.length;
    const res = await upload(Buffer.from('<html>not a picture</html>'), 'image/png');
    expect(res).toMatchObject({ status: 400, body: { error: 'not_an_image' } });
    expect((await h.call('GET', `/animals/${animalId}`, { token: h.adminToken })).body.animal.photos).toHaveLength(before);
  });
});
