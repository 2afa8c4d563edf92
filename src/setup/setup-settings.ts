import { z } from 'zod';
import { DEFAULT_ENV_FILE } from '../config/env-file.ts';
import { githubWebUrl } from '../web/github-web-url.ts';

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  GHE_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'must be host or host:port')
    .optional(),
  GHE_PROTOCOL: z.enum(['http', 'https']).default('https'),
  GH_ORG: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,39}$/, 'must be an organisation name')
    .optional(),
  RUNWAY_ENV_FILE: z.string().default(DEFAULT_ENV_FILE),
});

/** What setup mode needs: where to listen, the URL GitHub sends people back to, and which GitHub. */
export interface SetupSettings {
  port: number;
  publicUrl: string;
  githubApiUrl: string;
  githubWebUrl: string;
  org?: string;
  envFile: string;
}

export function loadSetupSettings(
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; settings: SetupSettings } | { ok: false; problems: string[] } {
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(given);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`) };
  const s = parsed.data;
  const githubApiUrl = s.GHE_HOST ? `${s.GHE_PROTOCOL}://${s.GHE_HOST}/api/v3` : 'https://api.github.com';
  return {
    ok: true,
    settings: {
      port: s.PORT,
      publicUrl: (s.PUBLIC_URL ?? `http://localhost:${s.PORT}`).replace(/\/+$/, ''),
      githubApiUrl,
      githubWebUrl: githubWebUrl(githubApiUrl),
      ...(s.GH_ORG && { org: s.GH_ORG }),
      envFile: s.RUNWAY_ENV_FILE,
    },
  };
}
