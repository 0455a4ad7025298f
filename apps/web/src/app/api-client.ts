import type { BACKGROUND_HEADER, CSRF_HEADER, Problem, ReturnBlocker } from '@haven/contracts';

// Spelled out rather than imported so the first screen does not pull the contract schemas (and zod) in;
// the type annotation still fails the build if the contract ever renames the header.
const CSRF_HEADER_NAME: typeof CSRF_HEADER = 'x-csrf-token';
const BACKGROUND_HEADER_NAME: typeof BACKGROUND_HEADER = 'x-haven-background';

/**
 * A problem as the API sends it; a 409 for a stale version also says which version (and state) the record is at
 * now, a refused step toward return lists its blockers and, for the sender, the case to review, and some carry a
 * machine-readable `code` (e.g. why a one-time link cannot be used).
 */
export type ApiProblem = Problem & {
  currentVersion?: number;
  currentStatus?: string;
  reasons?: string[];
  blockers?: ReturnBlocker[];
  reviewCaseId?: string;
  code?: string;
  /** A placement refused because this bed was taken meanwhile. */
  bedId?: string;
};

/** An error answered by the API, carrying its RFC 9457 problem so screens can react to the status and field errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ApiProblem;

  constructor(problem: ApiProblem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** Set only when someone else changed the record first (409 with the version it is at now). */
  get currentVersion(): number | undefined {
    return this.problem.currentVersion;
  }

  fieldErrors(): { field: string; message: string }[] {
    return this.problem.errors ?? [];
  }
}

export function isApiError(error: unknown, ...statuses: number[]): error is ApiError {
  return error instanceof ApiError && (statuses.length === 0 || statuses.includes(error.status));
}

/**
 * A write based on a version someone else has already replaced. Other 409s (a closed case, a plan waiting for
 * approval) carry no version: reloading shows the new state, but there is no competing edit to look at.
 */
export function isVersionConflict(error: unknown): error is ApiError {
  return isApiError(error, 409) && error.currentVersion !== undefined;
}

// Held in memory only: the token comes with the session (login or /me) and dies with the tab.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {
  window.location.assign('/sign-in');
};

/** The app replaces the default full reload with a client-side redirect once the router exists. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A list goes as the key repeated (`ids=a&ids=b`), as the OpenAPI document describes list parameters. */
  query?: Record<string, string | number | readonly string[] | undefined | null>;
  signal?: AbortSignal;
  /**
   * Sign-in answers 401 for wrong credentials and /me answers 401 when nobody is signed in;
   * those callers handle it themselves instead of being sent back to the sign-in page.
   */
  handleUnauthorized?: boolean;
  /**
   * A request nobody asked for (the bell's minute check): it is not use, so it neither moves the server's idle clock
   * (`x-haven-background`) nor this tab's idea of when it was last used.
   */
  background?: boolean;
}

// When the signed-in person last used the app, as the server's idle clock counts use: her last request that was not
// made in the background. The idle warning reads it (modules/auth/components/idle-warning.tsx).
let lastUse = Date.now();
const useListeners = new Set<() => void>();

export function lastUseAt(): number {
  return lastUse;
}

/** Calls `listener` after every request that counts as use; answers the way to stop. */
export function onUse(listener: () => void): () => void {
  useListeners.add(listener);
  return () => useListeners.delete(listener);
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

/** A file the API answers to a request (e.g. an export made from a POSTed password), with the name it suggests. */
export async function apiDownload(
  path: string,
  options: RequestOptions = {},
): Promise<{ blob: Blob; fileName: string | null }> {
  const response = await send(path, options);
  const disposition = response.headers.get('content-disposition') ?? '';
  return { blob: await response.blob(), fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null };
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE_METHODS.has(method) && csrfToken) headers[CSRF_HEADER_NAME] = csrfToken;
  if (options.background) headers[BACKGROUND_HEADER_NAME] = 'true';

  let response: Response;
  try {
    response = await fetch(`/api${path}${toQueryString(options.query)}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    // No answer at all (offline, server down): status 0 lets screens show "try again" instead of a crash.
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0 });
  }

  // The server counted it as use when it answered as a session's request (a 401 means there was none).
  if (!options.background && response.status !== 401) {
    lastUse = Date.now();
    useListeners.forEach((listener) => listener());
  }

  if (response.status === 401 && options.handleUnauthorized !== false) {
    onUnauthorized();
  }

  if (!response.ok) {
    throw new ApiError(await readProblem(response));
  }
  return response;
}

function toQueryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readProblem(response: Response): Promise<ApiProblem> {
  const fallback: ApiProblem = { type: 'about:blank', title: response.statusText || 'Error', status: response.status };
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && 'title' in body) {
      const problem = body as Partial<ApiProblem>;
      return {
        type: typeof problem.type === 'string' ? problem.type : fallback.type,
        title: typeof problem.title === 'string' ? problem.title : fallback.title,
        status: typeof problem.status === 'number' ? problem.status : response.status,
        detail: typeof problem.detail === 'string' ? problem.detail : undefined,
        errors: Array.isArray(problem.errors) ? problem.errors : undefined,
        currentVersion: typeof problem.currentVersion === 'number' ? problem.currentVersion : undefined,
        // A machine-readable reason, e.g. why a one-time link cannot be used.
        code: typeof problem.code === 'string' ? problem.code : undefined,
        // Why a return is blocked (return safety): the screens list them so the user knows what to resolve.
        reasons: Array.isArray(problem.reasons)
          ? problem.reasons.filter((reason) => typeof reason === 'string')
          : undefined,
        blockers: Array.isArray(problem.blockers)
          ? problem.blockers.filter(
              (blocker) => typeof blocker === 'object' && blocker !== null && typeof blocker.code === 'string',
            )
          : undefined,
        reviewCaseId: typeof problem.reviewCaseId === 'string' ? problem.reviewCaseId : undefined,
        // A placement that lost a race for a bed: which bed.
        bedId: typeof problem.bedId === 'string' ? problem.bedId : undefined,
        // A request that lost a race: the state the record is in now.
        currentStatus: typeof problem.currentStatus === 'string' ? problem.currentStatus : undefined,
      };
    }
  } catch {
    // A proxy or crash page that is not JSON: the status alone is enough for the screens.
  }
  return fallback;
}

/** An upload in progress: its answer, and a way to stop it. */
export interface UploadInProgress<T> {
  done: Promise<T>;
  abort: () => void;
}

/**
 * Sends a form with a file (multipart/form-data) and reports how much of it has left, which `fetch` cannot:
 * XMLHttpRequest's upload progress. Credentials, the CSRF header and problems are handled as for `apiRequest`;
 * a dropped connection is status 0, so the screen can offer to try again.
 */
export function apiUpload<T>(
  path: string,
  form: FormData,
  onProgress: (sent: number, total: number) => void,
): UploadInProgress<T> {
  const request = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    request.open('POST', `/api${path}`);
    request.withCredentials = true;
    request.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (csrfToken) request.setRequestHeader(CSRF_HEADER_NAME, csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    request.onload = () => {
      const body = parseJson(request.responseText);
      if (request.status === 401) onUnauthorized();
      if (request.status >= 200 && request.status < 300) resolve(body as T);
      else {
        const problem = body && typeof body === 'object' && 'title' in body ? (body as ApiProblem) : undefined;
        reject(
          new ApiError({
            type: problem?.type ?? 'about:blank',
            title: problem?.title ?? (request.statusText || 'Error'),
            status: request.status,
            detail: typeof problem?.detail === 'string' ? problem.detail : undefined,
            errors: Array.isArray(problem?.errors) ? problem.errors : undefined,
          }),
        );
      }
    };
    request.onerror = () => reject(new ApiError({ type: 'about:blank', title: 'Network error', status: 0 }));
    request.onabort = () => reject(new DOMException('The upload was stopped', 'AbortError'));
    request.send(form);
  });
  return { done, abort: () => request.abort() };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
