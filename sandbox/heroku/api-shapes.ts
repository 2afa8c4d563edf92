import type { AddOn, App, Build, Dyno, Formation, Release, Slug } from '@heroku-cli/schema';
import type { AppState, SandboxBuild, SandboxDyno, SandboxRelease, SandboxSlug } from './platform-state.ts';

const stack = { id: '00000000-0000-4000-8000-000000000024', name: 'heroku-24' };
/** The account every API call acts as (the app log names it: `Release v3 created by user …`). */
export const sandboxUser = 'sandbox@runway.local';
const owner = { id: '00000000-0000-4000-8000-000000000001', email: sandboxUser };
const region = { id: '00000000-0000-4000-8000-000000000002', name: 'us' };

export function appJson(app: AppState): App {
  const released = app.releases.find((r) => r.current);
  return {
    id: app.id,
    name: app.name,
    web_url: app.proxy.webUrl,
    git_url: `https://git.heroku.com/${app.name}.git`,
    created_at: app.createdAt,
    updated_at: app.updatedAt,
    released_at: released?.updatedAt ?? null,
    maintenance: false,
    acm: false,
    archived_at: null,
    buildpack_provided_description: 'Node.js',
    build_stack: stack,
    stack,
    owner,
    region,
    organization: null,
    team: null,
    space: null,
    internal_routing: null,
    repo_size: null,
    slug_size: null,
  };
}

export function releaseJson(app: AppState, release: SandboxRelease): Release {
  return {
    id: release.id,
    version: release.version,
    status: release.status,
    current: release.current,
    description: release.description,
    output_stream_url: release.outputStreamUrl,
    slug: release.slug ? { id: release.slug.id } : null,
    app: { id: app.id, name: app.name },
    addon_plan_names: app.database ? [app.database.plan] : [],
    user: owner,
    created_at: release.createdAt,
    updated_at: release.updatedAt,
  };
}

export function slugJson(slug: SandboxSlug, processTypes: Record<string, string>): Slug {
  return {
    id: slug.id,
    commit: slug.commit,
    commit_description: null,
    checksum: null,
    size: null,
    buildpack_provided_description: 'Node.js',
    process_types: processTypes,
    stack,
    blob: { method: 'get', url: `file://${slug.dir}` },
    created_at: slug.createdAt,
    updated_at: slug.createdAt,
  };
}

export function buildJson(app: AppState, build: SandboxBuild, outputStreamUrl: string): Build {
  return {
    id: build.id,
    app: { id: app.id },
    status: build.status,
    output_stream_url: outputStreamUrl,
    source_blob: {
      url: build.sourceBlob.url,
      version: build.sourceBlob.version,
      checksum: build.sourceBlob.checksum,
      version_description: null,
    },
    slug: build.slugId ? { id: build.slugId } : null,
    release: build.releaseId ? { id: build.releaseId } : null,
    buildpacks: [{ url: 'heroku/nodejs', name: 'heroku/nodejs' }],
    stack: stack.name,
    user: owner,
    created_at: build.createdAt,
    updated_at: build.updatedAt,
  } as Build;
}

export function dynoJson(app: AppState, dyno: SandboxDyno): Dyno {
  return {
    id: dyno.id,
    name: dyno.name,
    type: dyno.type,
    command: dyno.command,
    state: dyno.state,
    attach_url: dyno.attachUrl,
    size: 'Basic',
    app: { id: app.id, name: app.name },
    release: { id: dyno.releaseId, version: dyno.releaseVersion },
    created_at: dyno.createdAt,
    updated_at: dyno.updatedAt,
  };
}

export function formationJson(app: AppState, type: string, command: string): Formation {
  return {
    id: `${app.id.slice(0, 24)}${type.padEnd(12, '0').slice(0, 12)}`,
    app: { id: app.id, name: app.name },
    type,
    command,
    quantity: 1,
    size: 'Basic',
    created_at: app.createdAt,
    updated_at: app.updatedAt,
  };
}

export function addonJson(app: AppState): AddOn[] {
  const db = app.database;
  if (!db) return [];
  return [
    {
      id: db.addonId,
      name: db.addonName,
      app: { id: app.id, name: app.name },
      addon_service: { id: '6c67493d-8fc2-4cd4-9161-4f1ec11cbe69', name: 'heroku-postgresql' },
      plan: { id: '00000000-0000-4000-8000-000000000003', name: db.plan },
      config_vars: ['DATABASE_URL'],
      state: 'provisioned',
      web_url: null,
      created_at: app.createdAt,
      updated_at: app.createdAt,
    } as AddOn,
  ];
}
