import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { SectionError, SectionLoader } from '../../../app/layout/section-states';
import { PrintableSummaryScreen, produceReferralSummary } from '../../case-summary';
import { usePartnerReferral } from '../hooks/use-partner-inbox';

/** A partner prints only what its open referral shares (its lens), never more of the case. */
export function ReferralSummaryPage() {
  const { referralId } = useParams();
  const { t } = useTranslation('caseSummary');
  const referral = usePartnerReferral(referralId);
  if (referral.isPending) return <SectionLoader />;
  if (referral.isError || !referral.data?.view)
    return <SectionError message={t('referralError')} onRetry={() => void referral.refetch()} />;
  const id = referral.data.id;
  return (
    <PrintableSummaryScreen
      available={referral.data.lens}
      produce={(sections) => produceReferralSummary(id, sections)}
      backTo={`/referrals/${id}`}
    />
  );
}
