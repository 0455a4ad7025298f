import type { Actor, AppAbility } from '@haven/access';

/** The signed-in user as the API knows them for one request. */
export interface SignedInUser extends Actor {
  email: string;
  displayName: string;
  sessionId: string;
  csrfToken: string;
  /** The role needs a second factor the user has not set up: the session may only enrol. */
  twoFactorEnrolmentRequired?: boolean;
}

/** Who is calling and from where: passed from controllers to services for scope and audit. */
export interface Caller {
  actor: SignedInUser;
  /** The actor's abilities under the one access policy (libs/access). */
  ability: AppAbility;
  address: string;
}
