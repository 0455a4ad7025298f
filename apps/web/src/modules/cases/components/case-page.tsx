import { uuidSchema, type CaseDetail } from '@haven/contracts';
import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../app/api-client';
import { ErrorState } from '../../../app/layout/error-state';
import { NotFoundPage } from '../../../app/layout/not-found-page';
import { PageLoader } from '../../../app/layout/page-loader';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useAppAbility } from '../../auth';
import { useCase } from '../hooks/use-cases';
import { CaseHeader } from './case-header';
import { CaseTabs } from './case-tabs';
import { MissingItems } from './missing-items';

export function CasePage() {
  const { caseId } = useParams();
  const validId = uuidSchema.safeParse(caseId).success;
  const detail = useCase(validId ? caseId : undefined);

  // Absent, outside the user's scope, or not a case id at all: one identical answer, revealing nothing.
  if (!validId || isApiError(detail.error, 400, 403, 404)) return <NotFoundPage />;
  if (detail.isError) return <ErrorState onRetry={() => void detail.refetch()} />;
  if (detail.isPending) return <PageLoader />;
  return <CaseView detail={detail.data} />;
}

/** A page a caseworker can live in: who and where the case stands on top, each part of the work in a tab. */
function CaseView({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const ability = useAppAbility();
  usePageTitle(detail.reference);

  return (
    <Stack gap="lg" maw={1100}>
      {ability.can('list', 'Case') && (
        <Anchor component={Link} to="/cases" size="sm">
          {t('cases.detail.backToList')}
        </Anchor>
      )}
      <CaseHeader detail={detail} />
      <MissingItems detail={detail} />
      <CaseTabs detail={detail} />
    </Stack>
  );
}
