import { CONSENT_METHODS, type Consent } from '@haven/contracts';
import { Alert, Button, Group, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, todayIso } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { SectionError } from '../../../app/layout/section-states';
import { formatDate } from '../../../app/text/format';
import { InterpreterFields } from './interpreter-fields';
import { useConsents, useRecordConsent, useRefreshConsents } from '../hooks/use-consents';
import { CONSENT_LAYOUT, validateConsentForm, type ConsentFormValues } from '../utils/consent-form';
import { ChildAssentFields } from '../../children';

export type RecipientPurpose = 'referral' | 'transfer';

/** The standing consent of the case for this purpose and recipient, if any. */
export function standingConsent(
  consents: readonly Consent[] | undefined,
  purpose: RecipientPurpose,
  recipientId: string,
): Consent | undefined {
  return consents?.find(
    (item) => item.purpose === purpose && item.recipientOrganisation?.id === recipientId && item.withdrawnOn === null,
  );
}

interface ConsentForRecipientProps {
  caseId: string;
  purpose: RecipientPurpose;
  recipient: { id: string; name: string };
  /** The user may record consent on this case (the case is open and theirs to change). */
  mayRecord: boolean;
  /** The server refused for lack of consent although the list showed one (withdrawn meanwhile): say it is missing. */
  refused?: boolean;
  /** Her consent was just recorded here (the dialog forgets the refusal it met). */
  onRecorded?: () => void;
  /** A child case: the consent recorded here carries the child's assent. */
  child?: boolean;
}

/**
 * Whether the survivor's consent covers sharing with this organisation, said before sending; and when it
 * does not, her consent recorded right here, for this purpose and organisation, so that nothing chosen in the
 * dialog around it is lost (docs/architecture.md, rule 3).
 */
export function ConsentForRecipient({
  caseId,
  purpose,
  recipient,
  mayRecord,
  refused = false,
  onRecorded,
  child = false,
}: ConsentForRecipientProps) {
  const { t, i18n } = useTranslation('consents');
  const consents = useConsents(caseId);
  const [recording, setRecording] = useState(false);
  const standing = refused ? undefined : standingConsent(consents.data?.items, purpose, recipient.id);

  if (consents.isPending) {
    return (
      <Text size="sm" c="dimmed" role="status">
        {t('forRecipient.checking')}
      </Text>
    );
  }
  if (consents.isError) {
    return <SectionError message={t('error')} onRetry={() => void consents.refetch()} />;
  }
  if (standing) {
    return (
      <Alert color="teal" variant="light" role="status">
        <Text size="sm" c="gray.9">
          {t(`forRecipient.granted.${purpose}`, {
            date: formatDate(standing.givenOn, i18n.language),
            organisation: recipient.name,
          })}
        </Text>
      </Alert>
    );
  }
  return (
    <Alert color="yellow" variant="light" title={t('forRecipient.missingTitle')} role="alert">
      <Stack gap="sm">
        <Text size="sm" c="gray.9">
          {t(`forRecipient.missing.${purpose}`, { organisation: recipient.name })}
        </Text>
        {mayRecord && !recording && (
          <Group>
            <Button size="xs" variant="default" onClick={() => setRecording(true)}>
              {t('forRecipient.recordHere')}
            </Button>
          </Group>
        )}
        {mayRecord && recording && (
          <InlineConsentForm
            caseId={caseId}
            purpose={purpose}
            recipient={recipient}
            child={child}
            onCancel={() => setRecording(false)}
            onRecorded={() => {
              setRecording(false);
              onRecorded?.();
            }}
          />
        )}
      </Stack>
    </Alert>
  );
}

const INLINE_FIELDS = [
  'givenOn',
  'method',
  'interpreterUsed',
  'interpreterLanguage',
  'interpreterName',
  'childAssent.assent',
  'childAssent.explainedForAge',
] as const;

/**
 * The consent form with its purpose and organisation fixed. It sits inside another dialog's form, so it is
 * a group, not a form of its own: Enter in its fields saves the consent rather than sending the referral.
 */
function InlineConsentForm({
  caseId,
  purpose,
  recipient,
  child,
  onCancel,
  onRecorded,
}: {
  caseId: string;
  purpose: RecipientPurpose;
  recipient: { id: string; name: string };
  child: boolean;
  onCancel: () => void;
  onRecorded: () => void;
}) {
  const { t } = useTranslation(['consents', 'common']);
  const { t: tc } = useTranslation();
  const headingId = useId();
  // Opened by a button, not with the dialog: the first field takes the focus itself.
  const firstField = useRef<HTMLInputElement>(null);
  useEffect(() => firstField.current?.focus(), []);
  const record = useRecordConsent(caseId);
  const refresh = useRefreshConsents(caseId);
  const initial: ConsentFormValues = {
    purpose,
    recipientOrganisationId: recipient.id,
    givenOn: todayIso(),
    method: null,
    interpreterUsed: false,
    interpreterLanguage: null,
    interpreterName: '',
    childAssent: { assent: null, explainedForAge: false },
  };
  const form = useLiveForm<ConsentFormValues>(initial, (values) => {
    const result = validateConsentForm(values, tc, child);
    return result.ok ? {} : result.errors;
  });

  const save = form.onSubmit(
    (values) => {
      const result = validateConsentForm(values, tc, child);
      if (!result.ok) return;
      record.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('recorded'));
          onRecorded();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, tc, CONSENT_LAYOUT);
          form.setErrors(errors);
          focusFirstError(form, errors, INLINE_FIELDS);
        },
      });
    },
    (errors) => focusFirstError(form, errors, INLINE_FIELDS),
  );
  const saveOnEnter = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    save();
  };

  return (
    <Paper withBorder p="sm" role="group" aria-labelledby={headingId} onKeyDown={saveOnEnter}>
      <Stack gap="sm">
        <Title order={4} size="h6" id={headingId}>
          {t(`forRecipient.formTitle.${purpose}`, { organisation: recipient.name })}
        </Title>
        <FormProblem
          error={record.error}
          fields={INLINE_FIELDS}
          onReload={() => refresh().then(() => record.reset())}
        />
        <TextInput
          type="date"
          label={t('givenOn')}
          max={todayIso()}
          required
          ref={firstField}
          {...form.getInputProps('givenOn')}
        />
        <Radio.Group label={t('method')} required {...form.getInputProps('method')}>
          <Group gap="lg" mt="xs">
            {CONSENT_METHODS.map((method) => (
              <Radio key={method} value={method} label={t(`common:enums.consentMethod.${method}`)} />
            ))}
          </Group>
        </Radio.Group>
        <InterpreterFields form={form} />
        {child && (
          <ChildAssentFields
            assent={form.getInputProps('childAssent.assent')}
            explainedForAge={form.getInputProps('childAssent.explainedForAge', { type: 'checkbox' })}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button size="xs" variant="default" onClick={onCancel}>
            {t('common:app.cancel')}
          </Button>
          <Button size="xs" loading={record.isPending} onClick={() => save()}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
