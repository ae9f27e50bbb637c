import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * State of {@link usePolledValue}.
 *
 * @public
 */
export interface PolledValue<T> {
  /** The last value loaded, kept while a later refresh fails. */
  value?: T;
  /** The error of the last load, cleared by the next successful one. */
  error?: Error;
  /** True until the first load settles. */
  loading: boolean;
  /** Loads again now. */
  refresh(): Promise<void>;
  /** Replaces the value, e.g. with a server response, without loading. */
  setValue(update: (current: T | undefined) => T | undefined): void;
}

/**
 * Loads a value once and then again every `intervalMs` while `shouldPoll(value)` holds. Never
 * runs two loads of the same `load` at once; when `load` changes (e.g. new filters) it loads
 * again at once and drops the answer of the older one still in flight. Ignores results that
 * arrive after unmount.
 *
 * @public
 */
export function usePolledValue<T>(
  load: () => Promise<T>,
  shouldPoll: (value: T) => boolean,
  intervalMs: number,
): PolledValue<T> {
  const [state, setState] = useState<{
    value?: T;
    error?: Error;
    loading: boolean;
  }>({ loading: true });
  const mounted = useRef(true);
  const inFlight = useRef<
    { load: () => Promise<T>; run: Promise<void>; seq: number } | undefined
  >(undefined);
  const latest = useRef(0);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const refresh = useCallback((): Promise<void> => {
    if (inFlight.current && inFlight.current.load === load) {
      return inFlight.current.run;
    }
    latest.current += 1;
    const seq = latest.current;
    const current = () => mounted.current && seq === latest.current;
    const run = (async () => {
      try {
        const value = await load();
        if (current()) {
          setState({ value, loading: false });
        }
      } catch (error) {
        if (current()) {
          setState(s => ({
            value: s.value,
            error: error instanceof Error ? error : new Error(String(error)),
            loading: false,
          }));
        }
      } finally {
        if (inFlight.current?.seq === seq) {
          inFlight.current = undefined;
        }
      }
    })();
    inFlight.current = { load, run, seq };
    return run;
  }, [load]);

  useEffect(() => {
    refresh();
  }, [refresh]);

  const polling = state.value !== undefined && shouldPoll(state.value);
  useEffect(() => {
    if (!polling) {
      return undefined;
    }
    const timer = setInterval(() => {
      refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [polling, refresh, intervalMs]);

  const setValue = useCallback(
    (update: (current: T | undefined) => T | undefined) => {
      setState(s => ({ ...s, value: update(s.value) }));
    },
    [],
  );

  return { ...state, refresh, setValue };
}
