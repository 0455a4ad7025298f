import { IDENTIFYING_LENS_SECTIONS, LENS_SECTIONS } from '@haven/contracts';
import { useParams } from 'react-router';
import { SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useCase, useCasePermissions } from '../../cases';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@haven/contracts';
import { produceCaseSummary } from '../api/summary-api';
import { PrintableSummaryScreen } from './printable-summary-screen';

/** A case's printable summary, for those who may read the case; identifying sections for those who may read the identity. */
export function CaseSummaryPage() {
  const { caseId } = useParams();
  const { t } = useTranslation('caseSummary');
  const found = useCase(caseId);
  if (found.isPending) return <SectionLoader />;
  if (found.isError || !found.data)
    return <SectionError message={t('caseError')} onRetry={() => void found.refetch()} />;
  return <ForCase detail={found.data} />;
}

function ForCase({ detail }: { detail: CaseDetail }) {
  const permissions = useCasePermissions(detail);
  const available = LENS_SECTIONS.filter(
    (section) => permissions.mayReadIdentity || !IDENTIFYING_LENS_SECTIONS.includes(section),
  );
  return (
    <PrintableSummaryScreen
      available={available}
      produce={(sections) => produceCaseSummary(detail.id, sections)}
      backTo={`/cases/${detail.id}`}
    />
  );
}
