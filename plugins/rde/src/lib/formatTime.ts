/**
 * Formats an ISO-8601 time for people in their locale; the raw value when it is not a time.
 *
 * @public
 */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
