import { useCallback, useEffect, useState } from 'react';
import { apiData } from './api';

export interface Loaded<T> {
  data?: T;
  error?: string;
  loading: boolean;
  reload: () => void;
}

/** Loads `api/v1/<path>` once on mount (and on reload()), keeping the previous data while reloading. */
export function useApi<T>(path: string, params?: string): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    apiData<T>(path, params ? new URLSearchParams(params) : undefined, abort.signal)
      .then((data) => setState({ data, loading: false }))
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setState({ error: e.message, loading: false });
      });
    return () => abort.abort();
  }, [path, params, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
