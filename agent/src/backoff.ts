/**
 * Reconnect delays: exponential with jitter, DESIGN §4 (≈1 s × 1.6 per attempt, ±20 %, capped at
 * 2 min), as gRPC's connection-backoff spec recommends.
 */
export interface BackoffOptions {
  /** First delay, ms. Default 1 000. */
  initialMs?: number;
  /** Growth per attempt. Default 1.6. */
  multiplier?: number;
  /** Relative jitter, 0–1. Default 0.2. */
  jitter?: number;
  /** Largest delay, ms. Default 120 000. */
  maxMs?: number;
  /** Source of randomness in [0, 1); injectable for tests. */
  random?: () => number;
}

/** Successive reconnect delays; {@link reset} after a connection that worked. */
export class Backoff {
  private attempt = 0;
  private readonly options: Required<BackoffOptions>;

  constructor(options: BackoffOptions = {}) {
    this.options = {
      initialMs: options.initialMs ?? 1000,
      multiplier: options.multiplier ?? 1.6,
      jitter: options.jitter ?? 0.2,
      maxMs: options.maxMs ?? 120_000,
      random: options.random ?? Math.random,
    };
  }

  /** The delay before the next attempt, ms. */
  next(): number {
    const { initialMs, multiplier, jitter, maxMs, random } = this.options;
    const base = Math.min(initialMs * multiplier ** this.attempt, maxMs);
    this.attempt++;
    const jittered = base * (1 + jitter * (2 * random() - 1));
    return Math.round(Math.min(jittered, maxMs));
  }

  /** Starts over from the initial delay. */
  reset(): void {
    this.attempt = 0;
  }
}
