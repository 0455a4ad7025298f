import { Alert, Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { caseTabHref } from '../../cases/utils/case-tabs';

/** Why a return is refused (non-refoulement): the reasons from the server, and what can resolve them. */
export function ReturnBlockedAlert({ reasons }: { reasons: string[] }) {
  const { t } = useTranslation('referrals');
  return (
    <Alert color="red" variant="light" title={t('returnBlocked.title')} role="alert">
      <Text size="sm" c="red.9">
        {t('returnBlocked.body')}
      </Text>
      {reasons.length > 0 && (
        <List size="sm" mt={4} c="red.9">
          {reasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
      )}
      <Text size="sm" mt="xs" c="gray.9">
        {t('returnBlocked.hint')}
      </Text>
    </Alert>
  );
}

/** Sharing refused for lack of consent: the way forward is recording her consent, not working around it. */
export function ConsentRequiredAlert({ caseId, message }: { caseId: string; message: string }) {
  const { t } = useTranslation('referrals');
  return (
    <Alert color="yellow" variant="light" title={t('consent.requiredTitle')} role="alert">
      <Text size="sm" c="gray.9">
        {message}
      </Text>
      <Anchor component={Link} to={caseTabHref(caseId, 'consent')} state={{ focusTab: true }} size="sm" fw={600}>
        {t('consent.openConsents')}
      </Anchor>
    </Alert>
  );
}
