import { createHash, randomBytes } from 'node:crypto';

/** Prefix of generated agent tokens; makes them recognisable to secret scanners. */
export const AGENT_TOKEN_PREFIX = 'rdeat_';

/** Longest plaintext token `verify` will hash, in characters. */
export const MAX_AGENT_TOKEN_LENGTH = 1024;

/** Lower-case hex SHA-256 of a plaintext token (64 characters). */
export function hashAgentToken(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}

/**
 * A new plaintext agent token: {@link AGENT_TOKEN_PREFIX} + 32 random bytes (256 bits) from
 * `randomBytes`, base64url (43 characters).
 */
export function generateAgentToken(): string {
  return `${AGENT_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}
