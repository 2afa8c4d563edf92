import type { FakeGitHub } from './github/index.ts';
import { SANDBOX_ADMIN_TOKEN, SANDBOX_SESSION_SECRET } from './runway-pages.ts';
import { openSandboxPolicy, writePolicyFile, type PolicyFile } from './sandbox-policy.ts';

const sandboxCacheDir = new URL('../.cache/runway-sandbox', import.meta.url).pathname;

/** The environment that points a Runway process at the sandbox's stand-ins. */
export function sandboxRunwayEnv(input: {
  github: FakeGitHub;
  dataDir: string;
  databaseUrl?: string;
  port?: number;
  heroku?: { url: string; dataApiUrl: string; token: string };
  s3Endpoint?: string;
  /** The operator's policy, written into the data folder; default: everything open on loopback. `false`: none (first-come claims). */
  policy?: PolicyFile | false;
  extra?: Record<string, string>;
}): Record<string, string> {
  const policy = input.policy ?? openSandboxPolicy(input.s3Endpoint);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    APP_ID: String(input.github.appId),
    PRIVATE_KEY: input.github.privateKey,
    WEBHOOK_SECRET: input.github.webhookSecret,
    GHE_HOST: input.github.host,
    GHE_PROTOCOL: 'http',
    PORT: String(input.port ?? 0),
    RUNWAY_DATA_DIR: input.dataDir,
    // Sandboxed builds keep their npm caches across runs of the demo and the tests (as .cache/heroku-sandbox does).
    RUNWAY_SANDBOX_DIR: sandboxCacheDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // The sandbox has no secondary rate limits; spacing writes a second apart would only slow it.
    GITHUB_WRITE_THROTTLE: 'false',
    // Pages are locked; fetchRunwayPage (runway-pages.ts) reads them with this token.
    RUNWAY_ADMIN_TOKEN: SANDBOX_ADMIN_TOKEN,
    // Sign in with GitHub through the fake's OAuth client.
    GITHUB_CLIENT_ID: input.github.clientId,
    GITHUB_CLIENT_SECRET: input.github.clientSecret,
    RUNWAY_SESSION_SECRET: SANDBOX_SESSION_SECRET,
    ...(input.databaseUrl ? { DATABASE_URL: input.databaseUrl } : {}),
    ...(input.heroku
      ? { HEROKU_API_URL: input.heroku.url, HEROKU_DATA_API_URL: input.heroku.dataApiUrl, HEROKU_API_TOKEN: input.heroku.token }
      : {}),
    ...(input.s3Endpoint
      ? {
          AWS_ENDPOINT_URL_S3: input.s3Endpoint,
          AWS_ACCESS_KEY_ID: 'S3RVER',
          AWS_SECRET_ACCESS_KEY: 'S3RVER',
          AWS_REGION: 'us-east-1',
        }
      : {}),
    ...(policy ? { RUNWAY_POLICY: writePolicyFile(input.dataDir, policy) } : {}),
    ...input.extra,
  };
  return env;
}
