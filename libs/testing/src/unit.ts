import type { jest } from '@jest/globals';
import { defineAbilityFor, type Actor, type AppAbility } from '@haven/access';
import type { Role } from '@haven/contracts';

/** A service's collaborator in a unit test: each of its methods a typed jest mock. */
export type Mocked<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? jest.Mock<(...args: A) => R> : T[K];
};

/** A caller as the API's guards make one (the shape of the API's `Caller`), for unit tests of services. */
export interface TestCaller {
  actor: Actor & { email: string; displayName: string; sessionId: string; csrfToken: string };
  ability: AppAbility;
  address: string;
}

/** A signed-in user of the role, in the organisation, with the abilities the one policy gives them. */
export function callerFor(role: Role, organisationId = 'org-1', address = '127.0.0.1'): TestCaller {
  const actor = { id: `${role}-id`, role, organisationId, email: '', displayName: '', sessionId: 's', csrfToken: 'c' };
  return { actor, ability: defineAbilityFor(actor), address };
}
