import type { UserSummary } from '@haven/contracts';
import type { UserEntity } from './user.entity.js';

export function toUserSummary(user: UserEntity, twoFactorEnrolled: boolean, lastSignInAt: Date | null): UserSummary {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
    state: !user.active ? 'deactivated' : user.activatedAt ? 'active' : 'invited',
    team: user.team,
    twoFactorEnrolled,
    lastSignInAt: lastSignInAt?.toISOString() ?? null,
    organisation: { id: user.organisationId, name: user.organisation?.name ?? '' },
  };
}
