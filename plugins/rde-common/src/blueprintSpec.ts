/**
 * Validation of a blueprint's `rde` block: the `spec.rde` of a catalog `Template` entity with
 * `spec.type: rde-blueprint` (DESIGN §6, issue 3). Pure functions, no I/O.
 *
 * Issue 3: "Invalid blueprints are reported through the catalog's processing errors with a message
 * naming the field, never half-applied" — hence {@link parseBlueprintSpec} either returns a whole,
 * defaulted {@link BlueprintSpec} or throws a {@link BlueprintSpecError} naming the field.
 */
import { z } from 'zod';
import {
  BlueprintAccessRule,
  isWellFormedMailbox,
  parseBlueprintAccessRule,
} from './blueprintAccess';

/**
 * Resources used when a blueprint names none (a decision of this module; issue 3 and DESIGN §6
 * give no numbers): 1 CPU, 2 GiB of memory, 10 GiB of storage. Each field defaults on its own.
 *
 * @public
 */
export const DEFAULT_BLUEPRINT_RESOURCES = {
  cpu: '1',
  memory: '2Gi',
  storage: '10Gi',
} as const;

/**
 * Blueprint lifecycle state (issue 3): `testing` (listed with a badge, launchable by admins only),
 * `enabled`, `disabled` (hidden; existing workspaces untouched). Default `enabled`.
 *
 * @public
 */
export const BLUEPRINT_STATES = ['testing', 'enabled', 'disabled'] as const;

/**
 * One of {@link BLUEPRINT_STATES}.
 *
 * @public
 */
export type BlueprintState = (typeof BLUEPRINT_STATES)[number];

/**
 * Most terminal tabs a blueprint may declare (issue 3 brief: at most 10).
 *
 * @public
 */
export const MAX_TERMINAL_TABS = 10;

/**
 * A validated, defaulted blueprint `rde` block (DESIGN §6, issue 3), as returned by
 * {@link parseBlueprintSpec}:
 *
 * - `image`: container image reference (non-empty, no whitespace).
 * - `resources`: Kubernetes quantities, each defaulted from {@link DEFAULT_BLUEPRINT_RESOURCES}:
 *   `cpu` as whole/decimal cores (`"2"`, `"0.5"`) or millicores (`"500m"`); `memory` and `storage`
 *   as a positive integer with a binary suffix `Ki`, `Mi`, `Gi` or `Ti` (`"512Mi"`, `"10Gi"`).
 * - `env`: variable name (shell identifier `[A-Za-z_][A-Za-z0-9_]*`) → plain string value or
 *   `{ secretRef }` naming a secret; default `{}`.
 * - `ports`: preview ports, unique by `port` and by `name`; `protocol` defaults to `http`;
 *   default `[]`.
 * - `cluster`: target cluster name, an RFC 1123 DNS label.
 * - `repository`: optional git repository cloned at start (`https://` without embedded
 *   credentials, `ssh://…` or scp-like `git@host:path`) with an optional `ref`.
 * - `startupCommand`: optional shell command run at start.
 * - `terminalTabs`: at most {@link MAX_TERMINAL_TABS} `{ name, command }`, names unique
 *   (case-insensitive); default `[]`.
 * - `publish`: optional `{ target? }`.
 * - `access`: parsed access rules (see `parseBlueprintAccessRule`); default `[]` = open to any
 *   signed-in user (DESIGN §7).
 * - `trustedUsers`: lower-cased, de-duplicated well-formed email addresses; default `[]`.
 * - `state`: {@link BlueprintState}, default `enabled`.
 *
 * @public
 */
export interface BlueprintSpec {
  image: string;
  resources: { cpu: string; memory: string; storage: string };
  env: Record<string, string | { secretRef: string }>;
  ports: Array<{ port: number; name?: string; protocol: 'http' | 'https' }>;
  cluster: string;
  repository?: { url: string; ref?: string };
  startupCommand?: string;
  terminalTabs: Array<{ name: string; command: string }>;
  publish?: { target?: string };
  access: BlueprintAccessRule[];
  trustedUsers: string[];
  state: BlueprintState;
}

/**
 * One problem found in a blueprint `rde` block: `field` is a path such as `rde.ports[1].port` or
 * `rde.env.MY_VAR`; `message` says what is wrong with it.
 *
 * @public
 */
export interface BlueprintSpecIssue {
  field: string;
  message: string;
}

/**
 * Thrown by {@link parseBlueprintSpec} when a blueprint's `rde` block is invalid (issue 3: "a
 * message naming the field"). `field` is the path of the first problem (e.g. `rde.ports[1].port`);
 * `issues` lists every problem found; the message names each field.
 *
 * @public
 */
export class BlueprintSpecError extends Error {
  readonly field: string;
  readonly issues: BlueprintSpecIssue[];

  constructor(issues: BlueprintSpecIssue[]) {
    const [first] = issues;
    const list = issues.map(i => `${i.field}: ${i.message}`).join('; ');
    super(`Invalid blueprint: ${list}`);
    this.name = 'BlueprintSpecError';
    this.field = first?.field ?? 'rde';
    this.issues = issues;
  }
}

const NO_WHITESPACE = /^\S+$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CPU_QUANTITY = /^(?:[0-9]+m|[0-9]+(?:\.[0-9]{1,3})?)$/;
const BYTES_QUANTITY = /^[0-9]+(?:Ki|Mi|Gi|Ti)$/;
// scp-like git remote: user@host:path (no scheme, path must not start with "-" or "/").
const SCP_GIT_URL = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?![-/])[^\s]+$/;

const nonEmpty = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `must be a non-empty ${what}` });

const cpuSchema = z
  .string()
  .regex(CPU_QUANTITY, {
    message: 'must be a CPU quantity like "2", "0.5" or "500m"',
  })
  // Only for values of the right form, so a malformed one gets one message, not two.
  .refine(v => !CPU_QUANTITY.test(v) || parseFloat(v) > 0, {
    message: 'must be greater than zero',
  });

const bytesSchema = (example: string) =>
  z
    .string()
    .regex(BYTES_QUANTITY, {
      message: `must be a size with a binary suffix (Ki, Mi, Gi, Ti) like "${example}"`,
    })
    .refine(v => !BYTES_QUANTITY.test(v) || parseInt(v, 10) > 0, {
      message: 'must be greater than zero',
    });

function isGitUrl(url: string): boolean {
  if (SCP_GIT_URL.test(url)) {
    return true;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!parsed.hostname || !/^\S+$/.test(url)) {
    return false;
  }
  if (parsed.protocol === 'https:') {
    return parsed.username === '' && parsed.password === '';
  }
  return parsed.protocol === 'ssh:' && parsed.password === '';
}

// A git ref as a human writes it: a branch, tag or commit. Refuses what `git check-ref-format`
// refuses and a leading "-" (would be read as an option by git).
const gitRefSchema = z
  .string()
  .min(1, { message: 'must be a non-empty branch, tag or commit' })
  .refine(
    ref =>
      !ref.startsWith('-') &&
      !ref.startsWith('/') &&
      !ref.endsWith('/') &&
      !ref.endsWith('.') &&
      !ref.endsWith('.lock') &&
      !ref.includes('..') &&
      !ref.includes('//') &&
      !ref.includes('@{') &&
      // eslint-disable-next-line no-control-regex
      !/[\x00-\x20\x7f~^:?*[\\]/.test(ref),
    { message: 'must be a valid git branch, tag or commit name' },
  );

const envValueSchema = z.union(
  [
    z.string(),
    z
      .object({
        secretRef: z.string().regex(NO_WHITESPACE, {
          message: 'must be a non-empty secret name without whitespace',
        }),
      })
      .strict(),
  ],
  {
    errorMap: () => ({
      message:
        'must be a string (quote numbers and booleans in YAML) or { secretRef: <secret name> }',
    }),
  },
);

const portSchema = z
  .object({
    port: z
      .number()
      .int({ message: 'must be a whole number' })
      .min(1, { message: 'must be between 1 and 65535' })
      .max(65535, { message: 'must be between 1 and 65535' }),
    name: z
      .string()
      .regex(DNS_LABEL, {
        message: 'must be a DNS label (lowercase letters, digits and "-")',
      })
      .optional(),
    protocol: z.enum(['http', 'https']).default('http'),
  })
  .strict();

const rdeSchema = z
  .object({
    image: z.string().regex(NO_WHITESPACE, {
      message:
        'must be a non-empty container image reference without whitespace',
    }),
    resources: z
      .object({
        cpu: cpuSchema.default(DEFAULT_BLUEPRINT_RESOURCES.cpu),
        memory: bytesSchema('512Mi').default(
          DEFAULT_BLUEPRINT_RESOURCES.memory,
        ),
        storage: bytesSchema('10Gi').default(
          DEFAULT_BLUEPRINT_RESOURCES.storage,
        ),
      })
      .strict()
      .default({}),
    env: z
      .record(
        z.string().regex(ENV_NAME, {
          message:
            'is not a valid environment variable name (letters, digits and "_", not starting with a digit)',
        }),
        envValueSchema,
      )
      .default({}),
    ports: z
      .array(portSchema)
      .default([])
      .superRefine((ports, ctx) => {
        const seenPorts = new Set<number>();
        const seenNames = new Set<string>();
        ports.forEach((p, i) => {
          if (seenPorts.has(p.port)) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: [i, 'port'],
              message: `duplicates port ${p.port}; each port may appear once`,
            });
          }
          seenPorts.add(p.port);
          if (p.name !== undefined) {
            if (seenNames.has(p.name)) {
              ctx.addIssue({
                code: z.ZodIssueCode.custom,
                path: [i, 'name'],
                message: `duplicates port name "${p.name}"; names must be unique`,
              });
            }
            seenNames.add(p.name);
          }
        });
      }),
    cluster: z.string().regex(DNS_LABEL, {
      message:
        'must be a cluster name that is a DNS label (lowercase letters, digits and "-", at most 63 characters)',
    }),
    repository: z
      .object({
        url: z.string().refine(isGitUrl, {
          message:
            'must be a git URL: https://host/path (without credentials), ssh://host/path or git@host:path',
        }),
        ref: gitRefSchema.optional(),
      })
      .strict()
      .optional(),
    startupCommand: nonEmpty('command').optional(),
    terminalTabs: z
      .array(
        z
          .object({
            name: nonEmpty('tab name').pipe(
              z.string().max(40, { message: 'must be at most 40 characters' }),
            ),
            command: nonEmpty('command'),
          })
          .strict(),
      )
      .max(MAX_TERMINAL_TABS, {
        message: `must have at most ${MAX_TERMINAL_TABS} tabs`,
      })
      .default([])
      .superRefine((tabs, ctx) => {
        const seen = new Set<string>();
        tabs.forEach((tab, i) => {
          const key = tab.name.toLowerCase();
          if (seen.has(key)) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: [i, 'name'],
              message: `duplicates tab name "${tab.name}"; names must be unique`,
            });
          }
          seen.add(key);
        });
      }),
    publish: z
      .object({ target: nonEmpty('publish target').optional() })
      .strict()
      .optional(),
    access: z
      .array(
        z.string().transform((text, ctx) => {
          try {
            return parseBlueprintAccessRule(text);
          } catch (e) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message: (e as Error).message,
            });
            return z.NEVER;
          }
        }),
      )
      .default([]),
    trustedUsers: z
      .array(
        z
          .string()
          .transform(s => s.trim())
          .refine(isWellFormedMailbox, {
            message: 'must be a single well-formed email address',
          })
          .transform(s => s.toLowerCase()),
      )
      .default([])
      .transform(users => [...new Set(users)]),
    state: z
      .enum(BLUEPRINT_STATES, {
        errorMap: () => ({
          message: `must be one of ${BLUEPRINT_STATES.join(', ')}`,
        }),
      })
      .default('enabled'),
  })
  .strict();

function formatPath(path: ReadonlyArray<string | number>): string {
  let out = 'rde';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) {
      out += `.${segment}`;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}

function toIssues(error: z.ZodError): BlueprintSpecIssue[] {
  const issues: BlueprintSpecIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      for (const key of issue.keys) {
        issues.push({
          field: formatPath([...issue.path, key]),
          message: 'is not a known field (check its spelling)',
        });
      }
      continue;
    }
    let message = issue.message;
    if (issue.code === z.ZodIssueCode.invalid_type) {
      if (issue.received === 'undefined') {
        message = 'is required';
      } else if (issue.expected === 'integer') {
        message = 'must be a whole number';
      } else {
        message = `must be ${article(issue.expected)}, not ${issue.received}`;
      }
    }
    issues.push({ field: formatPath(issue.path), message });
  }
  return issues;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * Validates a blueprint's `rde` block (the value of `spec.rde` of a `Template` entity with
 * `spec.type: rde-blueprint`; DESIGN §6, issue 3) and returns it with defaults applied (see
 * {@link BlueprintSpec}). Unknown fields are refused, so a misspelt field is reported rather than
 * silently ignored; nothing is half-applied.
 *
 * @throws {@link BlueprintSpecError} when `value` is not a valid `rde` block; its `field` names
 *   the first offending field (`rde`, `rde.image`, `rde.ports[1].port`, `rde.env.MY_VAR`, …) and
 *   its message names every offending field.
 * @public
 */
export function parseBlueprintSpec(value: unknown): BlueprintSpec {
  const result = rdeSchema.safeParse(value);
  if (!result.success) {
    throw new BlueprintSpecError(toIssues(result.error));
  }
  return result.data as BlueprintSpec;
}
