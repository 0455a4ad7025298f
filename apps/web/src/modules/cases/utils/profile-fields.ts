import {
  CASE_PROFILE_FIELDS,
  TRAFFICKING_PROFILE_FIELDS,
  countryCodeSchema,
  updateCaseRequestSchema,
  type CaseProfileField,
} from '@haven/contracts';
import { codeTextsOf } from '../../../app/i18n/code-lists';

/**
 * What a profile field holds, read from its contract schema: one code or a list of codes (a `z.enum`), one
 * country or a list of countries (the contract's country code), a number, a date, a yes/no, or free text.
 */
export type ProfileFieldKind = 'code' | 'codes' | 'country' | 'countries' | 'number' | 'date' | 'boolean' | 'text';

/** Where the profile shows a field: the person, the trafficking situation, or the countries it went through. */
export type ProfileSection = 'person' | 'trafficking' | 'countries';

export interface ProfileField {
  name: CaseProfileField;
  kind: ProfileFieldKind;
  section: ProfileSection;
  /** For codes: those the schema accepts, in its order, and where their texts are (`enums.<group>`). */
  codes: readonly string[];
  codeTexts: string | undefined;
  /** For a number: the bounds the schema sets, and whether only whole numbers are accepted. */
  min?: number;
  max?: number;
  whole?: boolean;
}

/**
 * The little of a zod schema read here. zod 4 exposes it on every schema (`def.type`, `options`, `minValue`…);
 * reading it structurally keeps this module from depending on zod's classes.
 */
interface SchemaFacts {
  def: { type: string; innerType?: SchemaFacts; element?: SchemaFacts; format?: string | null };
  options?: readonly string[];
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
}

const COUNTRY = countryCodeSchema as unknown as SchemaFacts;
const TRAFFICKING: readonly string[] = TRAFFICKING_PROFILE_FIELDS;

function unwrapped(schema: SchemaFacts): SchemaFacts {
  return schema.def.type === 'optional' && schema.def.innerType ? unwrapped(schema.def.innerType) : schema;
}

function describe(name: CaseProfileField): ProfileField {
  const schema = unwrapped(updateCaseRequestSchema.shape[name] as unknown as SchemaFacts);
  const list = schema.def.type === 'array' && schema.def.element ? unwrapped(schema.def.element) : undefined;
  const single = list ?? schema;
  const codes = single.def.type === 'enum' ? (single.options ?? []) : [];
  const kind: ProfileFieldKind =
    single === COUNTRY
      ? list
        ? 'countries'
        : 'country'
      : single.def.type === 'enum'
        ? list
          ? 'codes'
          : 'code'
        : single.def.type === 'number'
          ? 'number'
          : single.def.type === 'boolean'
            ? 'boolean'
            : single.def.format === 'date'
              ? 'date'
              : 'text';
  const section: ProfileSection = !TRAFFICKING.includes(name)
    ? 'person'
    : kind === 'countries'
      ? 'countries'
      : 'trafficking';
  return {
    name,
    kind,
    section,
    codes,
    codeTexts: codes.length > 0 ? codeTextsOf(codes) : undefined,
    ...(kind === 'number'
      ? {
          min: schema.minValue ?? undefined,
          max: schema.maxValue ?? undefined,
          whole: schema.isInt ?? false,
        }
      : {}),
  };
}

/**
 * Every field the profile shows and edits, in the contract's order (CASE_PROFILE_FIELDS): the form, the
 * read-only page and the history take their lists, inputs and labels from here, so a plain field added to
 * the contract needs only its label (`profile.<field>` in the cases catalogue) in each language.
 */
export const PROFILE_FIELDS: readonly ProfileField[] = CASE_PROFILE_FIELDS.map(describe);

const BY_NAME = new Map<string, ProfileField>(PROFILE_FIELDS.map((field) => [field.name, field]));

/** The profile field of that name, or undefined for any other (a history entry names fields of every section). */
export function profileField(name: string): ProfileField | undefined {
  return BY_NAME.get(name);
}

/** Whether the field holds a list, which the form sends whole. */
export function holdsList(field: ProfileField): boolean {
  return field.kind === 'codes' || field.kind === 'countries';
}

/** Whether the field is one choice among codes or countries, which the validation names "choose an option". */
export function isChoice(field: ProfileField): boolean {
  return field.kind === 'code' || field.kind === 'country';
}

/** Where the field's recorded value is: the person's fields on the case, the others in its trafficking profile. */
export function isTraffickingField(name: CaseProfileField): boolean {
  return TRAFFICKING.includes(name);
}
