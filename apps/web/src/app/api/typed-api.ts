import { apiRequest } from '../api-client';
import type { paths } from './schema';

/**
 * Requests typed by the OpenAPI document the API serves: `schema.d.ts` is generated from it (openapi-typescript;
 * `npm test` fails when it drifts from the document), so a path, its parameters, body and answer are checked
 * against the API's routes at compile time. Sending goes through `apiRequest` (api-client.ts), so credentials,
 * the CSRF header and error handling stay as they are. Paths are written without the `/api` prefix, as there.
 */
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type ApiPath = keyof paths extends infer P ? (P extends `/api${infer Rest}` ? Rest : never) : never;
type OperationOf<P extends ApiPath, M extends Method> = NonNullable<paths[`/api${P}`][M]>;
export type PathsWith<M extends Method> = {
  [P in ApiPath]: paths[`/api${P}`][M] extends undefined ? never : P;
}[ApiPath];

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : undefined;
// A route that answers 204 (nothing to say) resolves to void, as `apiRequest` does for it.
type SuccessOf<R> = 200 extends keyof R
  ? Json<R[200]>
  : 201 extends keyof R
    ? Json<R[201]>
    : 204 extends keyof R
      ? void
      : undefined;
export type ApiAnswer<P extends ApiPath, M extends Method> = SuccessOf<
  OperationOf<P, M> extends { responses: infer R } ? R : never
>;

type ParametersOf<O> = O extends { parameters: infer Parameters } ? Parameters : never;
type PathParameters<O> = ParametersOf<O> extends { path: infer Path } ? Path : never;
type QueryParameters<O> = ParametersOf<O> extends { query?: infer Query } ? Query : never;
type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer Body } } } ? Body : never;

/**
 * `handleUnauthorized: false` is for the routes whose 401 is an ordinary answer (wrong credentials, nobody signed
 * in, a one-time link): the caller handles it instead of being sent to the sign-in page (see api-client.ts).
 */
type RequestOf<O> = { signal?: AbortSignal; handleUnauthorized?: false; background?: true } & ([
  PathParameters<O>,
] extends [never]
  ? { params?: never }
  : { params: PathParameters<O> }) &
  ([QueryParameters<O>] extends [never] ? { query?: never } : { query?: QueryParameters<O> }) &
  ([BodyOf<O>] extends [never] ? { body?: never } : { body: BodyOf<O> });

function fill(path: string, params: Record<string, string | number> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
}

export function typedApi<M extends Method, P extends PathsWith<M>>(
  method: M,
  path: P,
  request: RequestOf<OperationOf<P, M>>,
): Promise<ApiAnswer<P, M>> {
  const { params, query, body, signal, handleUnauthorized, background } = request as {
    params?: Record<string, string | number>;
    query?: Record<string, string | number | readonly string[] | null>;
    body?: unknown;
    signal?: AbortSignal;
    handleUnauthorized?: false;
    background?: true;
  };
  return apiRequest<ApiAnswer<P, M>>(fill(path, params), {
    method: method.toUpperCase() as Uppercase<Method>,
    query,
    body,
    signal,
    handleUnauthorized,
    background,
  });
}
