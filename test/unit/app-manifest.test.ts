import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runwayApp } from '../../src/app.ts';
import type { Database } from '../../src/store/database.ts';

interface Manifest {
  default_events: string[];
  default_permissions: Record<string, string>;
}

/** The events the app listens to, by calling it with a recorder in place of the webhook event handler. */
function registeredEvents(): string[] {
  const events: string[] = [];
  const app = runwayApp({ db: {} as Database, wake: () => undefined, commentMaxAgeSeconds: 300 });
  app({ on: (names: string | string[]) => void events.push(...[names].flat()) } as never);
  return events;
}

describe('app.yml', () => {
  const manifest = parse(readFileSync('app.yml', 'utf8')) as Manifest;

  it('subscribes to exactly the events whose handlers src/app.ts registers', () => {
    const subscribed = [...new Set(registeredEvents().map((e) => e.split('.')[0]!))].sort();
    expect(manifest.default_events.slice().sort()).toEqual(subscribed);
  });

  it('asks for the permissions the handlers need, and no more', () => {
    expect(manifest.default_permissions).toEqual({
      metadata: 'read',
      contents: 'read',
      checks: 'read',
      statuses: 'read',
      deployments: 'write',
      issues: 'write',
      pull_requests: 'write',
    });
  });
});
