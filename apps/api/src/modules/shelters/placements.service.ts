import { Injectable } from '@nestjs/common';
import { recordOf, scopeOf } from '@haven/access';
import type { DischargeCommand, MoveRequest, PlaceRequest, Placement, PlacementList } from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { BadRequestError, ConflictError, NotFoundError, UnprocessableError } from '../../core/errors/problem.js';
import type { CaseSealer } from '../cases/kernel/case-vault.service.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import { toPlacement } from './shelter.mapper.js';
import { bedFit, kindFit, type KindFit } from './shelter-fit.js';
import type { ShelterBedEntity } from './shelter-bed.entity.js';
import type { PlacementEntity } from './placement.entity.js';
import type { ShelterEntity } from './shelter.entity.js';
import { SheltersRepository } from './shelters.repository.js';
import { isoDay } from './shelters.service.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

/** The purpose the override reason is sealed under (case key), on the placement and in the history. */
export const OVERRIDE_REASON = 'placement-override-reason';
const HISTORY_COMMENT = 'history-comment';

type CaseRecord = Awaited<ReturnType<CaseAccess['findForAction']>>;
type Target = Pick<
  PlaceRequest,
  'shelterId' | 'bedId' | 'needsAccessibleBed' | 'fromDate' | 'plannedDischargeOn' | 'overrideReason'
>;
type CaseChangeList = Parameters<CaseHistory['recordChanges']>[2];

/**
 * Placing a case in a shelter, moving it, discharging it. A case has at most one current
 * placement; every stay is kept, with its length. A placement takes one free bed that
 * fits the survivor (the room's sex and age group, an accessible bed for who needs one).
 * Beds hold under concurrency: the shelter row is locked while its beds are chosen and
 * the placement is written, and the database refuses a second current stay in a bed. A
 * shelter or bed that does not fit the survivor takes them only with a supervisor's
 * override and reason (sealed, audited, shown on the placement).
 */
@Injectable()
export class PlacementsService {
  constructor(
    private readonly shelters: SheltersRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly vault: CaseVault,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  async list(caller: Caller, caseId: string): Promise<PlacementList> {
    await this.caseAccess.findForAction(caller, caseId, 'read');
    const placements = await this.shelters.placementsForCase(caseId);
    const sealer = placements.some((placement) => placement.sealedOverrideReason)
      ? await this.vault.sealerFor(caseId)
      : undefined;
    const today = isoDay(new Date());
    const items = placements.map((placement) =>
      toPlacement(placement, sealer?.openOrNull(OVERRIDE_REASON, placement.sealedOverrideReason) ?? null, today),
    );
    return {
      items,
      current: items.find((placement) => placement.current) ?? null,
      totalDaysInShelter: items.reduce((total, placement) => total + placement.lengthOfStayDays, 0),
    };
  }

  /** Places a case that has no current placement (one that has must be moved). */
  async place(caller: Caller, caseId: string, request: PlaceRequest): Promise<Placement> {
    const placementId = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      if (await this.shelters.currentForCase(caseId)) throw alreadyPlaced();
      const sealer = await this.vault.sealerFor(caseId);
      const { id, shelter, overridden } = await this.placeInto(caller, found, request, sealer);
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'placement', action: 'placed', field: 'shelter', newValue: shelter.name },
        ...this.overrideHistory(shelter, overridden, request.overrideReason, sealer),
      ]);
      await this.auditPlacement(caller, found, 'placement.created', overridden);
      return id;
    });
    return this.read(caseId, placementId);
  }

  /** Closes the current placement (exit reason `moved`) and opens the new one, in one transaction. */
  async move(caller: Caller, caseId: string, request: MoveRequest): Promise<Placement> {
    const placementId = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const current = await this.currentAt(caseId, request.version);
      if (current.shelterId === request.shelterId)
        throw new BadRequestError('The survivor is already in this shelter.', [
          { field: 'shelterId', message: 'Choose another shelter' },
        ]);
      if (request.fromDate < current.fromDate) {
        throw new BadRequestError('A move cannot be dated before the current stay began.', [
          { field: 'fromDate', message: `On or after ${current.fromDate}` },
        ]);
      }
      if (
        !(await this.shelters.updatePlacementIfVersion(current.id, request.version, {
          toDate: request.fromDate,
          exitReason: 'moved',
        }))
      )
        throw stale(current);
      const sealer = await this.vault.sealerFor(caseId);
      const { id, shelter, overridden } = await this.placeInto(caller, found, request, sealer);
      await this.caseHistory.recordChanges(caller, caseId, [
        {
          section: 'placement',
          action: 'moved',
          field: 'shelter',
          oldValue: current.shelter?.name ?? null,
          newValue: shelter.name,
        },
        ...this.overrideHistory(shelter, overridden, request.overrideReason, sealer),
      ]);
      await this.auditPlacement(caller, found, 'placement.moved', overridden);
      return id;
    });
    return this.read(caseId, placementId);
  }

  /** Ends the current placement with a reason, or records the day its discharge is planned for. */
  async discharge(caller: Caller, caseId: string, request: DischargeCommand): Promise<Placement> {
    const placementId = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const current = await this.currentAt(caseId, request.version);
      if (request.toDate < current.fromDate) {
        throw new BadRequestError('The discharge cannot be before the stay began.', [
          { field: 'toDate', message: `On or after ${current.fromDate}` },
        ]);
      }
      const planned = request.plannedDischarge;
      const changes = planned
        ? { plannedDischargeOn: request.toDate }
        : { toDate: request.toDate, exitReason: request.exitReason! };
      if (!(await this.shelters.updatePlacementIfVersion(current.id, request.version, changes))) throw stale(current);
      await this.caseHistory.recordChanges(caller, caseId, [
        planned
          ? {
              section: 'placement',
              action: 'dischargePlanned',
              field: 'plannedDischargeOn',
              oldValue: current.plannedDischargeOn,
              newValue: request.toDate,
            }
          : { section: 'placement', action: 'discharged', field: 'exitReason', newValue: request.exitReason! },
      ]);
      await this.audit.record(caller, {
        action: planned ? 'placement.discharge.planned' : 'placement.discharged',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      return current.id;
    });
    return this.read(caseId, placementId);
  }

  // ── Internals ──────────────────────────────────────────────────────────────

  /**
   * Locks the shelter, checks it is the case's organisation's and active, that its kind
   * fits (or a supervisor overrides with a reason), takes the chosen bed (or the first
   * free one that fits) and writes the placement. The lock is held until the caller's
   * transaction ends.
   */
  private async placeInto(
    caller: Caller,
    found: CaseRecord,
    target: Target,
    sealer: CaseSealer,
  ): Promise<{ id: string; shelter: ShelterEntity; overridden: boolean }> {
    const shelter = await this.shelters.lockInScope(target.shelterId, scopeOf(caller.ability, 'read', 'Shelter'));
    if (!shelter || shelter.organisationId !== found.organisationId) {
      throw new BadRequestError('Choose a shelter of the case’s organisation.', [
        { field: 'shelterId', message: 'No such shelter' },
      ]);
    }
    if (!shelter.active)
      throw new BadRequestError('This shelter no longer takes placements.', [
        { field: 'shelterId', message: 'Shelter closed' },
      ]);
    const supervises = this.supervises(caller, found);
    const kind = kindFit(shelter.kind, found, target.fromDate);
    if (!kind.fits) this.requireOverride(kind, supervises, target);
    const bed = await this.chooseBed(shelter, found, target, supervises, kind.fits);
    const overridden = !kind.fits || !bed.fit.fits;
    if (!overridden && target.overrideReason !== undefined)
      throw new BadRequestError('The shelter and bed fit the survivor; no override is needed.', [
        { field: 'overrideReason', message: 'Not needed' },
      ]);
    const inserted = await this.shelters.insertPlacement({
      caseId: found.id,
      shelterId: shelter.id,
      bedId: bed.bed.id,
      fromDate: target.fromDate,
      plannedDischargeOn: target.plannedDischargeOn ?? null,
      sealedOverrideReason: overridden ? sealer.seal(OVERRIDE_REASON, target.overrideReason!) : null,
      placedById: caller.actor.id,
    });
    if ('alreadyPlaced' in inserted) throw alreadyPlaced();
    if ('bedTaken' in inserted) throw bedTaken(bed.bed);
    return { id: inserted.id, shelter, overridden };
  }

  /**
   * The bed asked for, if it is the shelter's, in use, free, and fits (or a supervisor
   * overrides); without one, the first free bed that fits. A full shelter answers 409, a
   * bed (or shelter) with no fitting free bed 422, each naming why.
   */
  private async chooseBed(
    shelter: ShelterEntity,
    found: CaseRecord,
    target: Target,
    supervises: boolean,
    kindFits: boolean,
  ): Promise<{ bed: ShelterBedEntity; fit: KindFit }> {
    const fitOf = (bed: ShelterBedEntity) =>
      bedFit({ ...bed, room: bed.room! }, found, target.needsAccessibleBed ?? false, target.fromDate);
    if (target.bedId !== undefined) {
      const bed = await this.shelters.findBed(shelter.id, target.bedId);
      if (!bed || !bed.active)
        throw new BadRequestError('Choose a bed of this shelter that is in use.', [
          { field: 'bedId', message: 'No such bed in this shelter' },
        ]);
      if (await this.shelters.bedOccupied(bed.id)) throw bedTaken(bed);
      const fit = fitOf(bed);
      if (!fit.fits) this.requireBedOverride(fit.reason, supervises, target);
      return { bed, fit };
    }
    const free = await this.shelters.freeBeds(shelter.id);
    if (free.length === 0) {
      const occupied = await this.shelters.occupied(shelter.id);
      throw new ConflictError(`${shelter.name} is full (${shelter.capacity} beds). Choose another shelter.`, {
        capacity: shelter.capacity,
        occupied,
      });
    }
    const fitting = free.find((bed) => fitOf(bed).fits);
    if (fitting) return { bed: fitting, fit: { fits: true } };
    // A supervisor placing outside the shelter's kind has already given the reason; it covers the bed too.
    const first = free[0]!;
    const fit = fitOf(first);
    if (!kindFits && supervises && target.overrideReason !== undefined) return { bed: first, fit };
    throw new UnprocessableError(
      `No free bed in ${shelter.name} fits the survivor. ${(fit as { reason: string }).reason}`,
      [{ field: 'bedId', message: 'No free bed fits' }],
    );
  }

  private supervises(caller: Caller, found: CaseRecord): boolean {
    return caller.ability.can(
      'approve',
      recordOf('Case', {
        organisationId: found.organisationId,
        assigneeId: found.assigneeId,
        team: found.team,
        sensitive: found.sensitive,
      }),
    );
  }

  /** A shelter whose kind does not fit takes the survivor only with a supervisor's reason (400 naming the field). */
  private requireOverride(fit: { reason: string }, supervises: boolean, target: Target): void {
    if (!supervises)
      throw new BadRequestError(`${fit.reason} Only a supervisor can place the survivor here.`, [
        { field: 'overrideReason', message: 'Needs a supervisor’s override' },
      ]);
    if (target.overrideReason === undefined)
      throw new BadRequestError(`${fit.reason} Give the reason for the override.`, [
        { field: 'overrideReason', message: 'Give the reason for the override' },
      ]);
  }

  /** A bed that does not fit: 422 naming the reason, unless a supervisor overrides with a reason. */
  private requireBedOverride(reason: string, supervises: boolean, target: Target): void {
    if (supervises && target.overrideReason !== undefined) return;
    throw new UnprocessableError(
      supervises
        ? `${reason} Choose another bed, or give the reason for the override.`
        : `${reason} Choose another bed; only a supervisor can override.`,
      [{ field: 'bedId', message: 'This bed does not fit the survivor' }],
    );
  }

  private overrideHistory(
    shelter: ShelterEntity,
    overridden: boolean,
    reason: string | undefined,
    sealer: CaseSealer,
  ): CaseChangeList {
    if (!overridden) return [];
    return [
      {
        section: 'placement',
        action: 'kindOverridden',
        field: 'shelterKind',
        newValue: shelter.kind,
        sealedComment: sealer.seal(HISTORY_COMMENT, reason!),
      },
    ];
  }

  private async auditPlacement(
    caller: Caller,
    found: CaseRecord,
    action: 'placement.created' | 'placement.moved',
    overridden: boolean,
  ): Promise<void> {
    const subject = { type: 'Case', id: found.id, organisationId: found.organisationId };
    await this.audit.record(caller, { action, category: 'case', subject });
    if (overridden) await this.audit.record(caller, { action: 'placement.kind.overridden', category: 'case', subject });
  }

  /** The case's current placement, at the version the caller saw. */
  private async currentAt(caseId: string, version: number): Promise<PlacementEntity> {
    const current = await this.shelters.currentForCase(caseId);
    if (!current) throw new ConflictError('The survivor has no current placement.');
    if (current.version !== version) throw stale(current);
    return current;
  }

  private async read(caseId: string, placementId: string): Promise<Placement> {
    const placement = await this.shelters.findPlacement(caseId, placementId);
    if (!placement) throw new NotFoundError();
    const overrideReason = placement.sealedOverrideReason
      ? (await this.vault.sealerFor(caseId)).open(OVERRIDE_REASON, placement.sealedOverrideReason)
      : null;
    return toPlacement(placement, overrideReason, isoDay(new Date()));
  }
}

function alreadyPlaced(): ConflictError {
  return new ConflictError('The survivor already has a current placement: use move to change shelter.');
}

function bedTaken(bed: ShelterBedEntity): ConflictError {
  return new ConflictError(`Bed ${bed.label} in ${bed.room?.name ?? 'this room'} is taken. Choose a free bed.`, {
    bedId: bed.id,
  });
}

function stale(placement: PlacementEntity): ConflictError {
  return new ConflictError('Someone else changed this placement since you opened it. Reload to see their changes.', {
    currentVersion: placement.version,
  });
}
