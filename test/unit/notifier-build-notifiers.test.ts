import { describe, expect, it } from 'vitest';
import { deployConfig } from '../../src/config/deploy-config.ts';
import { buildNotifiers } from '../../src/notifiers/index.ts';

function notifyOf(yamlish: unknown) {
  return deployConfig.parse({ environments: {}, notify: yamlish }).notify;
}

describe('buildNotifiers', () => {
  it('builds one notifier per entry, named by kind and variable, with its events', () => {
    const { notifiers, problems } = buildNotifiers(
      notifyOf([
        { slack: { webhook: 'SLACK_WEBHOOK_URL' } },
        { discord: { webhook: 'DISCORD_URL', events: ['failed'] } },
        { teams: { webhook: 'TEAMS_URL' } },
        { webhook: { url: 'HOOK_URL', secret: 'HOOK_SECRET', events: ['succeeded', 'locked'] } },
      ]),
      {
        SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/x',
        DISCORD_URL: 'https://discord.com/api/webhooks/1/x',
        TEAMS_URL: 'https://example.webhook.office.com/x',
        HOOK_URL: 'https://ops.example.com/runway',
        HOOK_SECRET: 's3cret',
      },
    );
    expect(problems).toEqual([]);
    expect(notifiers.map((n) => [n.name, n.events && [...n.events]])).toEqual([
      ['slack:SLACK_WEBHOOK_URL', undefined],
      ['discord:DISCORD_URL', ['failed']],
      ['teams:TEAMS_URL', undefined],
      ['webhook:HOOK_URL', ['succeeded', 'locked']],
    ]);
  });

  it('names a missing or unusable variable, never its value', () => {
    const secretValue = 'not-a-url-but-a-secret-token';
    const { notifiers, problems } = buildNotifiers(
      notifyOf([
        { slack: { webhook: 'MISSING_URL' } },
        { discord: { webhook: 'BAD_URL' } },
        { teams: { webhook: 'BLANK_URL' } },
        { webhook: { url: 'HOOK_URL', secret: 'MISSING_SECRET' } },
        { teams: { webhook: 'JS_URL' } },
      ]),
      { BAD_URL: secretValue, BLANK_URL: '  ', HOOK_URL: 'https://ops.example.com/', JS_URL: 'javascript:alert(1)' },
    );
    expect(notifiers).toEqual([]);
    expect(problems).toEqual([
      'notify[0] (slack): server environment variable MISSING_URL is not set',
      'notify[1] (discord): server environment variable BAD_URL does not hold an http(s) URL',
      'notify[2] (teams): server environment variable BLANK_URL is not set',
      'notify[3] (webhook): server environment variable MISSING_SECRET is not set',
      'notify[4] (teams): server environment variable JS_URL does not hold an http(s) URL',
    ]);
    expect(problems.join('\n')).not.toContain(secretValue);
  });

  it('builds nothing for an empty list', () => {
    expect(buildNotifiers([], {})).toEqual({ notifiers: [], problems: [] });
  });
});
