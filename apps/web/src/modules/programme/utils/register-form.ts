import {
  campaignFieldsSchema,
  capacityEventFieldsSchema,
  diasporaProjectFieldsSchema,
  institutionFieldsSchema,
  REACH_AGE_BANDS,
  REACH_SEXES,
  REGISTER_FIELDS,
  type ProgrammeRegister,
  type ReachAgeBand,
  type ReachCell,
  type ReachSex,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import { translateFeatureMessages } from '../../../app/i18n/module-messages';
import { validateWithSchema, serverFieldErrors } from '../../../app/forms/schema-validation';
import type { FieldLayout } from '../../../app/i18n/validation-messages';

/**
 * The inputs of each register's form, in the order shown, read from the contract's schema: a field's kind
 * follows its type there, a choice offers exactly the codes the schema accepts. The API checks the same schema.
 */
export type RegisterInput =
  | { name: string; kind: 'text' | 'date' | 'country' | 'currency' | 'number' | 'amount' | 'switch' }
  | { name: string; kind: 'choice'; codes: readonly string[]; texts: string }
  | { name: 'reach'; kind: 'reach' }
  | { name: 'participants'; kind: 'participants' };

const campaign = campaignFieldsSchema.shape;
const institution = institutionFieldsSchema.shape;
const event = capacityEventFieldsSchema.shape;
const project = diasporaProjectFieldsSchema.shape;

export const REGISTER_INPUTS: Record<ProgrammeRegister, readonly RegisterInput[]> = {
  campaigns: [
    { name: 'title', kind: 'text' },
    { name: 'startsOn', kind: 'date' },
    { name: 'endsOn', kind: 'date' },
    { name: 'country', kind: 'country' },
    { name: 'area', kind: 'text' },
    { name: 'channel', kind: 'choice', codes: campaign.channel.options, texts: 'channels' },
    { name: 'targetGroup', kind: 'choice', codes: campaign.targetGroup.options, texts: 'targetGroups' },
    { name: 'method', kind: 'choice', codes: campaign.method.options, texts: 'methods' },
    { name: 'source', kind: 'text' },
    { name: 'reach', kind: 'reach' },
  ],
  institutions: [
    { name: 'name', kind: 'text' },
    { name: 'sector', kind: 'choice', codes: institution.sector.options, texts: 'sectors' },
    {
      name: 'organisationType',
      kind: 'choice',
      codes: institution.organisationType.options,
      texts: 'organisationTypes',
    },
    { name: 'country', kind: 'country' },
  ],
  'capacity-events': [
    { name: 'topic', kind: 'text' },
    { name: 'startsOn', kind: 'date' },
    { name: 'endsOn', kind: 'date' },
    { name: 'country', kind: 'country' },
    { name: 'area', kind: 'text' },
    { name: 'format', kind: 'choice', codes: event.format.options, texts: 'formats' },
    { name: 'participants', kind: 'participants' },
  ],
  'diaspora-projects': [
    { name: 'title', kind: 'text' },
    { name: 'startsOn', kind: 'date' },
    { name: 'endsOn', kind: 'date' },
    { name: 'sector', kind: 'choice', codes: project.sector.options, texts: 'diasporaSectors' },
    { name: 'country', kind: 'country' },
    { name: 'area', kind: 'text' },
    { name: 'diasporaPromoters', kind: 'switch' },
    { name: 'promotersResidence', kind: 'country' },
    { name: 'investment', kind: 'amount' },
    { name: 'currency', kind: 'currency' },
    { name: 'jobsCreated', kind: 'number' },
    { name: 'returneesInvolved', kind: 'switch' },
  ],
};

export type Count = number | string;
export type ReachGrid = Record<ReachSex, Record<ReachAgeBand, Count>>;
export interface ParticipantRow {
  /** Only to keep React's rows apart; never sent. */
  key: string;
  institutionId: string | null;
  women: Count;
  men: Count;
}
/** The form's values: text and dates as typed, choices null until chosen, counts '' until given. */
export type RegisterFormValues = Record<string, unknown>;

let rowKeys = 0;
export function participantRow(row?: { institutionId: string; women: number; men: number }): ParticipantRow {
  rowKeys += 1;
  return {
    key: `participant-${rowKeys}`,
    institutionId: row?.institutionId ?? null,
    women: row?.women ?? '',
    men: row?.men ?? '',
  };
}

function emptyGrid(): ReachGrid {
  return Object.fromEntries(
    REACH_SEXES.map((sex) => [sex, Object.fromEntries(REACH_AGE_BANDS.map((band) => [band, '']))]),
  ) as ReachGrid;
}

/** The values a form starts from: the record's fields, or nothing given yet. */
export function registerFormValues(register: ProgrammeRegister, fields?: Record<string, unknown>): RegisterFormValues {
  const values: RegisterFormValues = {};
  for (const input of REGISTER_INPUTS[register]) {
    const value = fields?.[input.name];
    switch (input.kind) {
      case 'reach': {
        const grid = emptyGrid();
        for (const cell of (value as ReachCell[] | undefined) ?? []) grid[cell.sex][cell.ageBand] = cell.people;
        values.reach = grid;
        break;
      }
      case 'participants': {
        const rows = (value as { institutionId: string; women: number; men: number }[] | undefined) ?? [];
        values.participants = rows.length > 0 ? rows.map((row) => participantRow(row)) : [participantRow()];
        break;
      }
      case 'choice':
      case 'country':
        values[input.name] = value ?? null;
        break;
      case 'number':
      case 'amount':
        values[input.name] = value ?? '';
        break;
      case 'switch':
        values[input.name] = value ?? false;
        break;
      default:
        values[input.name] = value ?? '';
    }
  }
  return values;
}

const countOf = (value: unknown) => (value === '' || value === null || value === undefined ? undefined : Number(value));

/** The cells of the grid that were given, in the order sent (an error on `reach.<n>` names the n-th). */
function reachCells(grid: ReachGrid): { sex: ReachSex; ageBand: ReachAgeBand; people: number | undefined }[] {
  return REACH_SEXES.flatMap((sex) =>
    REACH_AGE_BANDS.flatMap((ageBand) =>
      grid[sex][ageBand] === '' ? [] : [{ sex, ageBand, people: countOf(grid[sex][ageBand]) }],
    ),
  );
}

/** The record's fields as the API takes them: empty inputs absent, so the schema names what is missing. */
export function registerFields(register: ProgrammeRegister, values: RegisterFormValues): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const input of REGISTER_INPUTS[register]) {
    const value = values[input.name];
    if (input.kind === 'reach') fields.reach = reachCells(value as ReachGrid);
    else if (input.kind === 'participants')
      fields.participants = (value as ParticipantRow[]).map((row) => ({
        institutionId: row.institutionId ?? undefined,
        women: countOf(row.women),
        men: countOf(row.men),
      }));
    else if (input.kind === 'number' || input.kind === 'amount') fields[input.name] = countOf(value);
    else if (input.kind === 'switch') fields[input.name] = Boolean(value);
    else fields[input.name] = value === null || value === '' ? undefined : value;
  }
  return fields;
}

/** Every input's path in the order the form shows them: the first wrong one gets the focus. */
export function registerInputOrder(register: ProgrammeRegister, values: RegisterFormValues): string[] {
  return REGISTER_INPUTS[register].flatMap((input) => {
    if (input.kind === 'reach')
      return ['reach', ...REACH_SEXES.flatMap((sex) => REACH_AGE_BANDS.map((band) => `reach.${sex}.${band}`))];
    if (input.kind === 'participants')
      return [
        'participants',
        ...(values.participants as ParticipantRow[]).flatMap((_, index) => [
          `participants.${index}.institutionId`,
          `participants.${index}.women`,
          `participants.${index}.men`,
        ]),
      ];
    return [input.name];
  });
}

const LAYOUT: FieldLayout = {
  choiceFields: [
    'channel',
    'targetGroup',
    'method',
    'sector',
    'organisationType',
    'format',
    'country',
    'institutionId',
  ],
  ownMessages: true,
};

/**
 * Errors keyed by the input that shows them. The schema and the API name a reach cell by its place in the list
 * sent (`reach.3.people`); the form shows it on the grid's cell for that sex and age band.
 */
function toInputPaths(errors: Record<string, string>, values: RegisterFormValues): Record<string, string> {
  const cells = values.reach ? reachCells(values.reach as ReachGrid) : [];
  const shown: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const cell = /^reach\.(\d+)(?:\.|$)/.exec(path);
    const at =
      cell && cells[Number(cell[1])] ? `reach.${cells[Number(cell[1])]!.sex}.${cells[Number(cell[1])]!.ageBand}` : path;
    shown[at] ??= message;
  }
  return shown;
}

export type RegisterCheck =
  | { ok: true; fields: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

/** Checks the form with the register's schema in the contract, messages in the reader's language. */
export function checkRegisterForm(
  register: ProgrammeRegister,
  values: RegisterFormValues,
  tApp: TFunction,
  messages: Record<string, string>,
): RegisterCheck {
  const result = validateWithSchema(REGISTER_FIELDS[register], registerFields(register, values), tApp, LAYOUT);
  if (result.ok) return { ok: true, fields: result.data as Record<string, unknown> };
  return { ok: false, errors: translateFeatureMessages(toInputPaths(result.errors, values), messages) };
}

/** The API's 400 names fields as `fields.<path>`: shown on the same inputs as the form's own checks. */
export function registerServerErrors(
  error: unknown,
  values: RegisterFormValues,
  tApp: TFunction,
  messages: Record<string, string>,
): Record<string, string> {
  const errors = serverFieldErrors(error, tApp, LAYOUT);
  const unprefixed = Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [field.replace(/^fields\.?/, '') || 'fields', message]),
  );
  return translateFeatureMessages(toInputPaths(unprefixed, values), messages);
}

/**
 * The API's reasons for refusing a record as it stands (409), by their words. They are kept apart from the
 * `messages` table, whose keys may not hold the colon and full stop these sentences have.
 */
const REFUSALS = {
  'This institution took part in a capacity-building event: remove it from the event first.': 'refusals.inUse',
  'This institution is already in the register (same name and country).': 'refusals.duplicate',
} as const satisfies Record<string, string>;

/** The key of a refusal's text, or none for words the form does not know (shown as the API wrote them). */
export function refusalKey(message: string): (typeof REFUSALS)[keyof typeof REFUSALS] | undefined {
  return (REFUSALS as Record<string, (typeof REFUSALS)[keyof typeof REFUSALS]>)[message];
}
