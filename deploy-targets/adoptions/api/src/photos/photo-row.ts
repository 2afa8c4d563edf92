import type { PhotoStorage } from '../storage/photo-storage.ts';
import type { PhotoSizeName } from './photo-sizes.ts';

export const photoColumns = `id::text, storage_key AS key, content_type AS "contentType", width, height, sizes, created_at AS "createdAt"`;

export type PhotoRow = {
  id: string;
  key: string;
  contentType: string;
  width: number | null;
  height: number | null;
  sizes: Partial<Record<PhotoSizeName, { key: string; width: number; height: number }>>;
  createdAt: Date;
};

/** A photo with presigned links to the original and to each size. */
export async function photoWithUrls(storage: PhotoStorage, photo: PhotoRow) {
  const sizes = Object.fromEntries(
    await Promise.all(
      Object.entries(photo.sizes).map(async ([name, size]) => [name, { ...size, url: await storage.downloadUrl(size.key) }]),
    ),
  );
  return { ...photo, url: await storage.downloadUrl(photo.key), sizes };
}
