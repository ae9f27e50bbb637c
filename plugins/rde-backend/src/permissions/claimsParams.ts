/** Parameters of rules that match entity refs: `{ claims: string[] }`. */
export type ClaimsParams = { claims: string[] };

const JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    claims: {
      type: 'array',
      items: { type: 'string' },
      description: 'Entity refs, one of which must be the workspace owner',
    },
  },
  required: ['claims'],
  additionalProperties: false,
};

function isClaimsParams(value: unknown): value is ClaimsParams {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return false;
  }
  const keys = Object.keys(value);
  const claims = (value as { claims?: unknown }).claims;
  return (
    keys.length === 1 &&
    keys[0] === 'claims' &&
    Array.isArray(claims) &&
    claims.every(claim => typeof claim === 'string')
  );
}

/**
 * A Standard Schema (with Standard JSON Schema conversion) for {@link ClaimsParams}, the form
 * `createPermissionRule` asks for now that zod v3 schemas are deprecated there. Hand-written
 * because the repository's zod (3.25) cannot produce Standard JSON Schema.
 */
export const claimsParamsSchema = {
  '~standard': {
    version: 1 as const,
    vendor: 'rde',
    validate: (value: unknown) =>
      isClaimsParams(value)
        ? { value: { claims: [...value.claims] } }
        : {
            issues: [
              { message: 'Expected { claims: string[] } (entity refs)' },
            ],
          },
    jsonSchema: {
      input: () => JSON_SCHEMA,
      output: () => JSON_SCHEMA,
    },
    types: undefined as unknown as {
      input: ClaimsParams;
      output: ClaimsParams;
    },
  },
};
