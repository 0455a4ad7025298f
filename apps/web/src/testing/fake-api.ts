import { jest } from '@jest/globals';

/** A request the component sent, as the API would receive it. */
export interface SentRequest {
  method: string;
  /** The path after `/api`, without the query string, e.g. `/users/invitations`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

/** What the fake API answers: a status (200 unless given) and a JSON body. */
export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Answer = Reply | ((request: SentRequest) => Reply | Promise<Reply>);

interface Route {
  method: string;
  path: string | RegExp;
  answer: Answer;
}

/**
 * A problem the API answers for input it refuses (RFC 9457, as libs/contracts describes it), naming the
 * fields at fault; the screens must show each message next to its input.
 */
export function fieldProblem(errors: { field: string; message: string }[], status = 400): Reply {
  return problem(status, { title: 'Bad Request', errors });
}

/** Any other problem the API answers, e.g. `problem(409, { currentVersion: 4 })`. */
export function problem(status: number, extra: Record<string, unknown> = {}): Reply {
  return {
    status,
    body: { type: 'about:blank', title: 'Error', status, ...extra },
    headers: { 'content-type': 'application/problem+json' },
  };
}

/**
 * A reply the fake API keeps back until the test calls `release()`, so the test can look at the screen while
 * the request is on its way (the submit button busy, nothing sent twice).
 */
export function heldReply(reply: Reply) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    answer: async (): Promise<Reply> => {
      await released;
      return reply;
    },
    release: () => release(),
  };
}

/**
 * Replaces `fetch`, the boundary between the screens and the API, so the real `*-api.ts` code runs: a test
 * says what each route answers and reads back what was sent. A request no route answers gets a 404 and is
 * listed in `unanswered`, so a test that expects none can say so.
 */
export function fakeApi() {
  const routes: Route[] = [];
  const requests: SentRequest[] = [];
  const unanswered: string[] = [];

  const fetchStub = jest.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://haven.test');
    const request: SentRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: url.pathname.replace(/^\/api/, ''),
      query: url.searchParams,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
      headers: { ...(init.headers as Record<string, string> | undefined) },
    };
    requests.push(request);
    // The latest registration wins, so a test can change one answer after a shared set-up.
    const route = [...routes]
      .reverse()
      .find((candidate) => candidate.method === request.method && matches(candidate.path, request.path));
    if (!route) unanswered.push(`${request.method} ${request.path}`);
    const reply = route
      ? await (typeof route.answer === 'function' ? route.answer(request) : route.answer)
      : problem(404);
    return fakeResponse(reply);
  });
  globalThis.fetch = fetchStub as unknown as typeof fetch;

  return {
    /**
     * Answers `method path` (a path after `/api`, or a pattern) with a reply, or with what a function makes of the
     * request (at once or later: see `heldReply`).
     */
    on(method: string, path: string | RegExp, answer: Answer) {
      routes.push({ method: method.toUpperCase(), path, answer });
      return this;
    },
    /** Every request sent so far to `method path`, oldest first. */
    sent(method: string, path: string | RegExp): SentRequest[] {
      return requests.filter((request) => request.method === method.toUpperCase() && matches(path, request.path));
    },
    requests,
    unanswered,
  };
}

export type FakeApi = ReturnType<typeof fakeApi>;

function matches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

function fakeResponse({ status = 200, body, headers = {} }: Reply): Response {
  const allHeaders = new Map(
    Object.entries({ ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }).map(
      ([name, value]) => [name.toLowerCase(), value],
    ),
  );
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    status,
    ok: status >= 200 && status < 300,
    statusText: '',
    headers: { get: (name: string) => allHeaders.get(name.toLowerCase()) ?? null },
    json: async () => JSON.parse(text),
    text: async () => text,
    blob: async () => new Blob([text]),
  } as unknown as Response;
}
