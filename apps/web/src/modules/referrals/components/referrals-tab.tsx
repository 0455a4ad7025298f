import { DOCUMENT_CATEGORIES, DOCUMENT_LENS_SECTIONS, type CaseDetail, type Referral } from '@haven/contracts';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useCasePermissions } from '../../cases';
import { AttachDocumentButton } from '../../documents';
import { formatDate, formatList } from '../../../app/text/format';
import { useCaseReferrals, useReloadReferrals, useWithdrawReferral } from '../hooks/use-referrals';
import { ReferralStatusBadge } from './referral-status-badge';
import { SendReferralForm } from './send-referral-form';
import { ReturnSuspendedNote } from './sharing-alerts';

// Transfers and protection reviews sit with referrals (all are about sharing the case outside), in their own chunk.
const TransfersSection = lazy(() => import('../../transfers').then((m) => ({ default: m.TransfersSection })));
const ProtectionReviewsSection = lazy(() =>
  import('../../transfers').then((m) => ({ default: m.ProtectionReviewsSection })),
);

const OPEN_STATUSES: readonly Referral['status'][] = ['sent', 'accepted'];

/** The case's referrals with each partner's answer, the way to refer out, and transfers to other organisations. */
export function ReferralsTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('referrals');
  const permissions = useCasePermissions(detail);
  const referrals = useCaseReferrals(detail.id);
  const [referring, setReferring] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Referral | null>(null);
  const items = referrals.data?.items ?? [];

  return (
    <Stack gap="xl">
      <Stack gap="md" component="section" aria-labelledby="referrals-heading">
        <Group justify="space-between" align="center">
          <Title order={2} size="h3" id="referrals-heading">
            {t('title')}
          </Title>
          {permissions.mayEdit && <Button onClick={() => setReferring(true)}>{t('refer')}</Button>}
        </Group>
        <Text size="sm" c="dimmed">
          {t('intro')}
        </Text>
        {referrals.isPending && <SectionLoader />}
        {referrals.isError && <SectionError message={t('error')} onRetry={() => void referrals.refetch()} />}
        {referrals.data && items.length === 0 && (
          <EmptyState title={t('empty')} hint={permissions.mayEdit ? t('emptyHint') : undefined} />
        )}
        {items.length > 0 && (
          <Stack gap="sm" component="ul" aria-label={t('caption')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.map((referral) => (
              <li key={referral.id}>
                <ReferralCard
                  referral={referral}
                  mayWithdraw={permissions.mayEdit && OPEN_STATUSES.includes(referral.status)}
                  mayAddIdentityDocuments={permissions.mayReadIdentity}
                  onWithdraw={() => setWithdrawing(referral)}
                />
              </li>
            ))}
          </Stack>
        )}
      </Stack>

      <Suspense fallback={<SectionLoader />}>
        <TransfersSection detail={detail} />
        <ProtectionReviewsSection detail={detail} />
      </Suspense>

      <FormDialog opened={referring} onClose={() => setReferring(false)} title={t('dialog.title')} size="72rem">
        <SendReferralForm detail={detail} onDone={() => setReferring(false)} />
      </FormDialog>
      <FormDialog
        opened={withdrawing !== null}
        onClose={() => setWithdrawing(null)}
        title={t('withdrawTitle')}
        size="md"
      >
        {withdrawing && (
          <WithdrawReferralForm caseId={detail.id} referral={withdrawing} onDone={() => setWithdrawing(null)} />
        )}
      </FormDialog>
    </Stack>
  );
}

function ReferralCard({
  referral,
  mayWithdraw,
  mayAddIdentityDocuments,
  onWithdraw,
}: {
  referral: Referral;
  mayWithdraw: boolean;
  mayAddIdentityDocuments: boolean;
  onWithdraw: () => void;
}) {
  const { t, i18n } = useTranslation('referrals');
  const { t: tc } = useTranslation();
  const language = i18n.language;
  const headingId = `referral-${referral.id}`;
  const services = formatList(
    referral.services.map((type) => tc(`enums.serviceType.${type}`)),
    language,
  );
  // A file attached to a referral is shared by it: only the categories its lens shares may be attached, and
  // copies of identity documents only by those who may see her identity. None left: no "Attach a file".
  const sharedCategories = DOCUMENT_CATEGORIES.filter(
    (category) =>
      referral.lens.includes(DOCUMENT_LENS_SECTIONS[category]) &&
      (mayAddIdentityDocuments || category !== 'identity-document'),
  );

  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Group justify="space-between" align="center" wrap="wrap">
          <Group gap="sm" align="center">
            <Title order={3} size="h5" id={headingId}>
              {referral.to.name}
            </Title>
            <ReferralStatusBadge status={referral.status} />
            {referral.forReturn && (
              <Text size="xs" fw={600} c="red.9">
                {t('forReturn')}
              </Text>
            )}
          </Group>
          {mayWithdraw && sharedCategories.length > 0 && (
            <AttachDocumentButton
              caseId={referral.caseId}
              recordType="referral"
              recordId={referral.id}
              categories={sharedCategories}
              mayAddIdentityDocuments={mayAddIdentityDocuments}
            />
          )}
          {mayWithdraw && (
            <Button
              size="xs"
              variant="subtle"
              color="red.9"
              c="red.9"
              onClick={onWithdraw}
              aria-label={t('withdrawNamed', { partner: referral.to.name })}
            >
              {t('withdraw')}
            </Button>
          )}
        </Group>
        <Text size="sm">
          {services} · {t(`urgencies.${referral.urgency}`)} · {t('sentOn')} {formatDate(referral.sentAt, language)}
        </Text>
        <Text size="sm" c="dimmed">
          {t('shared', {
            sections: formatList(
              referral.lens.map((section) => t(`lens.${section}.label`)),
              language,
            ),
          })}
        </Text>
        {referral.status === 'declined' && referral.response && (
          <Text size="sm" className="free-text">
            {t('declineReason', { reason: referral.response })}
          </Text>
        )}
        {referral.outcome && (
          <Text size="sm">{t('outcome', { outcome: tc(`enums.serviceOutcome.${referral.outcome}`) })}</Text>
        )}
        {OPEN_STATUSES.includes(referral.status) && referral.suspension && (
          <ReturnSuspendedNote suspension={referral.suspension} reviewCaseId={referral.caseId} />
        )}
        {referral.consentOverridden && (
          <Text size="sm" c="orange.9" className="free-text">
            {t('overridden', { reason: referral.overrideReason ?? '' })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function WithdrawReferralForm({
  caseId,
  referral,
  onDone,
}: {
  caseId: string;
  referral: Referral;
  onDone: () => void;
}) {
  const { t } = useTranslation('referrals');
  const { t: tc } = useTranslation();
  const withdraw = useWithdrawReferral(caseId);
  const reloadReferrals = useReloadReferrals(caseId);

  // After a conflict (the partner answered meanwhile) the list is reloaded and the dialog closes: the user
  // sees the new state and decides again, from the version now on screen.
  const reload = async () => {
    await reloadReferrals();
    withdraw.reset();
    onDone();
  };

  const confirm = () => {
    withdraw.mutate(
      { referralId: referral.id, version: referral.version },
      {
        onSuccess: () => {
          notifySaved(t('withdrawn'));
          onDone();
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Text size="sm">{t('withdrawExplain', { partner: referral.to.name })}</Text>
      <FormProblem error={withdraw.error} onReload={reload} />
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onDone} data-autofocus>
          {tc('app.cancel')}
        </Button>
        <Button color="red.9" onClick={confirm} loading={withdraw.isPending}>
          {t('withdrawConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}
