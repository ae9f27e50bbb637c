import {
  TooManyRequestsError,
  WorkspaceLimitReachedError,
} from '../../api/RdeApiError';
import { errorMessage } from '../../lib/errorMessage';

/**
 * What to tell a person whose launch (or start) was refused: the backend's message, and what to
 * do next when the refusal says so: the quota of a 409 limit refusal ("You have 3 of 3 workspaces
 * running…", unless the message already names both numbers) or the wait of a 429 ("Try again in
 * 42 seconds.").
 *
 * @public
 */
export function launchErrorText(error: unknown): {
  message: string;
  hint?: string;
} {
  const message = errorMessage(error);
  if (error instanceof WorkspaceLimitReachedError) {
    const { running, limit } = error.quota;
    if (message.includes(`${running} of ${limit}`)) {
      return { message };
    }
    return {
      message,
      hint: `You have ${running} of ${limit} workspaces running. Stop or delete one, then launch again.`,
    };
  }
  if (error instanceof TooManyRequestsError) {
    const seconds = error.retryAfterSeconds;
    return {
      message,
      hint:
        seconds === undefined
          ? 'Wait a minute, then launch again.'
          : `Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    };
  }
  return { message };
}
