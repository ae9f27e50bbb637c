/**
 * Blueprint access rules (the blueprint ACL) and the matching of a signed-in user's email against
 * them. Pure functions, no I/O.
 *
 * Source of the rules: DESIGN §7 ("Blueprint ACL: no rules = open to any signed-in user; else OR
 * of exact-email and email-domain rules (case-insensitive, exact domain; `@corp.com` and
 * `corp.com` mean the same)") and issue 3 ("addresses that are not a single well-formed mailbox
 * never match"; `corp.example` ≠ `evilcorp.example`, ≠ `corp.example.evil.io`).
 */

/**
 * One blueprint access rule (DESIGN §7, issue 3):
 *
 * - `{ email }`: the user's address must equal `email` exactly (case-insensitive). Plus-addressing
 *   is not folded: `alice@corp.example` does not match `alice+x@corp.example`.
 * - `{ domain }`: the domain of the user's address must equal `domain` exactly (case-insensitive);
 *   subdomains do not match. A leading `@` is ignored (`@corp.example` means `corp.example`).
 *
 * Build rules from text with {@link parseBlueprintAccessRule}; a rule that is itself malformed
 * never matches anybody (fail closed).
 *
 * @public
 */
export type BlueprintAccessRule = { email: string } | { domain: string };

/**
 * A well-formed mailbox split into its parts, both lower-cased.
 *
 * @public
 */
export interface Mailbox {
  /** The part before `@`, lower-cased. */
  local: string;
  /** The domain after `@`, lower-cased, without a trailing dot. */
  domain: string;
}

// RFC 5322 `atext` (printable ASCII except specials, quotes and space). Dots are handled by the
// dot-atom structure: no leading, trailing or consecutive dots.
const LOCAL_ATOM = "[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~]+";
const LOCAL_PART_PATTERN = new RegExp(`^${LOCAL_ATOM}(\\.${LOCAL_ATOM})*$`);
// RFC 1123 host label: letters, digits and hyphen, 1–63 characters, no hyphen at either end.
const DNS_LABEL_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const MAX_LOCAL_PART_LENGTH = 64;
const MAX_DOMAIN_LENGTH = 253;

/**
 * Why `domain` is not an acceptable mailbox/rule domain, or `undefined` when it is. Rules (issue 3,
 * "be strict"): ASCII only (IDNs must be written in their `xn--` form, so Unicode look-alikes never
 * match), at least two dot-separated RFC 1123 labels, at most 253 characters, no empty label, no
 * trailing dot, no IP literals.
 */
function domainProblem(domain: string): string | undefined {
  if (domain.length === 0) {
    return 'the domain is empty';
  }
  if (domain.length > MAX_DOMAIN_LENGTH) {
    return `the domain is longer than ${MAX_DOMAIN_LENGTH} characters`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[^\x21-\x7e]/.test(domain)) {
    return 'the domain contains whitespace or non-ASCII characters (write internationalised domains in their xn-- form)';
  }
  if (domain.endsWith('.')) {
    return 'the domain ends with a dot';
  }
  const labels = domain.split('.');
  if (labels.length < 2) {
    return 'the domain must have at least two labels, like "corp.example"';
  }
  for (const label of labels) {
    if (!DNS_LABEL_PATTERN.test(label)) {
      return `"${label}" is not a valid domain label (letters, digits and inner hyphens, 1–63 characters)`;
    }
  }
  return undefined;
}

/** Why `text` is not a single well-formed mailbox, or `undefined` when it is. */
function mailboxProblem(text: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[^\x21-\x7e]/.test(text)) {
    return 'it contains whitespace, control or non-ASCII characters';
  }
  if (/[,;]/.test(text)) {
    return 'it contains a comma or semicolon (write one address per rule)';
  }
  const at = text.indexOf('@');
  if (at < 0) {
    return 'it has no "@"';
  }
  if (text.indexOf('@', at + 1) >= 0) {
    return 'it has more than one "@"';
  }
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (local.length === 0) {
    return 'the part before "@" is empty';
  }
  if (local.length > MAX_LOCAL_PART_LENGTH) {
    return `the part before "@" is longer than ${MAX_LOCAL_PART_LENGTH} characters`;
  }
  if (!LOCAL_PART_PATTERN.test(local)) {
    return 'the part before "@" contains a character not allowed in an address (quotes, commas, semicolons, brackets, backslashes or misplaced dots)';
  }
  return domainProblem(domain);
}

/**
 * Parses `text` as a single well-formed mailbox (`local@domain`) and returns its lower-cased
 * parts, or `undefined` when it is not one (issue 3: "addresses that are not a single well-formed
 * mailbox never match").
 *
 * Strict by design: the local part is an RFC 5322 dot-atom (printable ASCII without space, `@`,
 * `,`, `;`, `:`, quotes, `<`, `>`, `(`, `)`, `[`, `]`, `\`; no leading, trailing or double dot; at
 * most 64 characters); the domain is at least two RFC 1123 labels without a trailing dot (ASCII
 * only, so IDN look-alikes such as a Cyrillic `а` are rejected, not folded). No trimming: any
 * whitespace rejects. Validation happens before lower-casing, so characters whose lower case is
 * ASCII (the Kelvin sign `K`, `İ`) cannot sneak in. Never throws.
 *
 * @public
 */
export function parseMailbox(text: string | undefined): Mailbox | undefined {
  if (typeof text !== 'string' || mailboxProblem(text) !== undefined) {
    return undefined;
  }
  const at = text.indexOf('@');
  return {
    local: text.slice(0, at).toLowerCase(),
    domain: text.slice(at + 1).toLowerCase(),
  };
}

/**
 * Whether `text` is a single well-formed mailbox, as defined by {@link parseMailbox}. Never throws.
 *
 * @public
 */
export function isWellFormedMailbox(text: string | undefined): boolean {
  return parseMailbox(text) !== undefined;
}

/**
 * Normalises the domain of a `{ domain }` rule: strips one leading `@` (DESIGN §7: `@corp.com` and
 * `corp.com` mean the same) and lower-cases; `undefined` when it is not a valid domain.
 */
function normalizeRuleDomain(domain: unknown): string | undefined {
  if (typeof domain !== 'string') {
    return undefined;
  }
  const bare = domain.startsWith('@') ? domain.slice(1) : domain;
  return domainProblem(bare) === undefined ? bare.toLowerCase() : undefined;
}

/**
 * Whether a user may see and launch a blueprint whose access rules are `rules` (DESIGN §7,
 * issue 3).
 *
 * - `rules` empty: `true` for any signed-in user, whether or not an email is known (DESIGN §7: "no
 *   rules = open to any signed-in user"). The caller is responsible for establishing that the user
 *   is signed in.
 * - otherwise: `true` when `userEmail` is a single well-formed mailbox (see {@link parseMailbox})
 *   and at least one rule matches it — an `{ email }` rule equal to the whole address, or a
 *   `{ domain }` rule equal to the address's domain — compared case-insensitively. Domain matching
 *   is exact: `corp.example` does not match `evilcorp.example`, `corp.example.evil.io` or
 *   `eu.corp.example`. A missing or malformed `userEmail` never matches; a malformed rule never
 *   matches (fail closed).
 *
 * Never throws.
 *
 * @public
 */
export function matchesBlueprintAccess(
  userEmail: string | undefined,
  rules: readonly BlueprintAccessRule[],
): boolean {
  if (rules.length === 0) {
    return true;
  }
  const mailbox = parseMailbox(userEmail);
  if (!mailbox) {
    return false;
  }
  const address = `${mailbox.local}@${mailbox.domain}`;
  return rules.some(rule => {
    if ('email' in rule) {
      const ruleMailbox = parseMailbox(rule.email);
      return (
        ruleMailbox !== undefined &&
        `${ruleMailbox.local}@${ruleMailbox.domain}` === address
      );
    }
    if ('domain' in rule) {
      return normalizeRuleDomain(rule.domain) === mailbox.domain;
    }
    return false;
  });
}

const RULE_EXAMPLES =
  'write an email address like "user@corp.example" or a domain like "corp.example" (or "@corp.example")';

/**
 * Parses one access rule as written in a blueprint's `rde.access` list or in the admin UI
 * (DESIGN §7, issue 3). Surrounding whitespace is trimmed; the result is lower-cased.
 *
 * - `user@corp.example` → `{ email: 'user@corp.example' }` (must be a well-formed mailbox, see
 *   {@link parseMailbox})
 * - `corp.example` or `@corp.example` → `{ domain: 'corp.example' }`
 *
 * @throws Error with a message naming the rule, why it was refused and what to write instead:
 *   for an empty rule, a wildcard (`*.corp.example`; subdomains are not matched, list each domain),
 *   a malformed address (several `@`, quotes, commas, inner whitespace, non-ASCII, …) or a
 *   malformed domain (single label, trailing dot, bad label).
 * @public
 */
export function parseBlueprintAccessRule(text: string): BlueprintAccessRule {
  if (typeof text !== 'string') {
    throw new Error(`Access rule must be a string; ${RULE_EXAMPLES}`);
  }
  const rule = text.trim();
  if (rule.length === 0) {
    throw new Error(`Access rule is empty; ${RULE_EXAMPLES}`);
  }
  if (rule.includes('*')) {
    throw new Error(
      `Access rule "${rule}" contains a wildcard; wildcards are not supported and domain rules match the exact domain only (not subdomains), so list each domain, e.g. "corp.example"`,
    );
  }
  if (rule.startsWith('@')) {
    const domain = rule.slice(1);
    const problem = domainProblem(domain);
    if (problem) {
      throw new Error(
        `Access rule "${rule}" is not a valid domain rule: ${problem}; ${RULE_EXAMPLES}`,
      );
    }
    return { domain: domain.toLowerCase() };
  }
  if (rule.includes('@')) {
    const problem = mailboxProblem(rule);
    if (problem) {
      throw new Error(
        `Access rule "${rule}" is not a single well-formed email address: ${problem}; ${RULE_EXAMPLES}`,
      );
    }
    return { email: rule.toLowerCase() };
  }
  const problem = domainProblem(rule);
  if (problem) {
    throw new Error(
      `Access rule "${rule}" is not a valid domain rule: ${problem}; ${RULE_EXAMPLES}`,
    );
  }
  return { domain: rule.toLowerCase() };
}
