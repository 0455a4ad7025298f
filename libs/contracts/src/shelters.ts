import { z } from 'zod';
import { versionSchema } from './cases.js';
import { keysetPageOf, keysetQuerySchema } from './common.js';
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

/** Whom a room serves: beds take the survivors its sex and age group fit. */
export const ROOM_SEXES = ['female', 'male', 'any'] as const;
export type RoomSex = (typeof ROOM_SEXES)[number];
export const ROOM_AGE_GROUPS = ['child', 'adult', 'any'] as const;
export type RoomAgeGroup = (typeof ROOM_AGE_GROUPS)[number];

const person = z.object({ id: z.uuid(), displayName: z.string() });

// ── Shelters ───────────────────────────────────────────────────────────────
/** The longest shelter name: the list's cursors carry one (apps/api keyset). */
export const SHELTER_NAME_MAX_LENGTH = 120;
const shelterName = shortText(SHELTER_NAME_MAX_LENGTH).min(1, 'Required');
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
/** The shelter list's sorts, each read in an index's order (migration 1764499400002): by name by default. */
export const SHELTER_SORTS = ['name', 'createdAt'] as const;
export type ShelterSort = (typeof SHELTER_SORTS)[number];
export const shelterListQuerySchema = keysetQuerySchema(SHELTER_SORTS, { sort: 'name', order: 'asc' }).strict();
export type ShelterListQuery = z.infer<typeof shelterListQuerySchema>;
export const shelterListSchema = keysetPageOf(shelterSummarySchema);
export type ShelterList = z.infer<typeof shelterListSchema>;

/** One shelter for its own organisation's staff, with the address (every read is audited). */
export const shelterDetailSchema = shelterSummarySchema.extend({ address: z.string() });
export type ShelterDetail = z.infer<typeof shelterDetailSchema>;

// ── Rooms and beds ─────────────────────────────────────────────────────────
const roomName = shortText(80).min(1, 'Required');
const bedLabel = shortText(40).min(1, 'Required');

/** A new room with its beds (supervisors). The shelter's capacity grows by the beds added. */
export const createRoomRequestSchema = z
  .object({
    name: roomName,
    sex: z.enum(ROOM_SEXES, { message: 'Choose whom the room serves' }),
    ageGroup: z.enum(ROOM_AGE_GROUPS, { message: 'Choose the age group' }),
    beds: z.number({ message: 'Give the number of beds' }).int('Whole beds').min(1, 'At least 1 bed').max(100),
    /** How many of the new beds are accessible (step-free, wide enough for a wheelchair). */
    accessibleBeds: z.number().int('Whole beds').min(0, 'Cannot be negative').max(100).default(0),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.accessibleBeds > value.beds)
      ctx.addIssue({ code: 'custom', path: ['accessibleBeds'], message: 'Cannot exceed the beds' });
  });
export type CreateRoomRequest = z.input<typeof createRoomRequestSchema>;
export type CreateRoomCommand = z.output<typeof createRoomRequestSchema>;

export const addBedRequestSchema = z.object({ label: bedLabel, accessible: z.boolean().default(false) }).strict();
export type AddBedRequest = z.input<typeof addBedRequestSchema>;
export type AddBedCommand = z.output<typeof addBedRequestSchema>;

/** Marks a bed accessible or not, or takes it out of use (only when free; the shelter keeps at least one bed). */
export const updateBedRequestSchema = z
  .object({ accessible: z.boolean().optional(), active: z.boolean().optional() })
  .strict()
  .refine((value) => value.accessible !== undefined || value.active !== undefined, {
    message: 'Change at least one field',
    path: ['accessible'],
  });
export type UpdateBedRequest = z.infer<typeof updateBedRequestSchema>;

/** A bed as staff choose it: never who is in it. */
export const bedSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  accessible: z.boolean(),
  active: z.boolean(),
  occupied: z.boolean(),
});
export type Bed = z.infer<typeof bedSchema>;

export const roomSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  sex: z.enum(ROOM_SEXES),
  ageGroup: z.enum(ROOM_AGE_GROUPS),
  beds: z.array(bedSchema),
});
export type Room = z.infer<typeof roomSchema>;
export const roomListSchema = z.object({ items: z.array(roomSchema) });
export type RoomList = z.infer<typeof roomListSchema>;

// ── Placements ─────────────────────────────────────────────────────────────
const overrideReason = longText(1000).min(1, 'Give the reason for the override');

const placementTarget = {
  shelterId: z.uuid({ message: 'Choose a shelter' }),
  /** The free bed chosen; without it the first free bed that fits the survivor is taken. */
  bedId: z.uuid({ message: 'Choose a bed' }).optional(),
  /** The survivor needs an accessible bed. */
  needsAccessibleBed: z.boolean().default(false),
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
export type PlaceRequest = z.input<typeof placeRequestSchema>;
export type PlaceCommand = z.output<typeof placeRequestSchema>;

/**
 * Moves the case from its current placement to another shelter. `version` is the current
 * placement's: placement versions keep counting across a case's stays, so a version seen on
 * an earlier stay is always stale.
 */
export const moveRequestSchema = z
  .object({ version: versionSchema, ...placementTarget })
  .strict()
  .superRefine(plannedAfterArrival);
export type MoveRequest = z.input<typeof moveRequestSchema>;
export type MoveCommand = z.output<typeof moveRequestSchema>;

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
  /** Null for stays recorded before shelters had beds. */
  bed: z.object({ id: z.uuid(), label: z.string(), room: z.string() }).nullable(),
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

/**
 * A bed on the board: free or occupied for everyone; the occupant's case reference only
 * when the viewer may read that case.
 */
const boardBed = z.object({
  id: z.uuid(),
  label: z.string(),
  accessible: z.boolean(),
  occupied: z.boolean(),
  occupant: z.object({ caseId: z.uuid(), caseReference: z.string() }).nullable(),
});
export type OccupancyBoardBed = z.infer<typeof boardBed>;

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
      rooms: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          sex: z.enum(ROOM_SEXES),
          ageGroup: z.enum(ROOM_AGE_GROUPS),
          beds: z.array(boardBed),
        }),
      ),
      occupants: z.array(boardEntry),
      arrivalsThisWeek: countedList,
      departuresThisWeek: countedList,
      plannedDischarges: countedList,
    }),
  ),
});
export type OccupancyBoard = z.infer<typeof occupancyBoardSchema>;
