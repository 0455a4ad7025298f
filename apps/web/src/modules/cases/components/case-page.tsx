import { uuidSchema } from '@haven/contracts';
import { Anchor, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
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
            {detail.sensitive && (
              <Badge color="dark.7" c="white" variant="filled" tt="none">
                {t('cases.detail.sensitive')}
              </Badge>
            )}
          </Group>
          <Facts
            items={[
              ...(detail.stage ? [{ label: t('cases.detail.stage'), value: t(`enums.stage.${detail.stage}`) }] : []),
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
          <MissingFields missing={detail.missing ?? []} />
        </Stack>
      </Paper>

      <IdentitySection detail={detail} />
    </Stack>
  );
}


/** Intake records the minimum; this says what is left so the profile gets completed over the next days. */
function MissingFields({ missing }: { missing: string[] }) {
  const { t, i18n } = useTranslation();
  if (missing.length === 0) return null;
  const label = (field: string) => {
    const key = `cases.missingFields.${field}`;
    // Unknown codes are shown readable rather than hidden: something is still missing either way.
    return i18n.exists(key) ? String(t(key as 'cases.missingFields.consent')) : humanise(field);
  };
  return (
    <Stack gap={4} mt="xs">
      <Title order={3} size="h5">
        {t('cases.detail.missing')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('cases.detail.missingHint')}
      </Text>
      <List size="sm" spacing={2}>
        {missing.map((field) => (
          <List.Item key={field}>{label(field)}</List.Item>
        ))}
      </List>
    </Stack>
  );
}

function humanise(code: string): string {
  const words = code.replace(/[._-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
