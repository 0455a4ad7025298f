import { defineAbilityFor, type Actor, type AppAbility } from '@haven/access';

/** Enough for every user of a national deployment who is active at the same time. */
const ABILITIES_KEPT = 2_000;

/**
 * The permission rules of a user depend only on who they are (id, role, organisation,
 * team), so the same compiled ability serves every request of that user: building one
 * per request compiled the same rules again each time. An ability is never changed once
 * built. A change of role, organisation or team gives a different key, so a stale
 * ability is never used; entries are dropped oldest first.
 */
export class AbilityCache {
  private readonly abilities = new Map<string, AppAbility>();

  abilityFor(actor: Actor): AppAbility {
    const key = `${actor.id}|${actor.role}|${actor.organisationId}|${actor.team ?? ''}`;
    let ability = this.abilities.get(key);
    if (!ability) {
      ability = defineAbilityFor(actor);
      if (this.abilities.size >= ABILITIES_KEPT) this.abilities.delete(this.abilities.keys().next().value!);
      this.abilities.set(key, ability);
    }
    return ability;
  }
}
