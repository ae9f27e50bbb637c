import {
  isWellFormedMailbox,
  parseBlueprintAccessRule,
  type AdminBlueprint,
  type BlueprintOverrideRequest,
  type BlueprintState,
} from '@rde-portal/plugin-rde-common';

/**
 * What the admin edits of a blueprint: its state, and access rules and trusted users as text,
 * one per line.
 *
 * @public
 */
export interface OverrideFormValues {
  state: BlueprintState;
  access: string;
  trustedUsers: string;
}

/**
 * The form as the blueprint is now (its effective values).
 *
 * @public
 */
export function formFromBlueprint(
  blueprint: AdminBlueprint,
): OverrideFormValues {
  return {
    state: blueprint.state,
    access: blueprint.access.join('\n'),
    trustedUsers: blueprint.trustedUsers.join('\n'),
  };
}

/**
 * The form read and checked: normalised rules (`corp.example`, `a@corp.example`) and lower-case
 * trusted emails, or the problems, each naming the line and what to write instead.
 *
 * @public
 */
export interface ParsedOverrideForm {
  state: BlueprintState;
  access: string[];
  trustedUsers: string[];
  accessErrors: string[];
  trustedUserErrors: string[];
}

function lines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map(line => line.trim())
    .filter(Boolean);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * Reads the form with the same rules the backend applies (`parseBlueprintAccessRule`,
 * `isWellFormedMailbox` from rde-common): lines (or commas) separate entries, blank ones are
 * ignored, duplicates dropped.
 *
 * @public
 */
export function parseOverrideForm(
  form: OverrideFormValues,
): ParsedOverrideForm {
  const access: string[] = [];
  const accessErrors: string[] = [];
  for (const line of lines(form.access)) {
    try {
      const rule = parseBlueprintAccessRule(line);
      access.push('email' in rule ? rule.email : rule.domain);
    } catch (error) {
      accessErrors.push((error as Error).message);
    }
  }
  const trustedUsers: string[] = [];
  const trustedUserErrors: string[] = [];
  for (const line of lines(form.trustedUsers)) {
    if (isWellFormedMailbox(line)) {
      trustedUsers.push(line.toLowerCase());
    } else {
      trustedUserErrors.push(
        `Trusted user "${line}" is not a single email address; write one address like "someone@corp.example" per line`,
      );
    }
  }
  return {
    state: form.state,
    access: unique(access),
    trustedUsers: unique(trustedUsers),
    accessErrors,
    trustedUserErrors,
  };
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a.map(v => v.toLowerCase()));
  const right = new Set(b.map(v => v.toLowerCase()));
  return left.size === right.size && [...left].every(v => right.has(v));
}

/**
 * The `PUT …/override` body for a parsed form: a field that equals the YAML (`source`) is sent as
 * `null`, so the YAML keeps applying to it; only what differs is overridden. `undefined` when
 * nothing differs from the YAML (then the override, if any, should be removed instead).
 *
 * @public
 */
export function overrideRequest(
  blueprint: AdminBlueprint,
  parsed: ParsedOverrideForm,
): BlueprintOverrideRequest | undefined {
  const request: BlueprintOverrideRequest = {
    state: parsed.state === blueprint.source.state ? null : parsed.state,
    access: sameSet(parsed.access, blueprint.source.access)
      ? null
      : parsed.access,
    trustedUsers: sameSet(parsed.trustedUsers, blueprint.source.trustedUsers)
      ? null
      : parsed.trustedUsers,
  };
  return request.state === null &&
    request.access === null &&
    request.trustedUsers === null
    ? undefined
    : request;
}

/**
 * Whether the parsed form differs from the blueprint's effective values (there is something to
 * save).
 *
 * @public
 */
export function formChanged(
  blueprint: AdminBlueprint,
  parsed: ParsedOverrideForm,
): boolean {
  return (
    parsed.state !== blueprint.state ||
    !sameSet(parsed.access, blueprint.access) ||
    !sameSet(parsed.trustedUsers, blueprint.trustedUsers)
  );
}
