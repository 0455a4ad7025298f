import {
  declineReferralRequestSchema,
  SERVICE_OUTCOMES,
  uuidSchema,
  type PartnerReferral,
  type ServiceOutcome,
} from '@haven/contracts';
import {
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../app/api-client';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, validateWithSchema } from '../../../app/forms/schema-validation';
import { useLiveForm } from '../../../app/forms/use-live-form';
import { ErrorState } from '../../../app/layout/error-state';
import { NotFoundPage } from '../../../app/layout/not-found-page';
import { PageLoader } from '../../../app/layout/page-loader';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { formatDate, formatDateTime, formatList } from '../../../app/text/format';
import { LensViewPanel } from '../../referrals';
import { ReferralStatusBadge } from '../../referrals';
import { ReturnBlockedAlert, ReturnSuspendedNote } from '../../referrals';
import { returnRefusal } from '../../referrals';
import { sharedDocumentUrl } from '../../documents';
import {
  useAcceptReferral,
  useCompleteReferral,
  useDeclineReferral,
  useReloadPartnerReferral,
  usePartnerReferral,
} from '../hooks/use-partner-inbox';
import { RecordPartnerServiceForm } from './record-partner-service-form';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

export function PartnerReferralPage() {
  const { referralId } = useParams();
  const validId = uuidSchema.safeParse(referralId).success;
  const referral = usePartnerReferral(validId ? referralId : undefined);

  // Withdrawn, declined, addressed to someone else or never there: one identical answer (do-no-harm §5.1).
  if (!validId || isApiError(referral.error, 400, 403, 404)) return <NotFoundPage />;
  if (referral.isError) return <ErrorState onRetry={() => void referral.refetch()} />;
  if (referral.isPending) return <PageLoader />;
  return <ReferralView referral={referral.data} />;
}

type Dialog = 'accept' | 'decline' | 'service' | 'complete' | null;

/** Only the referral and its lens: a partner never gets a case reference, a case link or anything unshared. */
function ReferralView({ referral }: { referral: PartnerReferral }) {
  const { t, i18n } = useTranslation('partnerInbox');
  const { t: tr } = useTranslation('referrals');
  const { t: tc } = useTranslation(['common', 'serviceRecords']);
  const title = t('page.title', { organisation: referral.from.name });
  usePageTitle(title);
  const accept = useAcceptReferral(referral.id);
  const acceptRefusal = returnRefusal(accept.error);
  const reload = useReloadPartnerReferral(referral.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const language = i18n.language;
  const close = () => setDialog(null);

  return (
    <Stack gap="lg" maw={960}>
      <Anchor component={Link} to="/referrals" size="sm">
        {t('page.back')}
      </Anchor>
      <Stack gap={6}>
        <Group gap="sm" align="center">
          <Title order={1} size="h2">
            {title}
          </Title>
          <ReferralStatusBadge status={referral.status} />
          {referral.forReturn && (
            <Text size="xs" fw={600} c="red.9">
              {tr('forReturn')}
            </Text>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('page.codeReceived', { code: referral.code, date: formatDateTime(referral.sentAt, language) })}
        </Text>
        {referral.view && (
          <Anchor component={Link} to={`/referrals/${referral.id}/summary`} size="sm">
            {t('page.printSummary')}
          </Anchor>
        )}
      </Stack>

      <Paper withBorder p="md" component="section" aria-labelledby="referral-asked">
        <Stack gap="xs">
          <Title order={2} size="h4" id="referral-asked">
            {t('page.asked')}
          </Title>
          <Text size="sm">
            {formatList(
              referral.services.map((type) => tc(`enums.serviceType.${type}`)),
              language,
            )}{' '}
            · {tr(`urgencies.${referral.urgency}`)}
          </Text>
          {/* Once the referral has ended the sender's message is no longer shared: only what the partner recorded stays. */}
          {(referral.status === 'sent' || referral.status === 'accepted') && (
            <>
              <Text size="sm" fw={600}>
                {t('page.message')}
              </Text>
              <Text size="sm" className="free-text">
                {referral.message ?? t('page.noMessage')}
              </Text>
            </>
          )}
        </Stack>
      </Paper>

      {(referral.status === 'sent' || referral.status === 'accepted') && referral.suspension && (
        <ReturnSuspendedNote suspension={referral.suspension} />
      )}
      {acceptRefusal ? (
        <ReturnBlockedAlert refusal={acceptRefusal} />
      ) : (
        <FormProblem error={accept.error} onReload={reload} />
      )}
      {referral.status === 'sent' && (
        <Group gap="sm">
          <Button loading={accept.isPending} onClick={() => setDialog('accept')}>
            {t('actions.accept')}
          </Button>
          <Button variant="default" color="red.9" onClick={() => setDialog('decline')}>
            {t('actions.decline')}
          </Button>
        </Group>
      )}
      {referral.status === 'accepted' && (
        <Group gap="sm">
          <Button onClick={() => setDialog('service')}>{t('actions.recordService')}</Button>
          <Button variant="default" onClick={() => setDialog('complete')}>
            {t('actions.complete')}
          </Button>
        </Group>
      )}

      <Stack gap="sm" component="section" aria-labelledby="referral-shared">
        <Title order={2} size="h4" id="referral-shared">
          {t('page.shared')}
        </Title>
        {referral.view ? (
          <LensViewPanel
            view={referral.view}
            headingOrder={3}
            documentHref={(documentId) => sharedDocumentUrl(referral.id, documentId, 'content')}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t('page.closedNote')}
          </Text>
        )}
      </Stack>

      {referral.outcome && (
        <Text size="sm">
          <Text span fw={600}>
            {t('page.outcome')}:
          </Text>{' '}
          {tc(`enums.serviceOutcome.${referral.outcome}`)}
        </Text>
      )}

      <Stack gap="sm" component="section" aria-labelledby="referral-services">
        <Title order={2} size="h4" id="referral-services">
          {t('page.servicesGiven')}
        </Title>
        {referral.servicesGiven.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('page.noServices')}
          </Text>
        ) : (
          <ResponsiveTable verticalSpacing="sm">
            <Table.Caption>
              <VisuallyHidden>{t('page.servicesCaption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{tc('serviceRecords:type')}</Table.Th>
                <Table.Th scope="col">{tc('serviceRecords:deliveredOn')}</Table.Th>
                <Table.Th scope="col">{tc('serviceRecords:outcome')}</Table.Th>
                <Table.Th scope="col">{tc('serviceRecords:notes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {referral.servicesGiven.map((service) => (
                <Table.Tr key={service.id}>
                  <Table.Th scope="row" fw={600}>
                    {tc(`enums.serviceType.${service.type}`)}
                  </Table.Th>
                  <Table.Td>{formatDate(service.deliveredOn, language)}</Table.Td>
                  <Table.Td>{tc(`enums.serviceOutcome.${service.outcome}`)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" className="free-text">
                      {service.notes ?? '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ResponsiveTable>
        )}
      </Stack>

      <FormDialog opened={dialog === 'accept'} onClose={close} title={t('actions.acceptTitle')} size="md">
        <Stack gap="md">
          <Text size="sm">
            {t('actions.acceptExplain', {
              code: referral.code,
              organisation: referral.from.name,
              services: formatList(
                referral.services.map((type) => tc(`enums.serviceType.${type}`)),
                language,
              ),
            })}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} data-autofocus>
              {tc('app.cancel')}
            </Button>
            <Button
              onClick={() => {
                close();
                accept.mutate({ version: referral.version }, { onSuccess: () => notifySaved(t('actions.accepted')) });
              }}
            >
              {t('actions.acceptConfirm')}
            </Button>
          </Group>
        </Stack>
      </FormDialog>
      <FormDialog opened={dialog === 'decline'} onClose={close} title={t('actions.declineTitle')} size="md">
        <DeclineForm referral={referral} onDone={close} />
      </FormDialog>
      <FormDialog opened={dialog === 'service'} onClose={close} title={t('actions.recordService')}>
        <RecordPartnerServiceForm referralId={referral.id} requested={referral.services} onDone={close} />
      </FormDialog>
      <FormDialog opened={dialog === 'complete'} onClose={close} title={t('actions.complete')} size="md">
        <CompleteForm referral={referral} onDone={close} />
      </FormDialog>
    </Stack>
  );
}

function DeclineForm({ referral, onDone }: { referral: PartnerReferral; onDone: () => void }) {
  const { t } = useTranslation('partnerInbox');
  const { t: tc } = useTranslation(['common', 'serviceRecords']);
  const navigate = useNavigate();
  const decline = useDeclineReferral(referral.id);
  const reload = useReloadPartnerReferral(referral.id);
  const check = (values: { reason: string }) =>
    validateWithSchema(declineReferralRequestSchema, { version: referral.version, reason: values.reason }, tc);
  const form = useLiveForm<{ reason: string }>({ reason: '' }, (values) => {
    if (!values.reason) return {};
    const result = check(values);
    return result.ok ? {} : result.errors;
  });

  const submit = form.onSubmit((values) => {
    const result = check(values);
    if (!result.ok) {
      form.setErrors(result.errors);
      form.getInputNode('reason')?.focus();
      return;
    }
    decline.mutate(
      { version: referral.version, reason: result.data.reason },
      {
        onSuccess: () => {
          notifySaved(t('actions.declined'));
          // The referral is gone for this organisation: back to the inbox, not to a page that no longer exists.
          void navigate('/referrals', { replace: true });
        },
        onError: (error) => form.setErrors(serverFieldErrors(error, tc)),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('actions.declineExplain')}</Text>
        <FormProblem
          error={decline.error}
          fields={['reason']}
          onReload={async () => {
            await reload();
            onDone();
          }}
        />
        <Textarea
          label={t('actions.declineReason')}
          description={t('actions.declineReasonHint')}
          required
          autosize
          minRows={3}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tc('app.cancel')}
          </Button>
          <Button type="submit" color="red.9" loading={decline.isPending}>
            {t('actions.declineConfirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CompleteForm({ referral, onDone }: { referral: PartnerReferral; onDone: () => void }) {
  const { t } = useTranslation('partnerInbox');
  const { t: tc } = useTranslation(['common', 'serviceRecords']);
  const complete = useCompleteReferral(referral.id);
  const completeRefusal = returnRefusal(complete.error);
  const reload = useReloadPartnerReferral(referral.id);
  const [outcome, setOutcome] = useState<ServiceOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  const confirm = () => {
    if (!outcome) {
      setError(tc('validation.chooseOption'));
      return;
    }
    complete.mutate(
      { version: referral.version, outcome },
      {
        onSuccess: () => {
          notifySaved(t('actions.completed'));
          onDone();
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Text size="sm">{t('actions.completeExplain')}</Text>
      {completeRefusal ? (
        <ReturnBlockedAlert refusal={completeRefusal} />
      ) : (
        <FormProblem
          error={complete.error}
          onReload={async () => {
            await reload();
            onDone();
          }}
        />
      )}
      <Select
        label={t('actions.completeOutcome')}
        placeholder={tc('app.choose')}
        data={SERVICE_OUTCOMES.map((value) => ({ value, label: tc(`enums.serviceOutcome.${value}`) }))}
        value={outcome}
        onChange={(value) => {
          setOutcome(value as ServiceOutcome | null);
          setError(null);
        }}
        error={error}
        required
        allowDeselect={false}
        data-autofocus
      />
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onDone}>
          {tc('app.cancel')}
        </Button>
        <Button onClick={confirm} loading={complete.isPending}>
          {t('actions.completeConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}
