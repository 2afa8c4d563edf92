import { createPublicKey, generateKeyPairSync, randomBytes, verify, type KeyObject } from 'node:crypto';

export type AppKeys = { privateKey: string; publicKey: KeyObject };

/** An RSA key in the PKCS#1 PEM form GitHub issues App keys in. */
export function generateAppKeys(): AppKeys {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export type JwtCheck = { ok: true } | { ok: false; reason: string };

/** Checks an App JWT lightly: RS256 signature with our key, `iss` the app id, not expired. */
export function checkAppJwt(token: string, appId: number, publicKey: KeyObject): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a JWT' };
  const [head, body, sig] = parts as [string, string, string];
  const signed = verify('RSA-SHA256', Buffer.from(`${head}.${body}`), publicKey, Buffer.from(sig, 'base64url'));
  if (!signed) return { ok: false, reason: 'bad signature' };
  let claims: { iss?: unknown; exp?: unknown };
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof claims;
  } catch (error) {
    return { ok: false, reason: `unreadable claims: ${(error as Error).message}` };
  }
  if (String(claims.iss) !== String(appId)) return { ok: false, reason: `iss ${String(claims.iss)} is not app ${appId}` };
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now() - 60_000) return { ok: false, reason: 'expired' };
  return { ok: true };
}

export const looksLikeJwt = (token: string): boolean => /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(token);

export const newInstallationToken = (): string => `ghs_${randomBytes(18).toString('base64url')}`;
