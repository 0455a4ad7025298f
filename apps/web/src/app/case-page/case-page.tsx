import { uuidSchema, type CaseDetail } from '@haven/contracts';
import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAppAbility } from '../../modules/auth';
import { CaseHeader, MissingItems, useCase } from '../../modules/cases';
import { isApiError } from '../api-client';
import { ErrorState } from '../layout/error-state';
import { NotFoundPage } from '../layout/not-found-page';
import { PageLoader } from '../layout/page-loader';
import { usePageTitle } from '../layout/use-page-title';
import { CaseTabs } from './case-tabs';

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

/**
 * A page a caseworker can live in: who and where the case stands on top (from cases), each part of the work in a tab
 * contributed by the module that does it (registered-tabs.ts).
 */
function CaseView({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const ability = useAppAbility();
  usePageTitle(detail.reference);

  return (
    <Stack gap="lg" maw={1100}>
      {ability.can('list', 'Case') && (
        <Anchor component={Link} to="/cases" size="sm">
          {t('casePage.backToList')}
        </Anchor>
      )}
      <CaseHeader detail={detail} />
      <MissingItems detail={detail} />
      {/* Keyed by the case: moving to another case (its detail already cached, so nothing unmounts on the way)
          starts its tabs afresh, rather than carrying a half-written form or an open dialog from the last one. */}
      <CaseTabs key={detail.id} detail={detail} />
    </Stack>
  );
}
