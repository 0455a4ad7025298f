import { createHash } from 'node:crypto';

import type { AuditCategory, AuditOutcome } from './audit-event.entity.js';

/** The fields of an audit event that its hash covers. */
export interface ChainedFields {
  occurredAt: Date;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  action: string;
  category: AuditCategory;
  subjectType: string | null;
  subjectId: string | null;
  subjectOrganisationId: string | null;
  outcome: AuditOutcome;
  address: string | null;
  /** A reason code, when the event records one. Rows written before the column existed have none. */
  reason?: string | null;
}

/** The chain starts from 32 zero bytes. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/**
 * The fields the chain hashes, in their fixed order (the columns of `audit.event` from
 * `occurred_at` to `address`, which the repository writes in the same order).
 */
export function chainedFieldValues(event: ChainedFields): [Date, ...unknown[]] {
  return [
    event.occurredAt,
    event.actorUserId,
    event.actorOrganisationId,
    event.action,
    event.category,
    event.subjectType,
    event.subjectId,
    event.subjectOrganisationId,
    event.outcome,
    event.address,
  ];
}

/**
 * The event as the chain hashes it: a JSON array of its fields in a fixed order. The
 * reason joins only when there is one, so rows written before it existed keep their hashes.
 */
export function canonicalEventJson(event: ChainedFields): string {
  const [occurredAt, ...rest] = chainedFieldValues(event);
  const fields: unknown[] = [occurredAt.toISOString(), ...rest];
  if (event.reason != null) fields.push(event.reason);
  return JSON.stringify(fields);
}

/**
 * hash = SHA-256(previous hash ‖ canonical JSON of the event). Changing, removing or
 * reordering any row breaks every hash after it. Appends compute the same in the
 * database as the event's transaction commits (`audit.chain_pending_event`, migration
 * 1764460000000); this is how they are verified.
 */
export function chainHash(previousHash: Buffer, event: ChainedFields): Buffer {
  return createHash('sha256').update(previousHash).update(canonicalEventJson(event), 'utf8').digest();
}

export interface ChainVerdict {
  checked: number;
  /** Id of the first row whose hash does not follow from the rows before it. */
  firstBrokenId: string | null;
  /** Its position in the chain, counting from 1 (ids may have gaps, positions do not). */
  firstBrokenPosition: number | null;
}

/** Walks rows in id order; `rows` may be fed in pages by passing the previous page's last hash. */
export function verifyChain(
  rows: Iterable<ChainedFields & { id: string; previousHash: Buffer; hash: Buffer }>,
  startHash: Buffer = GENESIS_HASH,
): ChainVerdict & { lastHash: Buffer } {
  let previous: Buffer = startHash;
  let checked = 0;
  for (const row of rows) {
    checked += 1;
    if (!row.previousHash.equals(previous) || !chainHash(previous, row).equals(row.hash)) {
      return { checked, firstBrokenId: row.id, firstBrokenPosition: checked, lastHash: previous };
    }
    previous = row.hash;
  }
  return { checked, firstBrokenId: null, firstBrokenPosition: null, lastHash: previous };
}
