import { uuidSchema } from '@haven/contracts';
import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../app/api-client';
import { ErrorState } from '../../../app/layout/error-state';
import { NotFoundPage } from '../../../app/layout/not-found-page';
import { PageLoader } from '../../../app/layout/page-loader';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useCase } from '../hooks/use-cases';
import { countryName, formatDateTime } from '../utils/format';
import { RiskBadge, StatusBadge } from './case-badges';
import { Facts } from './facts';
import { IdentitySection } from './identity-section';

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

function CaseView({ detail }: { detail: NonNullable<ReturnType<typeof useCase>['data']> }) {
  const { t, i18n } = useTranslation();
  usePageTitle(detail.reference);
  const language = i18n.language;
  const notRecorded = (
    <Text component="span" c="dimmed" fs="italic">
      {t('cases.detail.notRecorded')}
    </Text>
  );

  return (
    <Stack gap="lg" maw={960}>
      <Anchor component={Link} to="/cases" size="sm">
        {t('cases.detail.backToList')}
      </Anchor>
      <Paper withBorder p="lg" component="section" aria-label={t('cases.detail.summary')}>
        <Stack gap="md">
          <Group gap="md" align="center" wrap="wrap">
            <Title order={1} className="reference">
              {detail.reference}
            </Title>
            <StatusBadge status={detail.status} />
            <RiskBadge risk={detail.riskLevel} />
          </Group>
          <Facts
            items={[
              { label: t('cases.detail.assignee'), value: detail.assignee?.displayName ?? t('cases.unassigned') },
              { label: t('cases.detail.organisation'), value: detail.organisation.name },
              { label: t('cases.detail.registered'), value: formatDateTime(detail.registeredAt, language) },
              { label: t('cases.detail.updated'), value: formatDateTime(detail.updatedAt, language) },
            ]}
          />
        </Stack>
      </Paper>

      <Paper withBorder p="lg" component="section" aria-labelledby="profile-heading">
        <Stack gap="md">
          <Title order={2} size="h3" id="profile-heading">
            {t('cases.detail.profile')}
          </Title>
          <Facts
            items={[
              { label: t('cases.detail.sex'), value: t(`enums.gender.${detail.sex}`) },
              { label: t('cases.detail.nationality'), value: countryName(detail.nationality, language) },
              { label: t('cases.detail.ageAtRegistration'), value: detail.ageAtRegistration ?? notRecorded },
              {
                label: t('cases.detail.exploitationTypes'),
                value:
                  detail.exploitationTypes.length > 0
                    ? detail.exploitationTypes.map((type) => t(`enums.exploitation.${type}`)).join(', ')
                    : notRecorded,
              },
            ]}
          />
        </Stack>
      </Paper>

      <IdentitySection detail={detail} />
    </Stack>
  );
}

