import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE, REQUIRED_ACCESS, type RequiredAccess } from '../access/access.decorators.js';
import { API_CONTRACT, type ApiContractSpec } from './route.decorator.js';

export interface RouteEntry {
  method: string;
  /** Full path under the global prefix, with `:param` placeholders, e.g. /api/cases/:id. */
  path: string;
  controller: string;
  handler: string;
  isPublic: boolean;
  access: RequiredAccess | undefined;
  contract: ApiContractSpec | undefined;
}

/**
 * Every route the application serves, read from Nest's metadata: for the OpenAPI document and the
 * route-table tests. Only classes and their decorators are read, never instances, so it also works
 * on an application created in preview mode (no provider built, no database connection), which is
 * how `cli/write-openapi.ts` writes the document without starting the server.
 */
export function routeTable(app: INestApplication, globalPrefix = 'api'): RouteEntry[] {
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: RouteEntry[] = [];
  const controllers = new Set(
    [...app.get(ModulesContainer).values()].flatMap((module) =>
      [...module.controllers.values()].map((wrapper) => wrapper.metatype),
    ),
  );
  for (const metatype of controllers) {
    if (typeof metatype !== 'function') continue;
    const controllerPath = normalise(Reflect.getMetadata(PATH_METADATA, metatype) as string | undefined);
    const prototype = metatype.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (methodPath === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const targets = [handler as () => void, metatype];
      routes.push({
        method,
        path: `/${[globalPrefix, controllerPath, normalise(methodPath)].filter(Boolean).join('/')}`,
        controller: metatype.name,
        handler: name,
        isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false,
        access: reflector.getAllAndOverride<RequiredAccess>(REQUIRED_ACCESS, targets),
        contract: reflector.get<ApiContractSpec>(API_CONTRACT, handler as () => void),
      });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

function normalise(path: string | undefined): string {
  return (path ?? '').replace(/^\/+|\/+$/g, '');
}
