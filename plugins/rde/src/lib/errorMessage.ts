import { ResponseError } from '@backstage/errors';

/**
 * The sentence to show a person for a failed call: an `RdeApiError`'s message (already the
 * backend's own `error.message`), the backend's message for a `ResponseError` (its
 * `{error:{message}}` body), otherwise the error's message.
 *
 * @public
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    const cause = error.cause?.message;
    if (cause) {
      return cause;
    }
    return error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
