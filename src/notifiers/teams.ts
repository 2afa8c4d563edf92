import { summarize, truncate } from './event-summary.ts';
import type { DeployEvent, DeployEventType, Notifier } from './notifier.ts';
import { postJson } from './post-json.ts';

const colours = { good: 'Good', bad: 'Attention', warning: 'Warning', neutral: 'Default' } as const;

/** The Teams message for an event: an Adaptive Card 1.4, as incoming webhooks and Workflows accept it. */
export function teamsMessage(event: DeployEvent) {
  const s = summarize(event);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: truncate(`${s.emoji} ${s.headline}`, 500),
              size: 'Medium',
              weight: 'Bolder',
              color: colours[s.tone],
              wrap: true,
            },
            ...(s.detail ? [{ type: 'TextBlock', text: truncate(s.detail, 2000), wrap: true }] : []),
            { type: 'FactSet', facts: s.facts.map((f) => ({ title: f.label, value: truncate(f.value, 500) })) },
          ],
          actions: s.links.map((l) => ({ type: 'Action.OpenUrl', title: l.title, url: l.url })),
        },
      },
    ],
  };
}

export function createTeamsNotifier(options: { name: string; url: string; events?: ReadonlySet<DeployEventType> }): Notifier {
  return {
    name: options.name,
    ...(options.events && { events: options.events }),
    send: (event, signal) => postJson(options.url, JSON.stringify(teamsMessage(event)), signal),
  };
}
