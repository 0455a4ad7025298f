import { DOCUMENT_KINDS, DOCUMENT_STATES, type CaseDetail, type SurvivorIdentity } from '@haven/contracts';
import {
  Button,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { hasChanges, mergeUntouched, serverFieldErrors, todayIso } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { caseKeys } from '../hooks/case-cache';
import { useBaseVersion } from '../hooks/use-base-version';
import { useUpdateIdentity } from '../hooks/use-cases';
import { countryOptions, formatList } from '../../../app/text/format';
import {
  emptyDocument,
  IDENTITY_FORM_FIELDS,
  IDENTITY_LAYOUT,
  identityFormValues,
  languageName,
  validateIdentityForm,
  type IdentityFormValues,
} from '../utils/identity-form';

const FOCUS_ORDER = [
  'givenName',
  'familyName',
  'aliases',
  'dateOfBirth',
  'estimatedAge',
  'languages',
  'contact.phone',
  'contact.email',
  'contact.address',
];
const readCaseVersion = (fresh: CaseDetail) => fresh.version;

/** Corrects or completes the survivor's identity; the change is recorded in the history without its values. */
export function IdentityForm({
  detail,
  identity,
  onDone,
}: {
  detail: CaseDetail;
  identity: SurvivorIdentity;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const save = useUpdateIdentity(detail.id);
  // The identity is versioned with its case: an edit starts from the case version on screen.
  const base = useBaseVersion<CaseDetail>(detail.version, caseKeys.detail(detail.id), readCaseVersion);
  const [initial, setInitial] = useState(() => identityFormValues(identity));
  const form = useLiveForm<IdentityFormValues>(initial, (values) => {
    const result = validateIdentityForm(values, base.version, tc);
    return result.ok ? {} : result.errors;
  });
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const today = todayIso();

  const submit = form.onSubmit(
    (values) => {
      const result = validateIdentityForm(values, base.version, tc);
      if (!result.ok) return;
      if (!hasChanges(values, initial)) return onDone();
      save.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('identity.saved'));
          onDone();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, tc, IDENTITY_LAYOUT);
          form.setErrors(errors);
          focusFirstError(form, errors, FOCUS_ORDER);
        },
      });
    },
    (errors) => focusFirstError(form, errors, FOCUS_ORDER),
  );

  const reload = async () => {
    await base.reload();
    // Reading the identity again is a new, audited read: the user asked for it by choosing Reload.
    await queryClient.refetchQueries({ queryKey: caseKeys.identity(detail.id), exact: true });
    const fresh = queryClient.getQueryData<SurvivorIdentity>(caseKeys.identity(detail.id));
    if (fresh) {
      const freshValues = identityFormValues(fresh);
      form.setValues(mergeUntouched(form.getValues(), initial, freshValues));
      setInitial(freshValues);
    }
    save.reset();
  };

  const languages = form.values.languages;

  return (
    <form onSubmit={submit} noValidate aria-label={t('identity.edit')}>
      <Stack gap="lg">
        <FormProblem error={save.error} fields={IDENTITY_FORM_FIELDS} onReload={reload} />
        <Fieldset legend={t('identity.namesSection')}>
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('identity.givenName')}
                autoComplete="off"
                required
                {...form.getInputProps('givenName')}
              />
              <TextInput label={t('identity.familyName')} autoComplete="off" {...form.getInputProps('familyName')} />
            </SimpleGrid>
            <TagsInput
              label={t('identity.aliases')}
              description={t('identity.aliasesHint')}
              clearable
              {...form.getInputProps('aliases')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                type="date"
                label={t('identity.dateOfBirth')}
                max={today}
                {...form.getInputProps('dateOfBirth')}
              />
              <NumberInput
                label={t('register.estimatedAge')}
                min={0}
                max={120}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                hideControls
                inputMode="numeric"
                {...form.getInputProps('estimatedAge')}
              />
            </SimpleGrid>
            <TagsInput
              label={t('identity.languages')}
              description={
                languages.length > 0
                  ? t('identity.languagesNamed', {
                      names: formatList(
                        languages.map((code) => languageName(code, i18n.language)),
                        i18n.language,
                      ),
                    })
                  : t('identity.languagesHint')
              }
              clearable
              {...form.getInputProps('languages')}
              onChange={(value) =>
                form.setFieldValue(
                  'languages',
                  value.map((code) => code.trim().toLowerCase()),
                )
              }
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('identity.contactSection')}>
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                type="tel"
                dir="ltr"
                label={t('identity.phone')}
                description={t('identity.phoneHint')}
                autoComplete="off"
                {...form.getInputProps('contact.phone')}
              />
              <TextInput
                type="email"
                dir="ltr"
                label={t('identity.email')}
                autoComplete="off"
                {...form.getInputProps('contact.email')}
              />
            </SimpleGrid>
            <Textarea
              label={t('identity.address')}
              description={t('identity.addressHint')}
              autosize
              minRows={2}
              {...form.getInputProps('contact.address')}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('identity.documents')}>
          <Stack gap="md">
            {form.values.documents.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('identity.noDocuments')}
              </Text>
            )}
            {form.values.documents.map((_document, index) => (
              <Paper
                key={index}
                withBorder
                p="sm"
                component="fieldset"
                aria-label={t('identity.documentN', { number: index + 1 })}
              >
                <Stack gap="sm">
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <Select
                      label={t('identity.documentKind')}
                      placeholder={t('common:app.choose')}
                      data={DOCUMENT_KINDS.map((kind) => ({
                        value: kind,
                        label: t(`common:enums.documentKind.${kind}`),
                      }))}
                      allowDeselect={false}
                      required
                      {...form.getInputProps(`documents.${index}.kind`)}
                    />
                    <Select
                      label={t('identity.documentState')}
                      placeholder={t('common:app.choose')}
                      data={DOCUMENT_STATES.map((state) => ({
                        value: state,
                        label: t(`common:enums.documentState.${state}`),
                      }))}
                      allowDeselect={false}
                      required
                      {...form.getInputProps(`documents.${index}.state`)}
                    />
                    <TextInput
                      label={t('identity.documentNumber')}
                      dir="ltr"
                      autoComplete="off"
                      {...form.getInputProps(`documents.${index}.number`)}
                    />
                    <Select
                      label={t('identity.issuingCountry')}
                      placeholder={t('register.nationalityPlaceholder')}
                      data={countries}
                      searchable
                      clearable
                      nothingFoundMessage={t('register.noCountry')}
                      maxDropdownHeight={240}
                      {...form.getInputProps(`documents.${index}.issuingCountry`)}
                    />
                  </SimpleGrid>
                  <Group justify="flex-end">
                    <Button
                      variant="subtle"
                      color="red.9"
                      c="red.9"
                      size="xs"
                      onClick={() => form.removeListItem('documents', index)}
                    >
                      {t('identity.removeDocument', { number: index + 1 })}
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            ))}
            {form.values.documents.length < 10 && (
              <Group>
                <Button
                  variant="default"
                  size="xs"
                  onClick={() => form.insertListItem('documents', { ...emptyDocument })}
                >
                  {t('identity.addDocument')}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>

        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('identity.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common:app.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
