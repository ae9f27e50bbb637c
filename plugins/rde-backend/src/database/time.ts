/**
 * Converts a timestamp as a database driver returns it into an ISO-8601 string.
 *
 * PostgreSQL (`pg`) returns `Date` for `timestamptz` columns and a decimal string for `bigint`;
 * better-sqlite3 stores the `Date`s we bind as milliseconds since the epoch and returns numbers,
 * and returns `YYYY-MM-DD HH:MM:SS` (UTC) text for values written by `CURRENT_TIMESTAMP`.
 *
 * @param value - a `Date`, epoch milliseconds (number or decimal string) or a date-time string.
 * @returns the ISO-8601 string, or `undefined` for `null`/`undefined`.
 * @throws Error when the value is not a recognisable time.
 */
export function toIsoString(
  value: Date | number | string | null | undefined,
): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  return toDate(value).toISOString();
}

/**
 * Like {@link toIsoString} but returns a `Date` and does not accept `null`.
 *
 * @throws Error when the value is not a recognisable time.
 */
export function toDate(value: Date | number | string): Date {
  let date: Date;
  if (value instanceof Date) {
    date = value;
  } else if (typeof value === 'number') {
    date = new Date(value);
  } else if (/^\d+$/.test(value)) {
    date = new Date(Number(value));
  } else if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)) {
    date = new Date(`${value.replace(' ', 'T')}Z`);
  } else {
    date = new Date(value);
  }
  if (Number.isNaN(date.getTime())) {
    throw new Error(`Unrecognised time value from the database: ${value}`);
  }
  return date;
}

/**
 * Converts a `bigint` column value (a number on SQLite, a decimal string on PostgreSQL) to a
 * JavaScript number.
 *
 * @throws Error when the value is not an integer.
 */
export function toInteger(value: number | string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new Error(`Unrecognised integer value from the database: ${value}`);
  }
  return n;
}
