import { parseRetryAfter, readRdeErrorResponse } from './errorResponse';

const json = (status: number, body: unknown, headers: HeadersInit = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

describe('readRdeErrorResponse', () => {
  it('reads the quota of a limit answer', async () => {
    expect(
      await readRdeErrorResponse(
        json(409, {
          error: {
            name: 'WorkspaceLimitReachedError',
            message: 'Limit reached',
          },
          quota: { running: 2, limit: 2 },
        }),
      ),
    ).toEqual({
      status: 409,
      errorName: 'WorkspaceLimitReachedError',
      message: 'Limit reached',
      quota: { running: 2, limit: 2 },
    });
  });

  it('ignores a quota on other answers or of the wrong shape', async () => {
    const other = await readRdeErrorResponse(
      json(409, {
        error: { name: 'ConflictError', message: 'busy' },
        quota: { running: 1, limit: 1 },
      }),
    );
    expect(other.quota).toBeUndefined();
    const malformed = await readRdeErrorResponse(
      json(409, {
        error: { name: 'WorkspaceLimitReachedError', message: 'x' },
        quota: { running: '1' },
      }),
    );
    expect(malformed.quota).toBeUndefined();
  });

  it('reads Retry-After of a rate-limit answer', async () => {
    expect(
      await readRdeErrorResponse(
        json(
          429,
          { error: { name: 'TooManyRequestsError', message: 'slow down' } },
          { 'Retry-After': '12' },
        ),
      ),
    ).toEqual({
      status: 429,
      errorName: 'TooManyRequestsError',
      message: 'slow down',
      retryAfterSeconds: 12,
    });
  });

  it('keeps only the status for a body that is not Backstage error JSON', async () => {
    expect(
      await readRdeErrorResponse(
        new Response('<html>Bad gateway</html>', { status: 502 }),
      ),
    ).toEqual({ status: 502 });
    expect(await readRdeErrorResponse(json(500, { error: 'text' }))).toEqual({
      status: 500,
    });
  });
});

describe('parseRetryAfter', () => {
  it('parses seconds or an HTTP date, never negative', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
