import { InputError } from '@backstage/errors';
import {
  BLUEPRINT_STATES,
  DEFAULT_TERMINAL_SIZE,
  TERMINAL_SIZE_LIMITS,
  WORKSPACE_NAME_PATTERN,
  WORKSPACE_STATUSES,
  parseBlueprintAccessRule,
  parseMailbox,
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
          "'blueprint' is required: the ref of a blueprint listed by GET /api/rde/blueprints",
        invalid_type_error: "'blueprint' must be a string",
      })
      .min(1, "'blueprint' must not be empty"),
    name: z
      .string({ invalid_type_error: "'name' must be a string" })
      .regex(WORKSPACE_NAME_PATTERN, `'name' must be ${NAME_RULE}`)
      .optional(),
    repository: z
      .object(
        {
          url: z
            .string({ invalid_type_error: "'repository.url' must be a string" })
            .max(2048, "'repository.url' must be at most 2048 characters")
            .optional(),
          ref: z
            .string({ invalid_type_error: "'repository.ref' must be a string" })
            .optional(),
        },
        { invalid_type_error: "'repository' must be an object" },
      )
      .strict()
      .optional(),
  })
  .strict();

/** Most entries an override's `access` or `trustedUsers` list may have. */
const MAX_LIST = 500;

/**
 * Body of `PUT /admin/blueprints/:namespace/:name/override` (`BlueprintOverrideRequest`). Access
 * rules are parsed with `parseBlueprintAccessRule` and stored normalised (`corp.example`,
 * `a@corp.example`); trusted users must be well-formed mailboxes, stored lower-case, de-duplicated.
 */
export const blueprintOverrideBody = z
  .object({
    state: z
      .enum(BLUEPRINT_STATES, {
        errorMap: () => ({
          message: `'state' must be one of ${BLUEPRINT_STATES.join(', ')}`,
        }),
      })
      .nullable()
      .optional(),
    access: z
      .array(
        z.string({ invalid_type_error: "'access' entries must be strings" }),
        {
          invalid_type_error: "'access' must be a list of rules",
        },
      )
      .max(MAX_LIST, `'access' may have at most ${MAX_LIST} rules`)
      .nullable()
      .optional()
      .superRefine((rules, ctx) => {
        for (const rule of rules ?? []) {
          try {
            parseBlueprintAccessRule(rule);
          } catch (error) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message: `'access' rule '${rule}': ${(error as Error).message}`,
            });
          }
        }
      })
      .transform(rules =>
        rules
          ? [
              ...new Set(
                rules.map(rule => {
                  const parsed = parseBlueprintAccessRule(rule);
                  return 'email' in parsed ? parsed.email : parsed.domain;
                }),
              ),
            ]
          : null,
      ),
    trustedUsers: z
      .array(
        z.string({
          invalid_type_error: "'trustedUsers' entries must be strings",
        }),
        {
          invalid_type_error:
            "'trustedUsers' must be a list of email addresses",
        },
      )
      .max(MAX_LIST, `'trustedUsers' may have at most ${MAX_LIST} entries`)
      .nullable()
      .optional()
      .superRefine((emails, ctx) => {
        for (const email of emails ?? []) {
          if (!parseMailbox(email.trim())) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message: `'trustedUsers' entry '${email}' is not a single email address like user@corp.example`,
            });
          }
        }
      })
      .transform(emails =>
        emails
          ? [
              ...new Set(
                emails.map(email => {
                  const m = parseMailbox(email.trim())!;
                  return `${m.local}@${m.domain}`;
                }),
              ),
            ]
          : null,
      ),
  })
  .strict()
  .transform(body => ({
    state: body.state ?? null,
    access: body.access ?? null,
    trustedUsers: body.trustedUsers ?? null,
  }));

/** Body of `PUT /admin/settings` (`RdeSettings`). */
export const settingsBody = z
  .object({
    maxRunningWorkspacesPerUser: z
      .number({
        required_error: "'maxRunningWorkspacesPerUser' is required",
        invalid_type_error:
          "'maxRunningWorkspacesPerUser' must be a whole number from 1 to 10000",
      })
      .int(
        "'maxRunningWorkspacesPerUser' must be a whole number from 1 to 10000",
      )
      .min(
        1,
        "'maxRunningWorkspacesPerUser' must be a whole number from 1 to 10000",
      )
      .max(
        10_000,
        "'maxRunningWorkspacesPerUser' must be a whole number from 1 to 10000",
      ),
  })
  .strict();

const optionalQueryString = (what: string) =>
  z
    .string({ invalid_type_error: `'${what}' must be given once` })
    .max(255, `'${what}' must be at most 255 characters`)
    .optional();

/** Query of `GET /admin/workspaces`. `status` may be comma-separated. */
export const adminWorkspacesQuery = z
  .object({
    status: optionalQueryString('status').superRefine((value, ctx) => {
      for (const status of value ? value.split(',') : []) {
        if (!(WORKSPACE_STATUSES as readonly string[]).includes(status)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `'status' must be one or more (comma-separated) of ${WORKSPACE_STATUSES.join(
              ', ',
            )}`,
          });
        }
      }
    }),
    cluster: optionalQueryString('cluster'),
    blueprint: optionalQueryString('blueprint'),
    q: optionalQueryString('q'),
  })
  .strict();

/** Query of `GET /admin/audit`. */
export const auditQuery = z
  .object({
    workspaceId: optionalQueryString('workspaceId'),
    actor: optionalQueryString('actor'),
    action: optionalQueryString('action'),
    limit: z
      .string({ invalid_type_error: "'limit' must be given once" })
      .regex(/^[0-9]{1,4}$/, "'limit' must be a whole number from 1 to 1000")
      .transform(Number)
      .refine(
        n => n >= 1 && n <= 1000,
        "'limit' must be a whole number from 1 to 1000",
      )
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

/** Query of `GET /catalog/hidden-blueprints` (service callers). */
export const hiddenBlueprintsQuery = z
  .object({
    user: z
      .string({
        required_error: "'user' is required: a user entity ref",
        invalid_type_error: "'user' must be given once",
      })
      .regex(
        /^user:[^\s]+$/i,
        "'user' must be a user entity ref like user:default/jane",
      ),
    ownership: z
      .string({ invalid_type_error: "'ownership' must be given once" })
      .max(10_000, "'ownership' is too long")
      .optional(),
  })
  .strict();
