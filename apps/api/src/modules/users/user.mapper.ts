import type { UserSummary } from '@haven/contracts';
import type { UserEntity } from './user.entity.js';

export function toUserSummary(user: UserEntity, twoFactorEnrolled: boolean): UserSummary {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
    twoFactorEnrolled,
    organisation: { id: user.organisationId, name: user.organisation?.name ?? '' },
  };
}
