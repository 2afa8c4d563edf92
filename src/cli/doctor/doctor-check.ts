/** One finding of `runway doctor`: `ok`, a problem with what to fix, or a part that is not configured. */
export interface CheckResult {
  name: string;
  status: 'ok' | 'problem' | 'skipped';
  detail: string;
}
