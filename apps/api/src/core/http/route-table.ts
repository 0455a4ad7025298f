import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE, REQUIRED_ACCESS, type RequiredAccess } from '../access/access.decorators.js';
import { API_CONTRACT, type ApiContractSpec } from './api-contract.decorator.js';

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

/** Every route the application serves, read from Nest's metadata: for the OpenAPI document and the route-table tests. */
export function routeTable(app: INestApplication, globalPrefix = 'api'): RouteEntry[] {
  const discovery = app.get(DiscoveryService);
  const scanner = new MetadataScanner();
  const reflector = app.get(Reflector);
  const routes: RouteEntry[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const controllerPath = normalise(Reflect.getMetadata(PATH_METADATA, metatype) as string | undefined);
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const handler = (instance as Record<string, unknown>)[name] as object;
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
