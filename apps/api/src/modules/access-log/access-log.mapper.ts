import { auditLabelKey, type AuditActor, type CaseAccessLogEntry, type SystemEvent } from '@haven/contracts';
import type { AuditEventRow } from './access-log.repository.js';
import { caseAccessKindOf, systemEventKindOf } from './access-kinds.js';

function actorOf(row: AuditEventRow): AuditActor | null {
  if (!row.actorId || !row.actorName || !row.actorRole) return null;
  return {
    id: row.actorId,
    displayName: row.actorName,
    role: row.actorRole,
    organisationName: row.actorOrganisationName ?? '',
  };
}

function common(row: AuditEventRow) {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actor: actorOf(row),
    action: row.action,
    labelKey: auditLabelKey(row.action),
    outcome: row.outcome,
    address: row.address,
    reason: row.reason,
  };
}

/** A row of a case's access log: who, when, what, from where, why. The case itself is the page it is read on. */
export function toCaseAccessLogEntry(row: AuditEventRow): CaseAccessLogEntry {
  return { ...common(row), kind: caseAccessKindOf(row.action) };
}

/** A sign-in event or system change; its subject is a user, an organisation or reference data, never a case. */
export function toSystemEvent(row: AuditEventRow): SystemEvent {
  return {
    ...common(row),
    kind: systemEventKindOf(row.action),
    subject: row.subjectType && row.subjectId ? { type: row.subjectType, id: row.subjectId } : null,
  };
}
