import { summarize, truncate } from './event-summary.ts';
import type { DeployEvent, DeployEventType, Notifier } from './notifier.ts';
import { postJson } from './post-json.ts';

const colours = { good: 0x2eb67d, bad: 0xe01e5a, warning: 0xecb22e, neutral: 0x5865f2 } as const;

export interface DiscordEmbed {
  title: string;
  description?: string;
  url?: string;
  color: number;
  fields: { name: string; value: string; inline: boolean }[];
  timestamp: string;
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  allowed_mentions: { parse: never[] };
}

/** The Discord webhook body for an event: one embed within Discord's limits. */
export function discordMessage(event: DeployEvent, now: Date = new Date()): DiscordMessage {
  const s = summarize(event);
  // A ) inside a URL would end the markdown link early.
  const links = s.links.map((l) => `[${l.title}](${l.url.replace(/\)/g, '%29')})`).join(' · ');
  const fields = [
    ...s.facts.map((f) => ({ name: truncate(f.label, 256), value: truncate(f.value, 1024), inline: true })),
    ...(links ? [{ name: 'Links', value: truncate(links, 1024), inline: false }] : []),
  ];
  const url = s.links[0]?.url;
  return {
    embeds: [
      {
        title: truncate(`${s.emoji} ${s.headline}`, 256),
        ...(s.detail && { description: truncate(s.detail, 4096) }),
        ...(url && { url }),
        color: colours[s.tone],
        fields: fields.slice(0, 25),
        timestamp: now.toISOString(),
      },
    ],
    // A PR title saying @everyone must not ping a whole server.
    allowed_mentions: { parse: [] },
  };
}

export function createDiscordNotifier(options: { name: string; url: string; events?: ReadonlySet<DeployEventType> }): Notifier {
  return {
    name: options.name,
    ...(options.events && { events: options.events }),
    send: (event, signal) => postJson(options.url, JSON.stringify(discordMessage(event)), signal),
  };
}
