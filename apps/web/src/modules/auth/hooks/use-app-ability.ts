import { abilityFromRules, type AppAbility, type PermissionRule } from '@haven/access';
import type { MeResponse } from '@haven/contracts';
import { useAbility } from '@casl/react';
import { useMemo } from 'react';

/** Rules arrive as JSON from /me; they are the same rules the API enforces, used here only to hide. */
export function useAbilityFromSession(me: MeResponse | null | undefined): AppAbility {
  return useMemo(() => abilityFromRules((me?.rules ?? []) as PermissionRule[]), [me]);
}

export function useAppAbility(): AppAbility {
  return useAbility<AppAbility>();
}
