import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { buildOpenApiDocument, operationIdOf } from './openapi.js';
import type { RouteEntry } from './route-table.js';

const route = (overrides: Partial<RouteEntry>): RouteEntry => ({
  method: 'GET',
  path: '/api/things/:id',
  controller: 'ThingsController',
  handler: 'get',
  isPublic: false,
  access: { action: 'read', subject: 'Case' },
  contract: undefined,
  ...overrides,
});

type Schema = Record<string, unknown>;
const responseSchema = (document: Schema, path: string): Schema =>
  (
    document as {
      paths: Record<string, { get: { responses: { 200: { content: { 'application/json': { schema: Schema } } } } } }>;
    }
  ).paths[path].get.responses[200].content['application/json'].schema;

describe('OpenAPI document', () => {
  it('names an operation after its controller and handler', () => {
    expect(operationIdOf({ controller: 'CasesController', handler: 'register' })).toBe('casesRegister');
    expect(operationIdOf({ controller: 'CaseReferralsController', handler: 'withdraw' })).toBe('caseReferralsWithdraw');
  });

  it('writes a nullable union so that OpenAPI 3.0 lets each alternative be null', () => {
    const basis = z.union([
      z.object({ of: z.literal('grandTotal') }),
      z.object({ of: z.literal('dimensionTotal'), dimension: z.string() }),
    ]);
    const single = z.discriminatedUnion('of', [z.object({ of: z.literal('a') }), z.object({ of: z.literal('b') })]);
    const response = z.object({
      percentages: basis.nullable(),
      single: single.nullable(),
      plain: z.string().nullable(),
    });
    const document = buildOpenApiDocument([route({ contract: { summary: 'A thing', response } })], '1.0.0');
    const properties = responseSchema(document, '/api/things/{id}').properties as Record<string, Schema>;

    for (const property of Object.values(properties))
      expect(property.nullable === undefined || 'type' in property).toBe(true);
    expect(properties.percentages.anyOf).toEqual([
      expect.objectContaining({ type: 'object', nullable: true }),
      expect.objectContaining({ type: 'object', nullable: true }),
    ]);
    // With oneOf exactly one alternative may accept null, or null would match two.
    expect((properties.single.oneOf as Schema[]).map((alternative) => alternative.nullable === true)).toEqual([
      true,
      false,
    ]);
    expect(properties.plain).toEqual({ type: 'string', nullable: true });
  });

  it('refers every error answer to the one problem document', () => {
    const document = buildOpenApiDocument(
      [route({}), route({ method: 'POST', path: '/api/things', handler: 'create' })],
      '1.0.0',
    ) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { responses: Record<string, { content: Record<string, { schema: unknown }> }> };
    };
    expect(document.paths['/api/things/{id}'].get.responses['404']).toEqual({
      $ref: '#/components/responses/NotFound',
    });
    expect(document.paths['/api/things'].post.responses['404']).toBeUndefined();
    for (const response of Object.values(document.components.responses)) {
      expect(response.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    }
  });
});
