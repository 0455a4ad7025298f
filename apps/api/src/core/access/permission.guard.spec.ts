import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { defineAbilityFor } from '@haven/access';
import { ForbiddenError, NotFoundError } from '../errors/problem.js';
import { Route } from '../http/route.decorator.js';
import { PermissionGuard } from './permission.guard.js';

/** Stand-in handlers: only their decorators matter to the guard. */
class Routes {
  undeclared() {
    return 'undeclared';
  }
  @Route({ method: 'GET', path: 'open', permission: 'public', summary: 'Open' }) open() {
    return 'open';
  }
  @Route({ method: 'GET', path: 'case', permission: ['read', 'Case'], summary: 'Read a case' }) readCase() {
    return 'readCase';
  }
  @Route({ method: 'GET', path: 'cases', permission: ['list', 'Case'], summary: 'List cases' }) listCases() {
    return 'listCases';
  }
}

function contextFor(
  handler: keyof Routes,
  role: 'caseworker' | 'manager' | undefined,
  params: Record<string, string> = {},
): ExecutionContext {
  const actor = role
    ? { id: 'u', role, organisationId: 'o', email: '', displayName: '', sessionId: '', csrfToken: '' }
    : undefined;
  const request = {
    method: 'GET',
    params,
    caller: actor ? { actor, ability: defineAbilityFor(actor), address: '127.0.0.1' } : undefined,
  };
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('permission guard', () => {
  const guard = new PermissionGuard(new Reflector());

  it('refuses a route that declares no permission, whoever calls', () => {
    expect(() => guard.canActivate(contextFor('undeclared', 'caseworker'))).toThrow(ForbiddenError);
  });

  it('lets public routes through', () => {
    expect(guard.canActivate(contextFor('open', undefined))).toBe(true);
  });

  it('lets a role with the permission through', () => {
    expect(guard.canActivate(contextFor('readCase', 'caseworker', { id: 'x' }))).toBe(true);
  });

  it('answers 404 on a record route and 403 on a collection route for a role without the permission', () => {
    expect(() => guard.canActivate(contextFor('readCase', 'manager', { id: 'x' }))).toThrow(NotFoundError);
    expect(() => guard.canActivate(contextFor('listCases', 'manager'))).toThrow(ForbiddenError);
  });
});
