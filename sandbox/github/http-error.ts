/** A failure the fake answers with a GitHub-shaped error body; direct callers get it thrown. */
export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'FakeHttpError';
  }
}

export const notFound = (what = 'Not Found'): FakeHttpError => new FakeHttpError(404, what === 'Not Found' ? what : `Not Found: ${what}`);
