import type { CaseDetail } from '@haven/contracts';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCasePermissions } from '../hooks/use-case-permissions';
import { caseKeys } from '../hooks/case-cache';
import { useCaseIdentity } from '../hooks/use-cases';
import { UserText } from '../../../app/text/user-text';
import { caseTabHref } from '../utils/case-tabs';
import { formatDate, formatDateTime } from '../../../app/text/format';
import {
  AssignDialog,
  ClosureDecisionDialog,
  ReopenDialog,
  RequestClosureDialog,
  StageStatusDialog,
} from './case-actions';
import { RiskBadge, StatusBadge } from './case-badges';
import { SummaryFacts } from '../../../app/layout/facts';

type Dialog = 'stage' | 'assign' | 'closure' | 'approveClosure' | 'rejectClosure' | 'reopen' | null;

/** Where the case stands, at a glance, and the actions that move it along. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const permissions = useCasePermissions(detail);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const language = i18n.language;
  const closure = detail.closure;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="case-heading">
      <Stack gap="md">
        <Group gap="md" align="center" justify="space-between" wrap="wrap">
          <Group gap="sm" align="center" wrap="wrap">
            <Title order={1} className="reference" id="case-heading">
              {detail.reference}
            </Title>
            {detail.sensitive && (
              <Badge color="dark.7" c="white" variant="filled" tt="none">
                {t('detail.sensitive')}
              </Badge>
            )}
            <HeaderName detail={detail} />
            {detail.childBasis && (
              <Badge color="indigo.9" c="white" variant="filled" tt="none">
                {t('detail.child')}
              </Badge>
            )}
          </Group>
          <Group gap="xs" wrap="wrap">
            <Button component={Link} to={`/cases/${detail.id}/summary`} variant="default" size="sm">
              {t('detail.printSummary')}
            </Button>
            {permissions.mayEdit && (
              <Button variant="default" size="sm" onClick={() => setDialog('stage')}>
                {t('actions.changeStage')}
              </Button>
            )}
            {permissions.mayAssign && (
              <Button variant="default" size="sm" onClick={() => setDialog('assign')}>
                {t('actions.assign')}
              </Button>
            )}
            {permissions.mayEdit && !closure && (
              <Button variant="outline" color="red.9" c="red.9" size="sm" onClick={() => setDialog('closure')}>
                {permissions.mayApprove ? t('actions.closeCase') : t('actions.requestClosure')}
              </Button>
            )}
            {permissions.mayReopen && (
              <Button variant="default" size="sm" onClick={() => setDialog('reopen')}>
                {t('actions.reopen')}
              </Button>
            )}
          </Group>
        </Group>

        <SummaryFacts
          items={[
            { label: t('detail.status'), value: <StatusBadge status={detail.status} /> },
            { label: t('detail.risk'), value: <RiskBadge risk={detail.riskLevel} /> },
            { label: t('detail.stage'), value: t(`common:enums.stage.${detail.stage}`) },
            { label: t('detail.assignee'), value: detail.assignee?.displayName ?? t('unassigned') },
            {
              label: t('detail.assistanceConsent'),
              value: (
                <Anchor component={Link} to={caseTabHref(detail.id, 'consent')} replace>
                  {t(`common:enums.consentState.${detail.consent.assistance}`)}
                </Anchor>
              ),
            },
            {
              label: t('detail.openTasks'),
              value: (
                <Anchor component={Link} to={caseTabHref(detail.id, 'tasks')} replace>
                  {detail.openTasks}
                </Anchor>
              ),
            },
            { label: t('detail.organisation'), value: detail.organisation.name },
            { label: t('detail.registered'), value: formatDate(detail.registeredAt, language) },
            { label: t('detail.updated'), value: formatDateTime(detail.updatedAt, language) },
          ]}
        />

        {closure && (
          <Alert color="yellow" variant="light" role="status" title={t('closure.pendingTitle')}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm" c="gray.9">
                {t('closure.pendingBody', {
                  name: closure.requestedBy.displayName,
                  date: formatDateTime(closure.requestedAt, language),
                  reason: t(`common:enums.closureReason.${closure.reason}`),
                })}
              </Text>
              {permissions.mayApprove ? (
                <Group gap="xs">
                  <Button size="xs" color="red.9" onClick={() => setDialog('approveClosure')}>
                    {t('closure.approve')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setDialog('rejectClosure')}>
                    {t('closure.reject')}
                  </Button>
                </Group>
              ) : (
                <Text size="sm" c="gray.8">
                  {t('closure.waiting')}
                </Text>
              )}
            </Stack>
          </Alert>
        )}

        {!permissions.open && (
          <Alert color="gray" variant="light" role="status">
            <Text size="sm" c="gray.9">
              {detail.anonymisation
                ? t('closure.closedAnonymised')
                : permissions.mayReopen
                  ? t('closure.closedCanReopen')
                  : t('closure.closed')}
            </Text>
          </Alert>
        )}
      </Stack>

      <StageStatusDialog detail={detail} opened={dialog === 'stage'} onClose={close} />
      <AssignDialog detail={detail} opened={dialog === 'assign'} onClose={close} />
      <RequestClosureDialog
        detail={detail}
        opened={dialog === 'closure'}
        onClose={close}
        closesAtOnce={permissions.mayApprove}
      />
      <ClosureDecisionDialog detail={detail} decision="approve" opened={dialog === 'approveClosure'} onClose={close} />
      <ClosureDecisionDialog detail={detail} decision="reject" opened={dialog === 'rejectClosure'} onClose={close} />
      <ReopenDialog detail={detail} opened={dialog === 'reopen'} onClose={close} />
    </Paper>
  );
}

/**
 * The survivor's alias or given name beside the reference, as the API decides it (the case list's rule).
 * A sensitive case keeps it masked: the reader may reveal it, which reads the identity (audited) and is
 * dropped again on hiding it, as on the identity tab.
 */
function HeaderName({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['cases']);
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState(false);
  const identity = useCaseIdentity(detail.id, revealed && detail.nameHidden);
  if (detail.shownName)
    return (
      <Text fw={600} size="lg" className="shown-name" data-testid="case-name">
        <UserText>{detail.shownName}</UserText>
      </Text>
    );
  if (!detail.nameHidden) return null;
  const hide = () => {
    setRevealed(false);
    queryClient.removeQueries({ queryKey: caseKeys.identity(detail.id) });
  };
  const name = identity.data ? (identity.data.aliases[0] ?? identity.data.givenName) : null;
  return revealed && name ? (
    <Group gap="xs" wrap="nowrap">
      <Text fw={600} size="lg" className="shown-name" data-testid="case-name">
        <UserText>{name}</UserText>
      </Text>
      <Button size="compact-sm" variant="subtle" onClick={hide}>
        {t('detail.hideName')}
      </Button>
    </Group>
  ) : (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" c="gray.8">
        {t('detail.nameHidden')}
      </Text>
      <Button
        size="compact-sm"
        variant="outline"
        onClick={() => setRevealed(true)}
        loading={revealed && identity.isPending}
        title={t('detail.showNameNotice')}
      >
        {t('detail.showName')}
      </Button>
    </Group>
  );
}
