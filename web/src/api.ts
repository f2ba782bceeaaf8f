// Talks to the Prometheus HTTP API v1 relative to the page's <base href>, so a route prefix needs no code here.

export interface ApiSuccess<T> {
  status: 'success';
  data: T;
  warnings?: string[];
  infos?: string[];
}

export interface ApiError {
  status: 'error';
  errorType: string;
  error: string;
}

/** An API call that failed: the server's errorType and error text, or the HTTP status when the body was not JSON. */
export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly errorType: string,
    readonly httpStatus: number,
  ) {
    super(message);
  }
}

/** The page's path prefix without a trailing slash ("" at the root), taken from <base href>. */
export function pathPrefix(): string {
  return new URL(document.baseURI).pathname.replace(/\/$/, '');
}

/** Calls `api/v1/<path>` and returns the whole success envelope (data and warnings). */
export async function apiCall<T>(
  path: string,
  params?: URLSearchParams,
  signal?: AbortSignal,
  fastParse?: (text: string) => ApiSuccess<T> | null,
): Promise<ApiSuccess<T>> {
  const url = `api/v1/${path}${params ? `?${params.toString()}` : ''}`;
  let response: Response;
  try {
    // Long queries go as POST form bodies so the URL length limit does not apply (upstream does the same).
    response =
      params && params.toString().length > 1500
        ? await fetch(`api/v1/${path}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: params,
            signal,
          })
        : await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiCallError(`cannot reach the server: ${(e as Error).message}`, 'network', 0);
  }
  const text = await response.text();
  performance.mark('pharos:response-read');
  let body: ApiSuccess<T> | ApiError;
  try {
    body = (response.ok && fastParse?.(text)) || JSON.parse(text);
    performance.mark('pharos:response-parsed');
  } catch {
    throw new ApiCallError(
      `the server answered HTTP ${response.status} ${response.statusText} with a body that is not JSON: ${text.slice(0, 200)}`,
      'bad_response',
      response.status,
    );
  }
  if (body.status !== 'success') {
    const err = body as ApiError;
    throw new ApiCallError(err.error ?? `HTTP ${response.status}`, err.errorType ?? 'unknown', response.status);
  }
  return body;
}

/** Calls `api/v1/<path>` and returns only its data. */
export async function apiData<T>(path: string, params?: URLSearchParams, signal?: AbortSignal): Promise<T> {
  return (await apiCall<T>(path, params, signal)).data;
}

export type Labels = Record<string, string>;
export type SamplePair = [number, string];

export interface InstantSeries {
  metric: Labels;
  value?: SamplePair;
  histogram?: [number, unknown];
}
export interface RangeSeries {
  metric: Labels;
  values?: SamplePair[];
  histograms?: [number, unknown][];
  /** Sample times in seconds and float values, when the fast matrix reader parsed the answer instead of `values`. */
  times?: Float64Array;
  floats?: Float64Array;
}

export type QueryResult =
  | { resultType: 'vector'; result: InstantSeries[] }
  | { resultType: 'matrix'; result: RangeSeries[] }
  | { resultType: 'scalar'; result: SamplePair }
  | { resultType: 'string'; result: SamplePair };

export interface Target {
  discoveredLabels: Labels;
  labels: Labels;
  scrapePool: string;
  scrapeUrl: string;
  globalUrl: string;
  lastError: string;
  lastScrape: string;
  lastScrapeDuration: number;
  health: 'up' | 'down' | 'unknown';
  scrapeInterval: string;
  scrapeTimeout: string;
}
export interface DroppedTarget {
  discoveredLabels: Labels;
  scrapePool?: string;
}
export interface TargetsData {
  activeTargets: Target[];
  droppedTargets: DroppedTarget[];
  droppedTargetCounts?: Record<string, number>;
}

export interface Alert {
  labels: Labels;
  annotations: Labels;
  state: 'inactive' | 'pending' | 'firing';
  activeAt?: string;
  value: string;
  keepFiringSince?: string;
}
export interface Rule {
  name: string;
  query: string;
  labels?: Labels;
  health: string;
  lastError?: string;
  evaluationTime: number;
  lastEvaluation: string;
  type: 'alerting' | 'recording';
  // Alerting rules only.
  duration?: number;
  keepFiringFor?: number;
  annotations?: Labels;
  alerts?: Alert[];
  state?: 'inactive' | 'pending' | 'firing';
}
export interface RuleGroup {
  name: string;
  file: string;
  rules: Rule[];
  interval: number;
  limit?: number;
  evaluationTime: number;
  lastEvaluation: string;
}
