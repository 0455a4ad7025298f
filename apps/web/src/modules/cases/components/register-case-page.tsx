import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../../app/api-client';
import { translateValidationMessage } from '../../../app/i18n/validation-messages';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useDuplicateCheck, useRegisterCase } from '../hooks/use-cases';
import { countryOptions, formatList } from '../../../app/text/format';
import {
  duplicateCheckOf,
  emptyRegisterForm,
  exploitationValues,
  genderValues,
  incomingReferralSourceValues,
  REGISTER_FORM_FIELDS,
  riskValues,
  validateRegisterForm,
  type RegisterFormValues,
} from '../utils/register-form';

export function RegisterCasePage() {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const { t: tc } = useTranslation();
  usePageTitle(t('register.title'));
  const navigate = useNavigate();
  const register = useRegisterCase();
  const [problem, setProblem] = useState<string | null>(null);
  const today = new Date().toISOString().slice(0, 10);

  const form = useForm<RegisterFormValues>({
    mode: 'controlled',
    initialValues: emptyRegisterForm,
    // Night intake is fast and stressful: say what is wrong while typing, not after a failed submit.
    validateInputOnChange: true,
    validateInputOnBlur: true,
    validate: (values) => {
      const result = validateRegisterForm(values, tc);
      return result.ok ? {} : result.errors;
    },
  });

  // Either a birth date or an age satisfies the rule, so filling one clears the other's complaint.
  form.watch('dateOfBirth', ({ value }) => {
    if (value) form.clearFieldError('estimatedAge');
  });

  // Messages already on screen are re-worded when the language changes, not left in the previous one.
  const shownLanguage = useRef(i18n.language);
  useEffect(() => {
    if (shownLanguage.current === i18n.language) return;
    shownLanguage.current = i18n.language;
    const shown = Object.keys(form.errors);
    if (shown.length === 0) return;
    const result = validateRegisterForm(form.getValues(), tc);
    const reworded = result.ok
      ? []
      : shown.filter((field) => result.errors[field]).map((field) => [field, result.errors[field]]);
    form.setErrors(Object.fromEntries(reworded));
  }, [i18n.language, form, tc]);

  // Once a name and an age are there, ask (after a pause in typing) whether this person may already be
  // registered, so the warning comes before a second record splits her history and her consent.
  const [duplicateKey] = useDebouncedValue(duplicateCheckOf(form.values), 600);
  const duplicates = useDuplicateCheck(duplicateKey ? JSON.parse(duplicateKey) : null);
  const possibleDuplicates = duplicateKey ? (duplicates.data?.possibleDuplicates ?? []) : [];
  // A possible duplicate among cases she may not open: no reference, her supervisors are told which case it is.
  const withheldDuplicate = duplicateKey ? (duplicates.data?.withheldDuplicate ?? false) : false;
  const checksExhausted = duplicateKey !== null && isApiError(duplicates.error, 429);

  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const sexOptions = genderValues.map((value) => ({ value, label: t(`common:enums.gender.${value}`) }));
  const exploitationOptions = exploitationValues.map((value) => ({
    value,
    label: t(`common:enums.exploitation.${value}`),
  }));
  const sourceOptions = incomingReferralSourceValues.map((value) => ({
    value,
    label: t(`common:enums.incomingReferralSource.${value}`),
  }));

  const focusFirstError = (errors: Record<string, unknown>) => {
    const first = REGISTER_FORM_FIELDS.find((field) => errors[field]);
    if (first) form.getInputNode(first)?.focus();
  };

  const submit = form.onSubmit(
    (values) => {
      const result = validateRegisterForm(values, tc);
      if (!result.ok) return;
      setProblem(null);
      register.mutate(result.request, {
        onSuccess: (created) => {
          const duplicates = created.possibleDuplicates ?? [];
          if (created.withheldDuplicate) {
            notifications.show({
              color: 'yellow',
              autoClose: false,
              title: t('register.duplicatesTitle'),
              message: t('register.duplicatesWithheldAfter'),
              closeButtonProps: { 'aria-label': t('common:app.close') },
              styles: { description: { color: 'var(--mantine-color-gray-8)' } },
            });
          }
          if (duplicates.length > 0) {
            // Shown until dismissed: a second record for the same person splits her history and her consent.
            notifications.show({
              color: 'yellow',
              autoClose: false,
              title: t('register.duplicatesTitle'),
              message: t('register.duplicatesBody', {
                references: formatList(
                  duplicates.map((duplicate) => duplicate.reference),
                  i18n.language,
                ),
              }),
              closeButtonProps: { 'aria-label': t('common:app.close') },
              styles: { description: { color: 'var(--mantine-color-gray-8)' } },
            });
          }
          notifications.show({
            color: 'teal',
            title: t('register.successTitle'),
            message: t('register.successBody', { reference: created.reference }),
            closeButtonProps: { 'aria-label': t('common:app.close') },
            // Mantine's default grey for the message is below AA contrast.
            styles: { description: { color: 'var(--mantine-color-gray-8)' } },
          });
          void navigate(`/cases/${created.id}`);
        },
        onError: (error) => {
          if (isApiError(error, 400) && error.fieldErrors().length > 0) {
            const errors: Record<string, string> = {};
            let unplaced = false;
            for (const { field, message } of error.fieldErrors()) {
              const key = field.split('.')[0];
              if ((REGISTER_FORM_FIELDS as readonly string[]).includes(key)) {
                errors[key] ??= translateValidationMessage(tc, message);
              } else {
                unplaced = true;
              }
            }
            form.setErrors(errors);
            focusFirstError(errors);
            setProblem(unplaced ? t('register.failed') : t('register.fixErrors'));
          } else {
            setProblem(t('register.failed'));
          }
        },
      });
    },
    (errors) => focusFirstError(errors),
  );

  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Title order={1}>{t('register.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('register.intro')}
        </Text>
      </div>

      {problem && (
        <Alert color="red" variant="light">
          <Text size="sm" c="red.9">
            {problem}
          </Text>
        </Alert>
      )}

      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Fieldset legend={t('register.personSection')}>
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('register.givenName')}
                  description={t('register.givenNameHint')}
                  autoComplete="off"
                  required
                  {...form.getInputProps('givenName')}
                />
                <TextInput label={t('register.familyName')} autoComplete="off" {...form.getInputProps('familyName')} />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label={t('register.sex')}
                  placeholder={t('common:app.choose')}
                  data={sexOptions}
                  required
                  allowDeselect={false}
                  {...form.getInputProps('sex')}
                />
                <Select
                  label={t('register.nationality')}
                  placeholder={t('register.nationalityPlaceholder')}
                  data={countries}
                  searchable
                  required
                  nothingFoundMessage={t('register.noCountry')}
                  maxDropdownHeight={280}
                  {...form.getInputProps('nationality')}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('register.ageSection')}>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('register.ageHint')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  type="date"
                  label={t('register.dateOfBirth')}
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
            </Stack>
          </Fieldset>

          {withheldDuplicate && (
            <Alert
              color="yellow"
              variant="light"
              role="status"
              title={t('register.duplicatesTitle')}
              data-testid="duplicate-withheld"
            >
              <Text size="sm" c="gray.9">
                {t('register.duplicatesWithheld')}
              </Text>
            </Alert>
          )}
          {checksExhausted && (
            <Alert color="gray" variant="light" role="status" title={t('register.duplicatesLimitedTitle')}>
              <Text size="sm" c="gray.9">
                {t('register.duplicatesLimited')}
              </Text>
            </Alert>
          )}
          {possibleDuplicates.length > 0 && (
            <Alert color="yellow" variant="light" role="status" title={t('register.duplicatesTitle')}>
              <Text size="sm" c="gray.9">
                {t('register.duplicatesBefore', {
                  references: formatList(
                    possibleDuplicates.map((duplicate) => duplicate.reference),
                    i18n.language,
                  ),
                })}
              </Text>
            </Alert>
          )}

          <Fieldset legend={t('register.situationSection')}>
            <Stack gap="md">
              <Radio.Group label={t('register.riskLevel')} required {...form.getInputProps('riskLevel')}>
                <Group gap="lg" mt="xs">
                  {riskValues.map((risk) => (
                    <Radio key={risk} value={risk} label={t(`common:enums.risk.${risk}`)} />
                  ))}
                </Group>
              </Radio.Group>
              <MultiSelect
                label={t('register.exploitationTypes')}
                placeholder={t('register.exploitationPlaceholder')}
                data={exploitationOptions}
                clearable
                {...form.getInputProps('exploitationTypes')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label={t('profile.incomingReferralSource')}
                  data={sourceOptions}
                  clearable
                  {...form.getInputProps('incomingReferralSource')}
                />
                <TextInput
                  type="date"
                  label={t('profile.incomingReferralDate')}
                  max={today}
                  {...form.getInputProps('incomingReferralDate')}
                />
              </SimpleGrid>
              <Checkbox
                label={t('register.sensitive')}
                description={t('register.sensitiveHint')}
                {...form.getInputProps('sensitive', { type: 'checkbox' })}
              />
            </Stack>
          </Fieldset>

          <Group>
            <Button type="submit" loading={register.isPending} disabled={register.isPending}>
              {t('register.submit')}
            </Button>
            <Button component={Link} to="/cases" variant="default">
              {t('register.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
