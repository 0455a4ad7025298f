import { z } from 'zod';
import { versionSchema } from './cases.js';
import { calendarDate, longText, pastDate, shortText, todayIso } from './text.js';

/** Who a shelter is for. `families` and `mixed` take anyone; the others need a supervisor's override when the survivor does not fit. */
export const SHELTER_KINDS = ['women', 'men', 'children', 'families', 'mixed'] as const;
export type ShelterKind = (typeof SHELTER_KINDS)[number];

/** Why a placement ended. `moved` is set by a move to another shelter, never chosen at discharge. */
export const PLACEMENT_EXIT_REASONS = [
  'reintegrated',
  'transferred',
  'leftVoluntarily',
  'absconded',
  'referredElsewhere',
  'moved',
] as const;
export type PlacementExitReason = (typeof PLACEMENT_EXIT_REASONS)[number];

export const DISCHARGE_REASONS = [
  'reintegrated',
  'transferred',
  'leftVoluntarily',
  'absconded',
  'referredElsewhere',
] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];

const person = z.object({ id: z.uuid(), displayName: z.string() });

// ── Shelters ───────────────────────────────────────────────────────────────
const shelterName = shortText(120).min(1, 'Required');
/** A coarse area (district, town), never the street: it is shown wherever the shelter is named. */
const shelterArea = shortText(120).min(1, 'Required');
const capacity = z
  .number({ message: 'Give the number of beds' })
  .int('Whole beds')
  .min(1, 'At least 1 bed')
  .max(10_000, 'At most 10000 beds');
/** The exact address: sealed at rest, shown only to the shelter's own organisation, never in lists or exports. */
const shelterAddress = longText(300).min(1, 'Required');

export const createShelterRequestSchema = z
  .object({ name: shelterName, kind: z.enum(SHELTER_KINDS), area: shelterArea, capacity, address: shelterAddress })
  .strict();
export type CreateShelterRequest = z.infer<typeof createShelterRequestSchema>;

export const updateShelterRequestSchema = z
  .object({
    version: versionSchema,
    name: shelterName.optional(),
    kind: z.enum(SHELTER_KINDS).optional(),
    area: shelterArea.optional(),
    capacity: capacity.optional(),
    address: shelterAddress.optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateShelterRequest = z.infer<typeof updateShelterRequestSchema>;

/** A shelter as lists show it: no address. */
export const shelterSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(SHELTER_KINDS),
  area: z.string(),
  capacity: z.number().int(),
  /** Beds taken by current placements. */
  occupied: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type ShelterSummary = z.infer<typeof shelterSummarySchema>;
export const shelterListSchema = z.object({ items: z.array(shelterSummarySchema) });
export type ShelterList = z.infer<typeof shelterListSchema>;

/** One shelter for its own organisation's staff, with the address (every read is audited). */
export const shelterDetailSchema = shelterSummarySchema.extend({ address: z.string() });
export type ShelterDetail = z.infer<typeof shelterDetailSchema>;

// ── Placements ─────────────────────────────────────────────────────────────
const overrideReason = longText(1000).min(1, 'Give the reason for the override');

const placementTarget = {
  shelterId: z.uuid({ message: 'Choose a shelter' }),
  fromDate: pastDate(),
  plannedDischargeOn: calendarDate().optional(),
  /** Needed (from a supervisor) when the shelter's kind does not fit the survivor. */
  overrideReason: overrideReason.optional(),
};
const plannedAfterArrival = (value: { fromDate: string; plannedDischargeOn?: string }, ctx: z.RefinementCtx) => {
  if (value.plannedDischargeOn && value.plannedDischargeOn < value.fromDate) {
    ctx.addIssue({ code: 'custom', path: ['plannedDischargeOn'], message: 'Cannot be before the arrival' });
  }
};

export const placeRequestSchema = z.object(placementTarget).strict().superRefine(plannedAfterArrival);
export type PlaceRequest = z.infer<typeof placeRequestSchema>;

/**
 * Moves the case from its current placement to another shelter. `version` is the current
 * placement's: placement versions keep counting across a case's stays, so a version seen on
 * an earlier stay is always stale.
 */
export const moveRequestSchema = z
  .object({ version: versionSchema, ...placementTarget })
  .strict()
  .superRefine(plannedAfterArrival);
export type MoveRequest = z.infer<typeof moveRequestSchema>;

/**
 * Ends the current placement (at `version`) on `toDate` with an exit reason; or, with
 * `plannedDischarge: true`, only records the date the discharge is planned for (the placement stays current).
 */
export const dischargeRequestSchema = z
  .object({
    version: versionSchema,
    toDate: calendarDate(),
    exitReason: z.enum(DISCHARGE_REASONS).optional(),
    plannedDischarge: z.boolean().default(false),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.plannedDischarge) {
      if (value.exitReason)
        ctx.addIssue({ code: 'custom', path: ['exitReason'], message: 'Give the exit reason at the discharge itself' });
      return;
    }
    if (!value.exitReason)
      ctx.addIssue({ code: 'custom', path: ['exitReason'], message: 'Choose why the placement ends' });
    if (value.toDate > todayIso())
      ctx.addIssue({
        code: 'custom',
        path: ['toDate'],
        message: 'Cannot be in the future (plan the discharge instead)',
      });
  });
export type DischargeRequest = z.input<typeof dischargeRequestSchema>;
export type DischargeCommand = z.output<typeof dischargeRequestSchema>;

export const placementSchema = z.object({
  id: z.uuid(),
  shelter: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(SHELTER_KINDS), area: z.string() }),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  plannedDischargeOn: z.string().nullable(),
  exitReason: z.enum(PLACEMENT_EXIT_REASONS).nullable(),
  current: z.boolean(),
  /** Nights from arrival to departure, or to today while current. */
  lengthOfStayDays: z.number().int(),
  /** Set when a supervisor placed the survivor in a shelter whose kind does not fit. */
  kindOverride: z.object({ reason: z.string() }).nullable(),
  placedBy: person,
  createdAt: z.iso.datetime(),
  version: z.number().int(),
});
export type Placement = z.infer<typeof placementSchema>;

export const placementListSchema = z.object({
  items: z.array(placementSchema),
  current: placementSchema.nullable(),
  totalDaysInShelter: z.number().int(),
});
export type PlacementList = z.infer<typeof placementListSchema>;

// ── Occupancy board ────────────────────────────────────────────────────────
/** A case on the board: by reference only, never a name. */
const boardEntry = z.object({
  placementId: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  plannedDischargeOn: z.string().nullable(),
  lengthOfStayDays: z.number().int(),
});
export type OccupancyBoardEntry = z.infer<typeof boardEntry>;

/** Counts are of everyone; the listed entries are only the cases the viewer may read. */
const countedList = z.object({ count: z.number().int(), items: z.array(boardEntry) });

export const occupancyBoardSchema = z.object({
  week: z.object({ from: z.string(), to: z.string() }),
  shelters: z.array(
    z.object({
      shelter: shelterSummarySchema.omit({ version: true, occupied: true }),
      capacity: z.number().int(),
      occupied: z.number().int(),
      free: z.number().int(),
      occupants: z.array(boardEntry),
      arrivalsThisWeek: countedList,
      departuresThisWeek: countedList,
      plannedDischarges: countedList,
    }),
  ),
});
export type OccupancyBoard = z.infer<typeof occupancyBoardSchema>;
