import { Hono } from 'hono';
import type { Db } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { requireAnimal } from '../animals/require-animal.ts';
import { ApiError, conflict, notFound } from '../http/errors.ts';
import { body, idParam } from '../http/validate.ts';
import { requirePermission } from '../auth/require-auth.ts';
import { photoBody, photoTypes, uploadUrlBody } from '../schemas/animals.ts';
import type { PhotoStorage } from '../storage/photo-storage.ts';
import { makePhotoSizes } from '../photos/photo-sizes.ts';
import { photoColumns } from '../photos/photo-row.ts';

/** Large enough for a phone camera's JPEG; the API reads the whole photo to resize it. */
const maxPhotoBytes = 15 * 1024 * 1024;


/**
 * Photos go straight from the browser to the bucket: the API hands out a presigned PUT, the
 * browser uploads, then the API records the key after checking the object is really there.
 */
export function photoRoutes(db: Db, storage: PhotoStorage) {
  const app = new Hono<AppEnv>();
  app.use('*', requirePermission('animals.write'));

  app.post('/upload-url', async (c) => {
    const id = idParam(c);
    const { contentType } = await body(c, uploadUrlBody);
    await requireAnimal(db, id);
    const target = await storage.uploadUrl(id, contentType, photoTypes[contentType]);
    return c.json({ upload: { ...target, bucket: storage.bucket } }, 201);
  });

  app.post('/', async (c) => {
    const id = idParam(c);
    const { key } = await body(c, photoBody);
    await requireAnimal(db, id);
    if (!new RegExp(`^animals/${id}/[0-9a-f-]{36}\\.(jpg|png|webp|gif)$`).test(key)) {
      throw new ApiError(400, 'validation_failed', 'invalid request body', [
        { path: 'key', message: `must be a key handed out by /animals/${id}/photos/upload-url` },
      ]);
    }
    const object = await storage.stat(key);
    if (!object) throw conflict('nothing was uploaded under this key yet');
    if (object.size > maxPhotoBytes) throw new ApiError(400, 'photo_too_large', `photos are limited to ${maxPhotoBytes / 1024 / 1024} MB`);
    const made = await makePhotoSizes(await storage.load(key));
    if (!made.ok) throw new ApiError(400, made.reason, made.message);
    const sizes: Record<string, { key: string; width: number; height: number }> = {};
    for (const size of made.sizes) {
      const sizeKey = key.replace(/\.\w+$/, `-${size.name}.webp`);
      await storage.save(sizeKey, size.bytes, 'image/webp');
      sizes[size.name] = { key: sizeKey, width: size.width, height: size.height };
    }
    const { rows } = await db.query(
      `INSERT INTO animal_photos (animal_id, storage_key, content_type, width, height, sizes) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (storage_key) DO NOTHING
       RETURNING ${photoColumns}`,
      [id, key, object.contentType ?? 'application/octet-stream', made.width, made.height, JSON.stringify(sizes)],
    );
    if (!rows[0]) throw conflict('this photo is already recorded');
    return c.json({ photo: { ...rows[0], size: object.size } }, 201);
  });

  app.delete('/:photoId', async (c) => {
    const id = idParam(c);
    const photoId = idParam(c, 'photoId');
    // The object stays in the bucket; a lifecycle rule on the bucket is the place to expire orphans.
    const deleted = await db.query('DELETE FROM animal_photos WHERE id = $1 AND animal_id = $2', [photoId, id]);
    if (!deleted.rowCount) throw notFound('photo');
    return c.body(null, 204);
  });

  return app;
}
