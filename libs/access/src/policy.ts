import {
  AbilityBuilder,
  createMongoAbility,
  subject,
  type ForcedSubject,
  type MongoAbility,
  type RawRuleOf,
} from '@casl/ability';
import type { Role } from '@haven/contracts';

/**
 * The one access policy of Haven (docs/architecture.md, Roles and rule 1). The API enforces it; the web
 * app receives the same rules from /api/auth/me only to hide what a user cannot do.
 *
 * Conditions are plain equalities on columns of the subject's table, so the API can
 * turn them into the WHERE clause of its queries (scope applied in the query, never
 * by filtering afterwards). Keep them that way: `scopeOf` refuses anything else.
 */
export const ACTIONS = [
  'create',
  'read',
  'update',
  'delete',
  'list',
  'assign',
  'approve',
  'readIdentity',
  'export',
  'manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The columns a rule may put conditions on, per subject. */
export interface SubjectFields {
  /** One's own session: every signed-in user may read it, sign out, change their password. */
  Session: Record<string, never>;
  Case: { organisationId: string; assigneeId: string | null; team: string | null; sensitive: boolean };
  /**
   * The files on a case (documents and photos), scoped by the case's columns. Staff who work the case
   * read and add them; partners see them only through a referral's lens; managers and administrators never.
   */
  CaseDocument: { organisationId: string; assigneeId: string | null; team: string | null; sensitive: boolean };
  User: { organisationId: string; role: Role };
  Organisation: { id: string };
  /** Anonymised statistics, as a set of figures about one organisation's cases (never a record about a case). */
  Statistics: { organisationId: string };
  AuditLog: { organisationId: string | null; category: 'case' | 'system' };
  /** A referral, seen by its recipient organisation through its lens. */
  Referral: { fromOrganisationId: string; toOrganisationId: string };
  /** A proposed transfer of a whole case, decided by the receiving organisation. */
  Transfer: { fromOrganisationId: string; toOrganisationId: string };
  /** One's own in-app notifications. */
  Notification: { userId: string };
  /** A shelter of an organisation. Its confidential address goes only to that organisation's staff. */
  Shelter: { organisationId: string };
  /** A training programme: owned by the organisation that set it up, run by a provider (often a partner). */
  TrainingProgramme: { ownerOrganisationId: string; providerOrganisationId: string };
  /**
   * A record of the programme's work that is not a case (a campaign, an institution, a capacity-building
   * event, a diaspora project): kept by the implementing organisation's supervisors; managers read only sums.
   */
  ProgrammeRecord: { organisationId: string };
  /** The programme's target for a result in a year: set by its managers. */
  ProgrammeTarget: Record<string, never>;
}
export type SubjectName = keyof SubjectFields;
export type Subject = SubjectName | 'all';
type SubjectRecord = { [K in SubjectName]: SubjectFields[K] & ForcedSubject<K> }[SubjectName];

export type AppAbility = MongoAbility<[Action, Subject | SubjectRecord]>;
export type PermissionRule = RawRuleOf<AppAbility>;

/** Who is asking: the part of the signed-in user the policy depends on. */
export interface Actor {
  id: string;
  role: Role;
  organisationId: string;
  /** The caseworker's team when their organisation works in team mode; otherwise null. */
  team?: string | null;
}

export function permissionRulesFor(actor: Actor): PermissionRule[] {
  const { can, rules } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const ownOrganisation = { organisationId: actor.organisationId };
  can('read', 'Session');
  can(['read', 'update'], 'Notification', { userId: actor.id });

  switch (actor.role) {
    case 'caseworker':
      can('create', 'Case');
      can('list', 'Case');
      // The directory of organisations to refer to.
      can('read', 'Organisation');
      // Need to know: a caseworker works on the cases assigned to them…
      can(['read', 'update', 'readIdentity'], 'Case', { ...ownOrganisation, assigneeId: actor.id });
      can(['read', 'create'], 'CaseDocument', { ...ownOrganisation, assigneeId: actor.id });
      // …and, in team mode, covers for their team — but never on sensitive cases, and
      // without the identity, which stays with the assignee and the supervisors.
      if (actor.team) {
        can(['read', 'update'], 'Case', { ...ownOrganisation, team: actor.team, sensitive: false });
        can(['read', 'create'], 'CaseDocument', { ...ownOrganisation, team: actor.team, sensitive: false });
      }
      // Places survivors in the organisation's shelters and enrols them in its programmes.
      can('read', 'Shelter', ownOrganisation);
      can('read', 'TrainingProgramme', { ownerOrganisationId: actor.organisationId });
      break;
    case 'supervisor':
      can('create', 'Case');
      can('list', 'Case');
      can(['read', 'update', 'readIdentity', 'assign', 'approve'], 'Case', ownOrganisation);
      can(['read', 'create'], 'CaseDocument', ownOrganisation);
      // Exports of individual data (a survivor's access request) need their own permission: supervisors only.
      can('export', 'Case', ownOrganisation);
      can('read', 'Organisation');
      // Transfers proposed to the organisation are decided by its supervisors.
      can(['read', 'update'], 'Transfer', { toOrganisationId: actor.organisationId });
      can('read', 'User', ownOrganisation);
      // Supervisors look after the caseworkers of their own organisation (invite, edit, deactivate,
      // reactivate, new sign-in link) — never another supervisor, another organisation or a higher role.
      can(['create', 'update'], 'User', { ...ownOrganisation, role: 'caseworker' });
      // Their organisation's settings: team mode and teams, retention, names in lists.
      can('update', 'Organisation', { id: actor.organisationId });
      // The access logs of their organisation's cases, and the administrative events about their
      // organisation (e.g. its retention period changed); never other organisations' events.
      can('read', 'AuditLog', { ...ownOrganisation, category: 'case' });
      can('list', 'AuditLog', { ...ownOrganisation, category: 'system' });
      can('manage', 'Shelter', ownOrganisation);
      can('manage', 'TrainingProgramme', { ownerOrganisationId: actor.organisationId });
      // The programme's registers of their organisation's work that is not a case (campaigns, capacity building,
      // diaspora projects): supervisors lead the implementing team, so no separate role is needed to keep them.
      can('manage', 'ProgrammeRecord', ownOrganisation);
      // The statistics dashboard of their own organisation, under the same disclosure controls as managers.
      can('read', 'Statistics', ownOrganisation);
      break;
    case 'partner':
      // Partners see referred cases only through a referral's lens, never the case itself.
      can(['read', 'update'], 'Referral', { toOrganisationId: actor.organisationId });
      // A provider sees the programmes it runs and records attendance and completion of their enrolments (by case reference only).
      can(['read', 'update'], 'TrainingProgramme', { providerOrganisationId: actor.organisationId });
      break;
    case 'manager':
      // Anonymised statistics only: no rule on any individual record.
      can('read', 'Statistics');
      // The programme's targets, against which its results are reported.
      can('manage', 'ProgrammeTarget');
      break;
    case 'admin':
      // Administers people and reference data; is not a super-user of case data.
      can('manage', 'User');
      can('manage', 'Organisation');
      // No Shelter rule: a shelter's confidential address must never reach an administrator (shelters are set up by their organisation's supervisors).
      // Sign-in events and system changes, of every organisation; never an event about a case.
      can('list', 'AuditLog', { category: 'system' });
      break;
  }
  return rules;
}

export function defineAbilityFor(actor: Actor): AppAbility {
  return createMongoAbility<AppAbility>(permissionRulesFor(actor));
}

export function abilityFromRules(rules: PermissionRule[]): AppAbility {
  return createMongoAbility<AppAbility>(rules);
}

/** One record as a subject, to ask the policy about that record (e.g. `ability.can('approve', recordOf('Case', row))`). */
export function recordOf<K extends SubjectName>(
  type: K,
  fields: SubjectFields[K],
): SubjectFields[K] & ForcedSubject<K> {
  return subject(type, { ...fields }) as SubjectFields[K] & ForcedSubject<K>;
}

/**
 * The rows an actor may touch for an action, as a list of equality filters to be
 * OR-ed together: `[]` means nothing, `[{}]` means no restriction.
 */
export type Scope = Record<string, string | boolean>[];

export function scopeOf(ability: AppAbility, action: Action, subject: SubjectName): Scope {
  const filters: Scope = [];
  for (const rule of ability.rulesFor(action, subject)) {
    if (rule.inverted) {
      throw new Error(`scopeOf: inverted rules cannot become a query scope (${action} ${subject})`);
    }
    if (!rule.conditions) return [{}];
    const filter: Record<string, string | boolean> = {};
    for (const [field, value] of Object.entries(rule.conditions)) {
      if (typeof value !== 'string' && typeof value !== 'boolean') {
        throw new Error(`scopeOf: only equality conditions can become a query scope (${field})`);
      }
      filter[field] = value;
    }
    filters.push(filter);
  }
  return filters;
}
