import type { Config } from '@backstage/config';

/**
 * The origins a browser may open the terminal WebSocket from: `rde.terminal.allowedOrigins`, or
 * when absent the origin of `app.baseUrl`. Each is normalised to `scheme://host[:port]` as the
 * browser sends it in `Origin` (lower-case host, no default port, no path).
 *
 * @returns an empty list when neither is configured (then every origin is refused).
 * @throws Error naming the key when an entry is not an absolute URL.
 */
export function readTerminalAllowedOrigins(config: Config): string[] {
  const configured = config.getOptionalStringArray(
    'rde.terminal.allowedOrigins',
  );
  if (configured) {
    return configured.map(value =>
      toOrigin(value, 'rde.terminal.allowedOrigins'),
    );
  }
  const baseUrl = config.getOptionalString('app.baseUrl');
  return baseUrl ? [toOrigin(baseUrl, 'app.baseUrl')] : [];
}

/**
 * Whether an `Origin` header value is one of `allowedOrigins` (as returned by
 * {@link readTerminalAllowedOrigins}). A missing header, `null` (opaque origins) or a value that is
 * not a URL is never allowed.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (!origin || origin === 'null') {
    return false;
  }
  let normalized: string;
  try {
    normalized = new URL(origin).origin;
  } catch {
    return false;
  }
  return allowedOrigins.includes(normalized);
}

function toOrigin(value: string, key: string): string {
  let origin: string;
  try {
    origin = new URL(value).origin;
  } catch {
    throw new Error(
      `Invalid ${key} entry '${value}': expected an absolute URL such as https://backstage.example.com`,
    );
  }
  if (origin === 'null') {
    throw new Error(
      `Invalid ${key} entry '${value}': expected an http(s) URL such as https://backstage.example.com`,
    );
  }
  return origin;
}
