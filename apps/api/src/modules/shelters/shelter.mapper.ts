import type { OccupancyBoardEntry, Placement, ShelterDetail, ShelterSummary } from '@haven/contracts';
import type { PlacementEntity } from './placement.entity.js';
import type { ShelterEntity } from './shelter.entity.js';
import type { BoardRow } from './shelters.repository.js';

/** Whole days between two days (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Nights from arrival to departure, or to `today` while the stay goes on. */
export function lengthOfStay(fromDate: string, toDate: string | null, today: string): number {
  return Math.max(0, daysBetween(fromDate, toDate ?? today));
}

/** A shelter as lists show it: never the address. */
export function toShelterSummary(
  entity: Omit<ShelterEntity, 'wrappedKey' | 'sealedAddress'>,
  occupied: number,
): ShelterSummary {
  return {
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    area: entity.area,
    capacity: entity.capacity,
    occupied,
    active: entity.active,
    version: entity.version,
  };
}

/** Only for the shelter's own organisation's staff, after the read is audited. */
export function toShelterDetail(entity: ShelterEntity, occupied: number, address: string): ShelterDetail {
  return { ...toShelterSummary(entity, occupied), address };
}

export function toPlacement(entity: PlacementEntity, overrideReason: string | null, today: string): Placement {
  return {
    id: entity.id,
    shelter: {
      id: entity.shelterId,
      name: entity.shelter?.name ?? '',
      kind: entity.shelter!.kind,
      area: entity.shelter?.area ?? '',
    },
    bed: entity.bed ? { id: entity.bed.id, label: entity.bed.label, room: entity.bed.room?.name ?? '' } : null,
    fromDate: entity.fromDate,
    toDate: entity.toDate,
    plannedDischargeOn: entity.plannedDischargeOn,
    exitReason: entity.exitReason,
    current: entity.toDate === null,
    lengthOfStayDays: lengthOfStay(entity.fromDate, entity.toDate, today),
    kindOverride: overrideReason === null ? null : { reason: overrideReason },
    placedBy: { id: entity.placedById, displayName: entity.placedBy?.displayName ?? '' },
    createdAt: entity.createdAt.toISOString(),
    version: entity.version,
  };
}

export function toBoardEntry(row: BoardRow, today: string): OccupancyBoardEntry {
  return {
    placementId: row.placementId,
    caseId: row.caseId,
    caseReference: row.caseReference,
    fromDate: row.fromDate,
    toDate: row.toDate,
    plannedDischargeOn: row.plannedDischargeOn,
    lengthOfStayDays: lengthOfStay(row.fromDate, row.toDate, today),
  };
}
