import { setMaxListeners } from 'node:events';

/**
 * Abort listeners one S3 request in flight holds on its signal: the SDK's retry middleware, its HTTP
 * handler, and our own retries (p-retry). Each is removed when the request settles.
 */
const listenersPerRequest = 3;

/**
 * The signal that up to `inFlight` concurrent requests share, aborted when any of `signals` is.
 * Node warns (MaxListenersExceededWarning) past 10 listeners on one signal, which 16 uploads in
 * flight reach at once; here that many is expected, not a leak, so the limit is sized to it —
 * on a signal of our own, never on the caller's.
 */
export function requestSignal(signals: readonly AbortSignal[], inFlight: number): AbortSignal {
  const signal = AbortSignal.any([...signals]);
  setMaxListeners(inFlight * listenersPerRequest + 10, signal);
  return signal;
}
