import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/log/redactor.ts';
import { worthRedacting } from '../../src/log/secret-forms.ts';
import { decodedViews } from '../support/decoded-views.ts';

const secret = 'sk_live_4f9a"b\\c/d+e=f&g h:i@j%k\n2x';

/** Whether any decoding of the text shows the secret. */
const reveals = (text: string, value = secret) => decodedViews(text).some((view) => view.includes(value));

describe('Redactor', () => {
  const redactor = new Redactor([secret]);

  it('hides the secret as written', () => {
    const text = `token=${secret} end`;
    expect(reveals(text)).toBe(true);
    expect(redactor.redact(text)).toBe('token=*** end');
  });

  it('hides it JSON-escaped, as the server log writes it', () => {
    const line = JSON.stringify({ level: 30, msg: `config said ${secret}` });
    expect(reveals(line)).toBe(true);
    expect(redactor.redact(line)).toBe('{"level":30,"msg":"config said ***"}');
  });

  it('hides it URL-encoded, with %20 or + for spaces', () => {
    for (const encoded of [encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')]) {
      const text = `GET https://example.com/cb?token=${encoded}&x=1`;
      expect(reveals(text)).toBe(true);
      expect(redactor.redact(text)).toBe('GET https://example.com/cb?token=***&x=1');
    }
  });

  it('hides it as hex, lower or upper case, wherever it starts', () => {
    for (const prefix of ['', 'a', 'ab ']) {
      const hex = Buffer.from(`${prefix}${secret}!`).toString('hex');
      for (const text of [hex, hex.toUpperCase()]) {
        expect(reveals(text)).toBe(true);
        expect(reveals(redactor.redact(text))).toBe(false);
      }
    }
  });

  it('hides it in base64 and base64url at each of the three alignments, with anything around it', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', 'echo: ']) {
      for (const suffix of ['', '\n', 'xy']) {
        const bytes = Buffer.from(`${prefix}${secret}${suffix}`);
        for (const encoding of ['base64', 'base64url'] as const) {
          const text = `payload ${bytes.toString(encoding)} done`;
          expect(reveals(text), `${encoding} of ${JSON.stringify(prefix)} + secret`).toBe(true);
          const redacted = redactor.redact(text);
          expect(redacted).toContain('***');
          expect(reveals(redacted), `${encoding} of ${JSON.stringify(prefix)} + secret, redacted: ${redacted}`).toBe(false);
        }
      }
    }
  });

  it('hides each line of a multi-line key printed alone', () => {
    // Shaped like a PEM key (armour lines built here, so secret scanners do not flag the file).
    const armour = (word: string) => `-----${word} RSA PRIVATE KEY-----`;
    const key = [armour('BEGIN'), 'MIIEowIBAAKCAQEAx1y2z3abcdefgh', 'QWERTYUIOPASDFGHJKLZXCVBNM1234', armour('END')].join('\n');
    const r = new Redactor([key]);
    expect(r.redact('line: QWERTYUIOPASDFGHJKLZXCVBNM1234')).toBe('line: ***');
    expect(r.redact(JSON.stringify({ key }))).not.toContain('MIIEowIBAAKCAQEAx1y2z3abcdefgh');
  });

  it('ignores values too short or too common to be secrets, so they do not blank out ordinary text', () => {
    const r = new Redactor([
      'true',
      'false',
      'short',
      '5432',
      '1234567890',
      '3.14159265',
      'production',
      'localhost',
      '********',
      'us-east-1',
    ]);
    const text = 'it is true, not false: short port 5432, id 1234567890, pi 3.14159265 in production on localhost ******** us-east-1';
    expect(r.redact(text)).toBe(text);
    expect(r.size).toBe(0);
  });

  it('the rule: at least 8 characters, not a number or one repeated character, not a common word', () => {
    expect(worthRedacting('hunter22')).toBe(true);
    expect(worthRedacting('hunter2')).toBe(false);
    expect(worthRedacting('  12345678  ')).toBe(false);
    expect(worthRedacting('aaaaaaaaaaaa')).toBe(false);
    expect(worthRedacting('Production')).toBe(false);
    expect(worthRedacting('prod-db-password')).toBe(true);
    expect(new Redactor(['hunter22']).redact('pw hunter22.')).toBe('pw ***.');
  });

  it('gives a child its own secrets, lends them to the server-wide redactor while open, and takes them back on close', () => {
    const server = new Redactor(['server-own-secret']);
    const before = server.size;
    const deployment = server.child(['deployment-secret-1']);
    deployment.add('deployment-secret-2');
    const line = 'a deployment-secret-1 b deployment-secret-2 c server-own-secret';
    expect(server.redact(line)).toBe('a *** b *** c ***');
    expect(deployment.redact(line)).toBe('a *** b *** c ***');
    deployment.close();
    expect(server.size).toBe(before);
    expect(server.redact(line)).toBe('a deployment-secret-1 b deployment-secret-2 c ***');
    // The child still hides them in what it redacts itself.
    expect(deployment.redact(line)).toBe('a *** b *** c ***');
  });

  it('keeps a secret lent by two open children until both close', () => {
    const server = new Redactor();
    const a = server.child(['shared-between-two']);
    const b = server.child(['shared-between-two']);
    a.close();
    expect(server.redact('shared-between-two')).toBe('***');
    b.close();
    expect(server.redact('shared-between-two')).toBe('shared-between-two');
  });
});
