import {
  IncomingWebhook,
  IncomingWebhookHTTPError,
  IncomingWebhookRequestError,
  type FetchFunction,
  type IncomingWebhookSendArguments,
} from '@slack/webhook';
import { summarize, truncate } from './event-summary.ts';
import { NotifierHttpError, type DeployEvent, type DeployEventType, type Notifier } from './notifier.ts';

/** Slack mrkdwn treats & < > as control characters: user text must not make links or mentions. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The Block Kit message for an event, with a plain `text` fallback for notifications. */
export function slackMessage(event: DeployEvent): IncomingWebhookSendArguments {
  const s = summarize(event);
  const headline = `${s.emoji} ${s.headline}`;
  const fields = s.facts.map((f) => ({ type: 'mrkdwn' as const, text: truncate(`*${f.label}*\n${escape(f.value)}`, 2000) }));
  return {
    text: truncate(`${headline}${s.detail ? ` — ${s.detail}` : ''}`, 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(headline, 150), emoji: true } },
      {
        type: 'section',
        ...(s.detail && { text: { type: 'mrkdwn', text: truncate(escape(s.detail), 3000) } }),
        fields: fields.slice(0, 10),
      },
      ...(s.links.length > 0
        ? [
            {
              type: 'actions' as const,
              elements: s.links.map((link, i) => ({
                type: 'button' as const,
                action_id: `runway_link_${i}`,
                text: { type: 'plain_text' as const, text: truncate(link.title, 75) },
                url: link.url,
              })),
            },
          ]
        : []),
    ],
  };
}

/** Global fetch, bound to our signal. The cast only bridges the DOM lib's Headers typing (no `entries`). */
function withSignal(signal: AbortSignal): FetchFunction {
  const bound = (url: string | URL, init?: Parameters<FetchFunction>[1]) =>
    fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
  return bound as unknown as FetchFunction;
}

export function createSlackNotifier(options: { name: string; url: string; events?: ReadonlySet<DeployEventType> }): Notifier {
  return {
    name: options.name,
    ...(options.events && { events: options.events }),
    async send(event, signal) {
      const webhook = new IncomingWebhook(options.url, {
        // Retries and timeouts belong to notifyAll; the library only makes the request.
        retryConfig: { retries: 0 },
        timeout: 0,
        fetch: withSignal(signal),
      });
      try {
        await webhook.send(slackMessage(event));
      } catch (error) {
        // The library's errors carry the response body; keep only the status, or the cause.
        if (error instanceof IncomingWebhookHTTPError) throw new NotifierHttpError(error.statusCode);
        if (error instanceof IncomingWebhookRequestError) throw error.original;
        throw error;
      }
    },
  };
}
