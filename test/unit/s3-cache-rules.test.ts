import { describe, expect, it } from 'vitest';
import { cacheControlFor, contentTypeFor, hasContentHash } from '../../src/providers/s3/cache-rules.ts';

const rules = { immutable: 'public, max-age=31536000, immutable', default: 'no-cache' };

describe('hasContentHash', () => {
  it.each([
    'assets/index-3f2a1b9c.js',
    'assets/index-BxQ3_k-P.css',
    'assets/index-BxQkZpLm.js',
    'assets/vendor-react-Dq1_aB9z.js',
    'assets/index-3f2a1b9c.js.map',
    'static/js/main.1f3e9c7d2a4b6c8e0f12.js',
    'main.5ZYWQ3XP.js',
    'chunk-ABCDEFGH.js',
    'fonts/inter-latin-400-normal.4b7e2d1a.woff2',
  ])('takes %s for a hashed name', (key) => {
    expect(hasContentHash(key)).toBe(true);
  });

  it.each([
    'index.html',
    'favicon.ico',
    'robots.txt',
    'my-component.js',
    'my-lib-v2-final.js',
    'report-20240101.pdf',
    'bootstrap-5.3.0.min.js',
    'assets/background.jpg',
    'service-worker.js',
    'README',
  ])('does not take %s for a hashed name', (key) => {
    expect(hasContentHash(key)).toBe(false);
  });
});

describe('headers', () => {
  it('marks hashed assets immutable and everything else, HTML included, with the default', () => {
    expect(cacheControlFor('assets/app-3f2a1b9c.js', rules)).toBe(rules.immutable);
    expect(cacheControlFor('logo.svg', rules)).toBe('no-cache');
    expect(cacheControlFor('page-3f2a1b9c.html', rules)).toBe('no-cache');
  });

  it('sends Content-Type by extension, with a charset for text', () => {
    expect(contentTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('assets/app-3f2a1b9c.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('fonts/x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('LICENSE')).toBe('application/octet-stream');
  });
});
