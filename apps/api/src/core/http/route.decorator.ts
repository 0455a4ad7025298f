import {
  applyDecorators,
  createParamDecorator,
  Delete,
  type ExecutionContext,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  SetMetadata,
} from '@nestjs/common';
import type { Action, SubjectName } from '@haven/access';
import type { Request } from 'express';
import type { z } from 'zod';
import { PUBLIC_ROUTE, REQUIRED_ACCESS, type RequiredAccess } from '../access/access.decorators.js';
import { validInput } from '../errors/input-validation.js';

export const API_CONTRACT = 'haven:api-contract';
const READS_INPUT = 'haven:reads-input';

/** What a route takes and answers, for validation, the OpenAPI document and the route-table tests. */
export interface ApiContractSpec {
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** A multipart/form-data upload: the fields before the file part, which the feature reads as a stream. */
  upload?: z.ZodType;
  response?: z.ZodType;
  /** The success status when it is not Nest's default (201 for POST, 200 otherwise). */
  status?: number;
}

const METHODS = { GET: Get, POST: Post, PATCH: Patch, PUT: Put, DELETE: Delete };

export interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, G extends boolean> {
  method: keyof typeof METHODS;
  /** Under the controller's path; none for the controller's own path. */
  path?: string;
  /**
   * The permission a caller's role needs, checked by the default-deny guard before anything else;
   * `'public'` opts the route out of sign-in and permission checks (only sign-in, activation,
   * health and the API's own description; a test keeps that list).
   */
  permission: readonly [Action, SubjectName] | 'public';
  summary: string;
  /** Validated when the handler reads it with `@Body()`; also the request body in the OpenAPI document. */
  body?: B;
  /** A guard validates and reads the body before the handler runs (sign-in: Passport reads the credentials). */
  bodyReadByGuard?: G;
  /** Validated when the handler reads it with `@Query()`; also the query parameters in the OpenAPI document. */
  query?: Q;
  /**
   * The fields of a multipart/form-data upload, which the feature reads itself as the request streams in
   * (never whole in memory); documented in the OpenAPI document with a binary part `file`.
   */
  upload?: z.ZodType;
  response?: z.ZodType;
  /** The success status when it is not Nest's default (201 for POST, 200 otherwise); also sets the route's HTTP code. */
  status?: number;
}

type Handler = (...args: never[]) => unknown;
/**
 * The compiler's check that a handler takes what its route's schema yields: the parsed value must
 * fit one of the handler's parameters, so the parameter's type cannot drift from the schema.
 */
type Takes<H extends Handler, S> = S extends z.ZodType
  ? z.output<S> extends Parameters<H>[number]
    ? unknown
    : { parsedInputFitsNoParameter: z.output<S> }
  : unknown;

/**
 * Declares a route once: method and path, the permission it needs, and its contract — the
 * schemas that validate what `@Body()` and `@Query()` hand the handler, and that the OpenAPI
 * document and the route table are built from.
 *
 * ```ts
 * @Route({ method: 'POST', permission: ['update', 'Case'], summary: 'Add a note', body: addNoteRequestSchema, response: noteSchema })
 * add(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string, @Body() body: AddNoteRequest): Promise<Note>
 * ```
 */
export function Route<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  G extends boolean = false,
>(spec: RouteSpec<B, Q, G>) {
  const { method, path, permission, bodyReadByGuard: _bodyReadByGuard, ...contract } = spec;
  return <H extends Handler>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H> & Takes<H, G extends true ? undefined : B> & Takes<H, Q>,
  ): void => {
    const reads = (Reflect.getMetadata(READS_INPUT, target, key) as InputPart[] | undefined) ?? [];
    for (const part of reads) {
      if (!contract[part])
        throw new Error(
          `${target.constructor.name}.${String(key)} reads the ${part} but its @Route declares no ${part} schema`,
        );
    }
    applyDecorators(
      METHODS[method](path),
      permission === 'public'
        ? SetMetadata(PUBLIC_ROUTE, true)
        : SetMetadata(REQUIRED_ACCESS, { action: permission[0], subject: permission[1] } satisfies RequiredAccess),
      SetMetadata(API_CONTRACT, contract satisfies ApiContractSpec),
      ...(contract.status ? [HttpCode(contract.status)] : []),
    )(target, key, descriptor);
  };
}

/** The contract a handler's @Route declared. */
export function contractOf(handler: object): ApiContractSpec | undefined {
  return Reflect.getMetadata(API_CONTRACT, handler) as ApiContractSpec | undefined;
}

type InputPart = 'body' | 'query';

function inputDecorator(part: InputPart): () => ParameterDecorator {
  // Parameter values are read after the guards, so a caller without the permission never learns what input is valid.
  const parsed = createParamDecorator((_data: unknown, context: ExecutionContext): unknown => {
    const schema = contractOf(context.getHandler())?.[part];
    if (!schema) throw new Error(`The route declares no ${part} schema`);
    return validInput(schema, context.switchToHttp().getRequest<Request>()[part]);
  });
  return () => (target, key, index) => {
    parsed()(target, key, index);
    if (key === undefined) return;
    const reads = (Reflect.getMetadata(READS_INPUT, target, key) as InputPart[] | undefined) ?? [];
    Reflect.defineMetadata(READS_INPUT, [...reads, part], target, key);
  };
}

/** The request body, parsed by the route's `body` schema (400 naming each invalid field). */
export const Body = inputDecorator('body');
/** The query string, parsed by the route's `query` schema (400 naming each invalid parameter). */
export const Query = inputDecorator('query');

/** A path parameter that must be a UUID (a record's id). */
export const UuidParam = (name: string) => Param(name, new ParseUUIDPipe());
