import { z } from 'zod';
import { CSRF_HEADER, problemSchema, SESSION_COOKIE } from '@haven/contracts';
import type { RouteEntry } from './route-table.js';

type JsonSchema = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return withTypedNullables(
    z.toJSONSchema(type, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as JsonSchema,
  ) as JsonSchema;
}

/**
 * OpenAPI 3.0 only honours `nullable` next to a `type`, but zod writes a nullable union as
 * `{ nullable: true, anyOf: [...] }`. Moving the flag onto each alternative (the first only,
 * for `oneOf`, where exactly one may match) says the same thing in a form the standard and
 * client generators understand.
 */
function withTypedNullables(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withTypedNullables);
  if (!node || typeof node !== 'object') return node;
  const schema = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, withTypedNullables(value)]),
  ) as JsonSchema;
  if (schema.nullable !== true || 'type' in schema) return schema;
  const { nullable: _nullable, ...rest } = schema;
  if (Array.isArray(rest.anyOf))
    return { ...rest, anyOf: (rest.anyOf as JsonSchema[]).map((member) => ({ ...member, nullable: true })) };
  if (Array.isArray(rest.oneOf)) {
    const [first, ...others] = rest.oneOf as JsonSchema[];
    return { ...rest, oneOf: [{ ...first, nullable: true }, ...others] };
  }
  return schema;
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

/**
 * The operation's name for client generators: controller and handler, e.g.
 * `CasesController.register` → `casesRegister`. Both are code names that change only with the
 * code that serves the route, so the name is as stable as the route itself; the route-table
 * suite checks every route has one and no two share it.
 */
export function operationIdOf(route: Pick<RouteEntry, 'controller' | 'handler'>): string {
  const resource = route.controller.replace(/Controller$/, '');
  return `${resource.charAt(0).toLowerCase()}${resource.slice(1)}${route.handler.charAt(0).toUpperCase()}${route.handler.slice(1)}`;
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The error answers every operation shares, written once in `components.responses`. */
const ERROR_RESPONSES = {
  InvalidInput: problemResponse('Invalid input: `errors` has one entry per field, with the reason'),
  NotSignedIn: problemResponse('Not signed in, or the session has ended'),
  Forbidden: problemResponse('Not allowed for this role, or the CSRF header is missing or wrong'),
  NotFound: problemResponse('Absent, or outside your scope (the two are not told apart)'),
  Problem: problemResponse(
    'Any other failure: e.g. 409 for a stale version or a conflicting state, 429 after too many attempts, 503 while the database is unreachable',
  ),
};

const errorResponse = (name: keyof typeof ERROR_RESPONSES) => ({ $ref: `#/components/responses/${name}` });

/** An upload's form: its fields, then the file itself as a binary part named `file`. */
function uploadSchemaOf(fields: z.ZodType): JsonSchema {
  const schema = schemaOf(fields, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return {
    ...schema,
    properties: { ...schema.properties, file: { type: 'string', format: 'binary' } },
    required: [...(schema.required ?? []), 'file'],
  };
}

/** OpenAPI 3.0 document generated from the route table and the zod contracts. */
export function buildOpenApiDocument(routes: RouteEntry[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
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
      operationId: operationIdOf(route),
      summary: contract?.summary ?? `${route.controller}.${route.handler}`,
      tags: [route.controller.replace(/Controller$/, '')],
      ...(route.isPublic ? { security: [] } : {}),
      'x-permission': route.access ? `${route.access.action} ${route.access.subject}` : 'public',
      parameters: [...pathParameters, ...queryParameters(contract?.query)],
      ...(contract?.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(contract.body, 'input') } },
            },
          }
        : {}),
      ...(contract?.upload
        ? {
            requestBody: {
              required: true,
              content: { 'multipart/form-data': { schema: uploadSchemaOf(contract.upload) } },
            },
          }
        : {}),
      responses: {
        [successStatus]: contract?.response
          ? {
              description: 'Success',
              content: { 'application/json': { schema: schemaOf(contract.response, 'output') } },
            }
          : { description: 'Success' },
        '400': errorResponse('InvalidInput'),
        '401': errorResponse('NotSignedIn'),
        '403': errorResponse('Forbidden'),
        ...(pathParameters.length ? { '404': errorResponse('NotFound') } : {}),
        default: errorResponse('Problem'),
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Haven API',
      version,
      description: `Session cookie \`${SESSION_COOKIE}\` from POST /api/auth/login; send the \`${CSRF_HEADER}\` header (csrfToken from the login or /api/auth/me response) on every state-changing request. Every error is an RFC 9457 problem document (\`application/problem+json\`, schema \`Problem\`).`,
      license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
    },
    // Paths carry the /api prefix, so the server is the origin the document was fetched from.
    servers: [{ url: '/', description: 'The Haven server that serves this document' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
      },
      schemas: {
        Problem: {
          ...schemaOf(problemSchema, 'output'),
          description:
            'RFC 9457 problem details. `type` is a stable URN per kind of failure, `title` its short name, `detail` the reason in words, `errors` one entry per invalid field. Some answers add members, e.g. `code` ("two-factor-enrolment-required").',
          // RFC 9457 lets a problem carry extension members.
          additionalProperties: true,
        },
      },
      responses: ERROR_RESPONSES,
    },
    security: [{ session: [], csrf: [] }],
    paths,
  };
}
