import { InputError } from '@backstage/errors';
import {
  DEFAULT_TERMINAL_SIZE,
  TERMINAL_SIZE_LIMITS,
  WORKSPACE_NAME_PATTERN,
} from '@rde-portal/plugin-rde-common';
import { z } from 'zod';

const NAME_RULE =
  "1-63 lower-case letters, digits and '-', starting and ending with a letter or digit";

/** Body of `POST /workspaces` (`CreateWorkspaceRequest`). */
export const createWorkspaceBody = z
  .object({
    blueprint: z
      .string({
        required_error:
          "'blueprint' is required: the name of a blueprint listed by GET /api/rde/blueprints",
        invalid_type_error: "'blueprint' must be a string",
      })
      .min(1, "'blueprint' must not be empty"),
    name: z
      .string({ invalid_type_error: "'name' must be a string" })
      .regex(WORKSPACE_NAME_PATTERN, `'name' must be ${NAME_RULE}`)
      .optional(),
  })
  .strict();

function sizeField(key: 'cols' | 'rows', min: number, max: number) {
  const rule = `'${key}' must be a whole number from ${min} to ${max}`;
  return z
    .number({ invalid_type_error: rule })
    .int(rule)
    .min(min, rule)
    .max(max, rule)
    .optional();
}

/** Body of `POST /workspaces/:id/tickets` (`CreateTerminalTicketRequest`), limits from `TERMINAL_SIZE_LIMITS`. */
export const createTicketBody = z
  .object({
    cols: sizeField(
      'cols',
      TERMINAL_SIZE_LIMITS.minCols,
      TERMINAL_SIZE_LIMITS.maxCols,
    ),
    rows: sizeField(
      'rows',
      TERMINAL_SIZE_LIMITS.minRows,
      TERMINAL_SIZE_LIMITS.maxRows,
    ),
  })
  .strict()
  .transform(size => ({
    cols: size.cols ?? DEFAULT_TERMINAL_SIZE.cols,
    rows: size.rows ?? DEFAULT_TERMINAL_SIZE.rows,
  }));

/** A cluster name in a path: a DNS label like workspace names. */
export const clusterName = z
  .string()
  .regex(WORKSPACE_NAME_PATTERN, `A cluster name must be ${NAME_RULE}`);

/**
 * Parses `value` with `schema`.
 *
 * @param what - what is parsed, for the message (e.g. `request body`).
 * @throws InputError listing every problem, e.g. `Invalid request body: 'cols' must be a whole
 *   number from 2 to 1000`. An absent body (`undefined`) is parsed as `{}`.
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what = 'request body',
): z.output<T> {
  const result = schema.safeParse(value === undefined ? {} : value);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map(issue => {
    if (issue.code === 'unrecognized_keys') {
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys
        .map(k => `'${k}'`)
        .join(', ')}`;
    }
    if (issue.code === 'invalid_type' && issue.path.length === 0) {
      return 'expected a JSON object';
    }
    return issue.message;
  });
  throw new InputError(`Invalid ${what}: ${problems.join('; ')}`);
}
