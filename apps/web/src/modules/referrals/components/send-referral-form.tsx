import {
  LENS_SECTIONS,
  SERVICE_TYPES,
  URGENCIES,
  type CaseDetail,
  type DirectoryEntry,
  type ServiceType,
} from '@haven/contracts';
import {
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { SectionError } from '../../../app/layout/section-states';
import { useCasePermissions } from '../../cases';
import { countryName, countryOptions, formatList, formatParts } from '../../../app/text/format';
import { ConsentForRecipient, standingConsent, useConsents } from '../../consents';
import { useDirectory, useLensPreview, useSendReferral } from '../hooks/use-referrals';
import {
  emptyReferralForm,
  REFERRAL_FORM_FIELDS,
  REFERRAL_LAYOUT,
  validateReferralForm,
  type ReferralFormValues,
  type Urgency,
} from '../utils/referral-form';
import { isConsentRequired, isGenericProblem, returnRefusal } from '../utils/sharing-problems';
import { LensViewPanel } from './lens-view';
import { ConsentRequiredAlert, ReturnBlockedAlert } from './sharing-alerts';
import { isolated } from '../../../app/text/isolation';

/**
 * Referring out in one place: find the partner, say what is asked, choose what is shared while seeing exactly
 * what the partner will see, and know before sending whether the survivor's consent covers this partner.
 */
export function SendReferralForm({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation('referrals');
  const { t: tc, i18n } = useTranslation();
  const language = i18n.language;
  const permissions = useCasePermissions(detail);
  const send = useSendReferral(detail.id);
  const [service, setService] = useState<ServiceType | null>(null);
  const [country, setCountry] = useState<string | null>(null);
  const [spoken, setSpoken] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [debouncedName] = useDebouncedValue(name, 300);
  const directory = useDirectory({
    service,
    country,
    language: spoken,
    purpose: 'referral',
    q: debouncedName,
    acceptingOnly: true,
  });
  // The languages on offer, from the whole directory (the filtered one would shrink the choice as it is made).
  const wholeDirectory = useDirectory({ purpose: 'referral', acceptingOnly: true });
  const languageNames = new Intl.DisplayNames([language], { type: 'language' });
  const languageOptions = [...new Set((wholeDirectory.data?.items ?? []).flatMap((entry) => entry.languages))]
    .map((code) => ({ value: code, label: languageNames.of(code) ?? code }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
  const partners = directory.data?.items ?? [];
  const [chosen, setChosen] = useState<DirectoryEntry | null>(null);

  const form = useLiveForm<ReferralFormValues>(emptyReferralForm(), (values) => {
    const result = validateReferralForm(values, tc);
    return result.ok ? {} : result.errors;
  });
  const values = form.getValues();
  const preview = useLensPreview(detail.id, values.lens);

  const consents = useConsents(detail.id);
  const consent = chosen ? standingConsent(consents.data?.items, 'referral', chosen.id) : undefined;
  const consentKnownMissing = chosen !== null && consents.data !== undefined && consent === undefined;
  // Only supervisors may send without consent; the choice is offered only when consent is really missing.
  const mayOverride = permissions.mayApprove && (consentKnownMissing || isConsentRequired(send.error));

  const choosePartner = (id: string) => {
    const entry = partners.find((item) => item.id === id) ?? null;
    setChosen(entry);
    form.setFieldValue('toOrganisationId', id);
    // The service searched for is usually the one asked for; the rest stays the user's choice.
    const asked = service && entry?.services.includes(service) ? [service] : [];
    form.setFieldValue('services', asked);
    if (!permissions.mayApprove) form.setFieldValue('override', false);
  };

  const submit = form.onSubmit(
    (input) => {
      const result = validateReferralForm(input, tc);
      if (!result.ok) return;
      send.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('dialog.sent'));
          onDone();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, tc, REFERRAL_LAYOUT);
          form.setErrors(errors);
          focusFirstError(form, errors, REFERRAL_FORM_FIELDS);
        },
      });
    },
    (errors) => focusFirstError(form, errors, REFERRAL_FORM_FIELDS),
  );

  const offeredServices = chosen?.services.length ? chosen.services : SERVICE_TYPES;
  const refusal = returnRefusal(send.error);
  const sharesName = values.lens.includes('identity') || values.lens.includes('contact');

  return (
    <form onSubmit={submit} noValidate>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="md">
          <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
            <Title order={3} size="h5" component="legend" mb="xs">
              {t('dialog.findPartner')}
            </Title>
            {/* The name search comes first and takes the focus: a list that opens on focus would cover the partners. */}
            <TextInput
              label={t('dialog.name')}
              placeholder={t('dialog.namePlaceholder')}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              data-autofocus
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('dialog.service')}
                placeholder={t('dialog.anyService')}
                data={SERVICE_TYPES.map((type) => ({ value: type, label: tc(`enums.serviceType.${type}`) }))}
                value={service}
                onChange={(value) => setService(value as ServiceType | null)}
                clearable
                searchable
              />
              <Select
                label={t('dialog.country')}
                placeholder={t('dialog.anyCountry')}
                data={countryOptions(language)}
                value={country}
                onChange={setCountry}
                clearable
                searchable
              />
              <Select
                label={t('dialog.language')}
                placeholder={t('dialog.anyLanguage')}
                data={languageOptions}
                value={spoken}
                onChange={setSpoken}
                clearable
                searchable
              />
            </SimpleGrid>
          </Stack>

          {directory.isError && !directory.data && (
            <SectionError message={t('dialog.directoryError')} onRetry={() => void directory.refetch()} />
          )}
          {directory.isPending && <Loader size="sm" aria-label={tc('app.loading')} />}
          {directory.data && (
            <Radio.Group
              label={t('dialog.partnerLabel')}
              description={t('dialog.partnerCount', { count: partners.length })}
              required
              {...form.getInputProps('toOrganisationId')}
              onChange={choosePartner}
            >
              <Stack gap="xs" mt="xs" aria-busy={directory.isFetching}>
                {partners.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('dialog.noPartners')}
                  </Text>
                )}
                {partners.map((partner) => (
                  <Radio
                    key={partner.id}
                    value={partner.id}
                    label={partner.name}
                    description={[
                      formatParts(
                        [
                          partner.area ? isolated(partner.area) : null,
                          partner.country ? countryName(partner.country, language) : null,
                        ].filter((part): part is string => Boolean(part)),
                        language,
                      ),
                      t('dialog.offers', {
                        services: formatList(
                          partner.services.map((type) => tc(`enums.serviceType.${type}`)),
                          language,
                        ),
                      }),
                      partner.languages.length
                        ? t('dialog.speaks', {
                            languages: formatList(
                              partner.languages.map((code) => languageNames.of(code) ?? code),
                              language,
                            ),
                          })
                        : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}

          {chosen && (
            <ConsentForRecipient
              caseId={detail.id}
              purpose="referral"
              recipient={chosen}
              mayRecord={permissions.mayEdit}
              refused={isConsentRequired(send.error)}
              onRecorded={() => send.reset()}
              child={Boolean(detail.childBasis)}
            />
          )}

          <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
            <Title order={3} size="h5" component="legend" mb="xs">
              {t('dialog.what')}
            </Title>
            <Checkbox.Group label={t('dialog.servicesLabel')} withAsterisk {...form.getInputProps('services')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt="xs">
                {offeredServices.map((type) => (
                  <Checkbox key={type} value={type} label={tc(`enums.serviceType.${type}`)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Radio.Group
              label={t('dialog.urgencyLabel')}
              {...form.getInputProps('urgency')}
              onChange={(value) => form.setFieldValue('urgency', value as Urgency)}
            >
              <Group gap="lg" mt="xs">
                {URGENCIES.map((urgency) => (
                  <Radio key={urgency} value={urgency} label={t(`urgencies.${urgency}`)} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              label={t('dialog.message')}
              description={t('dialog.messageHint')}
              autosize
              minRows={2}
              maxRows={8}
              {...form.getInputProps('message')}
            />
            <Checkbox
              label={t('dialog.forReturn')}
              description={t('dialog.forReturnHint')}
              {...form.getInputProps('forReturn', { type: 'checkbox' })}
            />
          </Stack>
        </Stack>

        <Stack gap="md">
          <Checkbox.Group
            label={t('dialog.share')}
            description={t('dialog.lensHint')}
            withAsterisk
            {...form.getInputProps('lens')}
          >
            <Stack gap="xs" mt="xs">
              {LENS_SECTIONS.map((section) => (
                <Checkbox
                  key={section}
                  value={section}
                  label={t(`lens.${section}.label`)}
                  description={t(`lens.${section}.description`)}
                />
              ))}
            </Stack>
          </Checkbox.Group>

          <Paper withBorder p="md" bg="gray.0" component="section" aria-labelledby="referral-preview-heading">
            <Stack gap="sm">
              <Title order={3} size="h5" id="referral-preview-heading">
                {t('dialog.preview')}
              </Title>
              {values.lens.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('dialog.previewEmpty')}
                </Text>
              )}
              {values.lens.length > 0 && preview.isPending && <Loader size="sm" aria-label={tc('app.loading')} />}
              {values.lens.length > 0 && preview.isError && (
                <SectionError message={t('dialog.previewError')} onRetry={() => void preview.refetch()} />
              )}
              {values.lens.length > 0 && preview.data && (
                <div aria-busy={preview.isFetching} aria-live="polite">
                  <Text size="sm" fw={600} mb="xs" c={sharesName ? 'orange.9' : 'teal.9'}>
                    {sharesName ? t('dialog.previewWithName') : t('dialog.previewNoName')}
                  </Text>
                  <LensViewPanel view={preview.data} headingOrder={4} />
                </div>
              )}
            </Stack>
          </Paper>
        </Stack>
      </SimpleGrid>

      <Stack gap="md" mt="lg">
        {refusal && <ReturnBlockedAlert refusal={refusal} onFollow={onDone} />}
        {isConsentRequired(send.error) && <ConsentRequiredAlert message={t('consent.required')} />}
        {isGenericProblem(send.error) && <FormProblem error={send.error} fields={REFERRAL_FORM_FIELDS} />}
        {mayOverride && (
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Checkbox
                label={t('consent.override')}
                description={t('consent.overrideHint')}
                {...form.getInputProps('override', { type: 'checkbox' })}
              />
              {values.override && (
                <Textarea
                  label={t('consent.overrideReason')}
                  description={t('consent.overrideReasonHint')}
                  required
                  autosize
                  minRows={2}
                  {...form.getInputProps('consentOverrideReason')}
                />
              )}
            </Stack>
          </Paper>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tc('app.cancel')}
          </Button>
          <Button type="submit" loading={send.isPending}>
            {t('dialog.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
