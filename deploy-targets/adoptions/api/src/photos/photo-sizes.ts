import sharp from 'sharp';

/** The widths the web app shows: a list thumbnail, a card, and a full view (never enlarged). */
export const photoSizes = { thumb: 160, card: 480, full: 1280 } as const;
export type PhotoSizeName = keyof typeof photoSizes;

export type MadeSize = { name: PhotoSizeName; bytes: Buffer; width: number; height: number };

export type PhotoSizesResult =
  | { ok: true; width: number; height: number; sizes: MadeSize[] }
  | { ok: false; reason: 'not_an_image' | 'too_many_pixels'; message: string };

/** Enough for any camera photo, and a cap on the memory a decompression bomb could take. */
const maxInputPixels = 50_000_000;

/**
 * Makes every size as WebP with sharp, rotated as the camera held it and stripped of metadata (EXIF
 * can carry the place a photo was taken).
 */
export async function makePhotoSizes(original: Uint8Array): Promise<PhotoSizesResult> {
  try {
    const meta = await sharp(original, { limitInputPixels: false }).metadata();
    const width = meta.autoOrient?.width ?? meta.width;
    const height = meta.autoOrient?.height ?? meta.height;
    if (width * height > maxInputPixels) {
      return { ok: false, reason: 'too_many_pixels', message: `the image has more than ${maxInputPixels} pixels` };
    }
    const sizes = await Promise.all(
      (Object.entries(photoSizes) as [PhotoSizeName, number][]).map(async ([name, maxWidth]) => {
        const { data, info } = await sharp(original, { limitInputPixels: maxInputPixels })
          .autoOrient()
          .resize({ width: maxWidth, withoutEnlargement: true })
          .webp({ quality: 80 })
          .toBuffer({ resolveWithObject: true });
        return { name, bytes: data, width: info.width, height: info.height };
      }),
    );
    return { ok: true, width, height, sizes };
  } catch {
    // sharp fails only on what it is given here (not an image, truncated, an unsupported format), and
    // what it is given is the client's upload: an expected outcome, answered with its reason.
    return { ok: false, reason: 'not_an_image', message: 'the upload is not an image we can read (JPEG, PNG, WebP or GIF)' };
  }
}
