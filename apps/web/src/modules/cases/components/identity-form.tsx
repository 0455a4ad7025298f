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
import { countryOptions } from '../../../app/text/format';
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
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const save = useUpdateIdentity(detail.id);
  // The identity is versioned with its case: an edit starts from the case version on screen.
  const base = useBaseVersion<CaseDetail>(detail.version, caseKeys.detail(detail.id), readCaseVersion);
  const [initial, setInitial] = useState(() => identityFormValues(identity));
  const form = useLiveForm<IdentityFormValues>(initial, (values) => {
    const result = validateIdentityForm(values, base.version, t);
    return result.ok ? {} : result.errors;
  });
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const today = todayIso();

  const submit = form.onSubmit(
    (values) => {
      const result = validateIdentityForm(values, base.version, t);
      if (!result.ok) return;
      if (!hasChanges(values, initial)) return onDone();
      save.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('cases.identity.saved'));
          onDone();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, t, IDENTITY_LAYOUT);
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
    <form onSubmit={submit} noValidate aria-label={t('cases.identity.edit')}>
      <Stack gap="lg">
        <FormProblem error={save.error} fields={IDENTITY_FORM_FIELDS} onReload={reload} />
        <Fieldset legend={t('cases.identity.namesSection')}>
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('cases.identity.givenName')}
                autoComplete="off"
                required
                {...form.getInputProps('givenName')}
              />
              <TextInput
                label={t('cases.identity.familyName')}
                autoComplete="off"
                {...form.getInputProps('familyName')}
              />
            </SimpleGrid>
            <TagsInput
              label={t('cases.identity.aliases')}
              description={t('cases.identity.aliasesHint')}
              clearable
              {...form.getInputProps('aliases')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                type="date"
                label={t('cases.identity.dateOfBirth')}
                max={today}
                {...form.getInputProps('dateOfBirth')}
              />
              <NumberInput
                label={t('cases.register.estimatedAge')}
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
              label={t('cases.identity.languages')}
              description={
                languages.length > 0
                  ? t('cases.identity.languagesNamed', {
                      names: languages.map((code) => languageName(code, i18n.language)).join(', '),
                    })
                  : t('cases.identity.languagesHint')
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

        <Fieldset legend={t('cases.identity.contactSection')}>
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                type="tel"
                dir="ltr"
                label={t('cases.identity.phone')}
                description={t('cases.identity.phoneHint')}
                autoComplete="off"
                {...form.getInputProps('contact.phone')}
              />
              <TextInput
                type="email"
                dir="ltr"
                label={t('cases.identity.email')}
                autoComplete="off"
                {...form.getInputProps('contact.email')}
              />
            </SimpleGrid>
            <Textarea
              label={t('cases.identity.address')}
              description={t('cases.identity.addressHint')}
              autosize
              minRows={2}
              {...form.getInputProps('contact.address')}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('cases.identity.documents')}>
          <Stack gap="md">
            {form.values.documents.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('cases.identity.noDocuments')}
              </Text>
            )}
            {form.values.documents.map((_document, index) => (
              <Paper
                key={index}
                withBorder
                p="sm"
                component="fieldset"
                aria-label={t('cases.identity.documentN', { number: index + 1 })}
              >
                <Stack gap="sm">
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <Select
                      label={t('cases.identity.documentKind')}
                      placeholder={t('cases.register.choose')}
                      data={DOCUMENT_KINDS.map((kind) => ({ value: kind, label: t(`enums.documentKind.${kind}`) }))}
                      allowDeselect={false}
                      required
                      {...form.getInputProps(`documents.${index}.kind`)}
                    />
                    <Select
                      label={t('cases.identity.documentState')}
                      placeholder={t('cases.register.choose')}
                      data={DOCUMENT_STATES.map((state) => ({
                        value: state,
                        label: t(`enums.documentState.${state}`),
                      }))}
                      allowDeselect={false}
                      required
                      {...form.getInputProps(`documents.${index}.state`)}
                    />
                    <TextInput
                      label={t('cases.identity.documentNumber')}
                      dir="ltr"
                      autoComplete="off"
                      {...form.getInputProps(`documents.${index}.number`)}
                    />
                    <Select
                      label={t('cases.identity.issuingCountry')}
                      placeholder={t('cases.register.nationalityPlaceholder')}
                      data={countries}
                      searchable
                      clearable
                      nothingFoundMessage={t('cases.register.noCountry')}
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
                      {t('cases.identity.removeDocument', { number: index + 1 })}
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
                  {t('cases.identity.addDocument')}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>

        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('cases.identity.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
