import {
  REACH_AGE_BANDS,
  REACH_SEXES,
  type InstitutionFields,
  type ProgrammeRegister,
  type RegisterRecord,
} from '@haven/contracts';
import {
  Alert,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api-client';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { mergeUntouched } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { featureMessages } from '../../../app/i18n/module-messages';
import { countryName, countryOptions } from '../../../app/text/format';
import { fetchRecordQuery, useCreateRecord, useInstitutionChoices, useUpdateRecord } from '../hooks/use-programme';
import {
  checkRegisterForm,
  participantRow,
  REGISTER_INPUTS,
  registerFormValues,
  registerInputOrder,
  refusalKey,
  registerServerErrors,
  type ParticipantRow,
  type RegisterFormValues,
  type RegisterInput,
} from '../utils/register-form';

/** The most institutions one event lists (the contract's limit). */
const MOST_PARTICIPANT_ROWS = 500;

/**
 * Adds a record to a register (no `record`) or changes one from the version read. The inputs are the register's
 * fields in the contract; a change sends them whole with that version, and a 409 offers to reload what someone
 * else saved meanwhile, keeping what was typed here.
 */
export function RegisterRecordForm({
  register,
  record,
  onDone,
}: {
  register: ProgrammeRegister;
  record?: RegisterRecord;
  onDone: () => void;
}) {
  const { t } = useTranslation('programme');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const create = useCreateRecord(register);
  const update = useUpdateRecord(register, record?.id ?? '');
  const mutation = record ? update : create;
  const [base, setBase] = useState(() => ({
    version: record?.version ?? 0,
    values: registerFormValues(register, record?.fields as Record<string, unknown> | undefined),
  }));
  const messages = featureMessages(t);
  const refusalOf = (message: string) => {
    const key = refusalKey(message);
    return key ? t(key) : message;
  };
  const form = useLiveForm<RegisterFormValues>(base.values, (values) => {
    const result = checkRegisterForm(register, values, tApp, messages);
    return result.ok ? {} : result.errors;
  });

  const onError = (error: unknown) => {
    const errors = registerServerErrors(error, form.getValues(), tApp, messages);
    form.setErrors(errors);
    focusFirstRegisterError(form, errors, register);
  };

  const submit = form.onSubmit(
    (values) => {
      const result = checkRegisterForm(register, values, tApp, messages);
      if (!result.ok) return;
      const onSuccess = () => {
        notifySaved(t(record ? 'form.saved' : 'form.added'));
        onDone();
      };
      if (record) update.mutate({ version: base.version, fields: result.fields }, { onSuccess, onError });
      else create.mutate(result.fields, { onSuccess, onError });
    },
    (errors) => focusFirstRegisterError(form, errors, register),
  );

  const reload = async () => {
    if (!record) return;
    const latest = await queryClient.fetchQuery(fetchRecordQuery(register, record.id));
    const freshValues = registerFormValues(register, latest.fields as Record<string, unknown>);
    form.setValues(mergeUntouched(form.getValues(), base.values, freshValues));
    setBase({ version: latest.version, values: freshValues });
    mutation.reset();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {isApiError(mutation.error, 409) && mutation.error.currentVersion === undefined ? (
          // Refused as it stands (an institution already registered under that name and country): the API's words.
          <Alert color="yellow" variant="light" role="alert">
            <Text size="sm" c="gray.9">
              {refusalOf(mutation.error.message)}
            </Text>
          </Alert>
        ) : (
          <FormProblem error={mutation.error} fields={['fields']} onReload={reload} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {REGISTER_INPUTS[register].map((input, index) =>
            input.kind === 'reach' || input.kind === 'participants' ? null : (
              <RegisterField key={input.name} input={input} form={form} first={index === 0} />
            ),
          )}
        </SimpleGrid>
        {register === 'campaigns' && <ReachGridInput form={form} />}
        {register === 'capacity-events' && <ParticipantsInput form={form} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {record ? tApp('app.save') : t('form.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Form = ReturnType<typeof useLiveForm<RegisterFormValues>>;

/** The first wrong input gets the focus; an error on a whole grid or list, its first input. */
function focusFirstRegisterError(form: Form, errors: Record<string, unknown>, register: ProgrammeRegister) {
  const order = registerInputOrder(register, form.getValues());
  const first = order.find((path) => errors[path]);
  const wholeList: Record<string, string> = {
    reach: `reach.${REACH_SEXES[0]}.${REACH_AGE_BANDS[0]}`,
    participants: 'participants.0.institutionId',
  };
  if (first && wholeList[first]) form.getInputNode(wholeList[first])?.focus();
  else focusFirstError(form, errors, order);
}

/** One input of the register's fields, by its kind in the contract. */
function RegisterField({ input, form, first }: { input: RegisterInput; form: Form; first: boolean }) {
  const { t, i18n } = useTranslation('programme');
  const { t: tApp } = useTranslation();
  // Keys made from the contract's codes: translations.spec.ts checks every code has a text.
  const text = t as unknown as (key: string) => string;
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const label = text(`form.labels.${input.name}`);
  const common = { label, 'data-autofocus': first || undefined };
  switch (input.kind) {
    case 'choice':
      return (
        <Select
          {...common}
          placeholder={tApp('app.choose')}
          data={input.codes.map((code) => ({ value: code, label: text(`${input.texts}.${code}`) }))}
          allowDeselect={false}
          required
          {...form.getInputProps(input.name)}
        />
      );
    case 'country':
      return (
        <Select
          {...common}
          placeholder={tApp('app.choose')}
          data={countries}
          searchable
          allowDeselect={false}
          required
          nothingFoundMessage={t('form.noCountry')}
          maxDropdownHeight={240}
          {...form.getInputProps(input.name)}
        />
      );
    case 'date':
      return <TextInput {...common} type="date" required {...form.getInputProps(input.name)} />;
    case 'number':
      return (
        <NumberInput
          {...common}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          required
          {...form.getInputProps(input.name)}
        />
      );
    case 'amount':
      return <NumberInput {...common} min={0} allowNegative={false} required {...form.getInputProps(input.name)} />;
    case 'currency':
      return (
        <TextInput
          {...common}
          description={t('form.currencyHint')}
          dir="ltr"
          maxLength={3}
          autoComplete="off"
          required
          {...form.getInputProps(input.name)}
        />
      );
    case 'switch':
      return <Switch {...common} mt="md" {...form.getInputProps(input.name, { type: 'checkbox' })} />;
    default:
      return <TextInput {...common} required {...form.getInputProps(input.name)} />;
  }
}

/** People reached by sex and age band: a cell left empty is not counted, as the import's empty columns. */
function ReachGridInput({ form }: { form: Form }) {
  const { t } = useTranslation('programme');
  const error = form.errors.reach;
  const hint = useId();
  return (
    <Fieldset legend={t('form.labels.reach')} aria-describedby={hint}>
      <Text id={hint} size="sm" c="dimmed" mb="xs">
        {t('form.reachHint')}
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={4} withRowBorders={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">
                <Text size="sm" fw={600} component="span">
                  {t('form.sex')}
                </Text>
              </Table.Th>
              {REACH_AGE_BANDS.map((band) => (
                <Table.Th key={band} scope="col">
                  {t(`ageBands.${band}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {REACH_SEXES.map((sex) => (
              <Table.Tr key={sex}>
                <Table.Th scope="row">{t(`sexes.${sex}`)}</Table.Th>
                {REACH_AGE_BANDS.map((band) => (
                  <Table.Td key={band}>
                    <NumberInput
                      aria-label={t('form.reachCell', { sex: t(`sexes.${sex}`), band: t(`ageBands.${band}`) })}
                      min={0}
                      allowDecimal={false}
                      allowNegative={false}
                      hideControls
                      size="xs"
                      {...form.getInputProps(`reach.${sex}.${band}`)}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {error && (
        <Text size="sm" c="red.9" role="alert">
          {error}
        </Text>
      )}
    </Fieldset>
  );
}

/** The institutions that took part, from the register, with women and men per institution. */
function ParticipantsInput({ form }: { form: Form }) {
  const { t, i18n } = useTranslation('programme');
  const { t: tApp } = useTranslation();
  const institutions = useInstitutionChoices(true);
  const rows = form.getValues().participants as ParticipantRow[];
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const options = useMemo(
    () => institutionOptions(institutions.data ?? [], i18n.language),
    [institutions.data, i18n.language],
  );

  // A row added or removed moves the focus to where the user continues: the new row's institution, or the list.
  useEffect(() => {
    if (focusRow === null) return;
    form.getInputNode(`participants.${focusRow}.institutionId`)?.focus();
    setFocusRow(null);
  }, [focusRow, form]);

  return (
    <Fieldset legend={t('form.labels.participants')}>
      <Stack gap="sm">
        {institutions.isError ? (
          <Text size="sm" c="red.9" role="alert">
            {t('form.institutionsError')}
          </Text>
        ) : institutions.isSuccess && options.length === 0 ? (
          <Text size="sm" c="red.9" role="status">
            {t('form.noInstitutions')}
          </Text>
        ) : null}
        {rows.map((row, index) => (
          <Group key={row.key} align="flex-start" gap="sm" wrap="wrap">
            <Select
              label={t('form.institution', { number: index + 1 })}
              placeholder={institutions.isPending ? t('form.institutionsLoading') : tApp('app.choose')}
              data={options}
              searchable
              allowDeselect={false}
              required
              disabled={institutions.isPending}
              nothingFoundMessage={t('form.noInstitutionMatch')}
              maxDropdownHeight={240}
              style={{ flex: '1 1 16rem' }}
              {...form.getInputProps(`participants.${index}.institutionId`)}
            />
            <NumberInput
              label={t('form.women')}
              min={0}
              allowDecimal={false}
              allowNegative={false}
              w={110}
              {...form.getInputProps(`participants.${index}.women`)}
            />
            <NumberInput
              label={t('form.men')}
              min={0}
              allowDecimal={false}
              allowNegative={false}
              w={110}
              {...form.getInputProps(`participants.${index}.men`)}
            />
            <Button
              variant="subtle"
              color="red.9"
              c="red.9"
              size="xs"
              mt={28}
              disabled={rows.length === 1}
              onClick={() => {
                form.removeListItem('participants', index);
                setFocusRow(Math.max(0, index - 1));
              }}
            >
              {t('form.removeInstitution', { number: index + 1 })}
            </Button>
          </Group>
        ))}
        {form.errors.participants && (
          <Text size="sm" c="red.9" role="alert">
            {form.errors.participants}
          </Text>
        )}
        {rows.length < MOST_PARTICIPANT_ROWS && (
          <Group>
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                form.insertListItem('participants', participantRow());
                setFocusRow(rows.length);
              }}
            >
              {t('form.addInstitution')}
            </Button>
          </Group>
        )}
      </Stack>
    </Fieldset>
  );
}

/** Institutions by name; the country is added where two share a name (they are registered once per country). */
function institutionOptions(
  institutions: { id: string; fields: InstitutionFields }[],
  language: string,
): { value: string; label: string }[] {
  const names = new Map<string, number>();
  for (const institution of institutions)
    names.set(institution.fields.name, (names.get(institution.fields.name) ?? 0) + 1);
  const collator = new Intl.Collator(language);
  return institutions
    .map(({ id, fields }) => ({
      value: id,
      label:
        (names.get(fields.name) ?? 0) > 1 ? `${fields.name} (${countryName(fields.country, language)})` : fields.name,
    }))
    .sort((left, right) => collator.compare(left.label, right.label));
}
