import { z } from 'zod';
import { CSRF_HEADER, problemSchema, SESSION_COOKIE } from '@haven/contracts';
import type { RouteEntry } from './route-table.js';

type JsonSchema = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(type, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as JsonSchema;
}

function queryParameters(query: z.ZodType | undefined): JsonSchema[] {
  if (!query) return [];
  const schema = schemaOf(query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}

/** OpenAPI 3.0 document generated from the route table and the zod contracts. */
export function buildOpenApiDocument(routes: RouteEntry[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const problem = { 'application/problem+json': { schema: schemaOf(problemSchema, 'output') } };
  for (const route of routes) {
    const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
    const pathParameters = [...route.path.matchAll(/:(\w+)/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string', format: match[1] === 'id' ? 'uuid' : undefined },
    }));
    const contract = route.contract;
    const successStatus = String(contract?.status ?? (route.method === 'POST' ? 201 : 200));
    paths[openApiPath] ??= {};
    paths[openApiPath][route.method.toLowerCase()] = {
      summary: contract?.summary ?? `${route.controller}.${route.handler}`,
      tags: [route.controller.replace(/Controller$/, '')],
      ...(route.isPublic ? { security: [] } : {}),
      'x-permission': route.access ? `${route.access.action} ${route.access.subject}` : 'public',
      parameters: [...pathParameters, ...queryParameters(contract?.query)],
      ...(contract?.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(contract.body, 'input') } } } } : {}),
      responses: {
        [successStatus]: contract?.response
          ? { description: 'Success', content: { 'application/json': { schema: schemaOf(contract.response, 'output') } } }
          : { description: 'Success' },
        '400': { description: 'Invalid input, with one entry per field', content: problem },
        '401': { description: 'Not signed in', content: problem },
        '403': { description: 'Not allowed for this role, or missing CSRF token', content: problem },
        ...(pathParameters.length ? { '404': { description: 'Absent or outside your scope', content: problem } } : {}),
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Haven API',
      version,
      description: `Session cookie \`${SESSION_COOKIE}\` from POST /api/auth/login; send the \`${CSRF_HEADER}\` header (csrfToken from the login or /api/auth/me response) on every state-changing request.`,
    },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER } },
    },
    security: [{ session: [], csrf: [] }],
    paths,
  };
}
