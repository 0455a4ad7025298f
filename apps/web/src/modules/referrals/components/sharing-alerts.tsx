import type { ReturnSuspension } from '@haven/contracts';
import { Alert, Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { caseTabHref } from '../../cases';
import { formatDate } from '../../../app/text/format';
import type { ReturnRefusal } from '../utils/sharing-problems';

/**
 * Why a step toward return was refused (return safety): each safeguard's reason, and for the sending
 * organisation a link to the case's protection reviews, where a supervisor can clear them.
 */
export function ReturnBlockedAlert({ refusal, onFollow }: { refusal: ReturnRefusal; onFollow?: () => void }) {
  const { t } = useTranslation('referrals');
  return (
    <Alert color="red" variant="light" title={t('returnBlocked.title')} role="alert">
      <Text size="sm" c="red.9">
        {t('returnBlocked.body')}
      </Text>
      {refusal.blockers.length > 0 && (
        <List size="sm" mt={4} c="red.9">
          {refusal.blockers.map((blocker) => (
            <List.Item key={`${blocker.safeguard}-${blocker.code}`}>
              {t(`returnSafety.codes.${blocker.code}`)}
            </List.Item>
          ))}
        </List>
      )}
      {refusal.reviewCaseId ? (
        <Anchor
          component={Link}
          to={`${caseTabHref(refusal.reviewCaseId, 'referrals')}#protection-reviews-heading`}
          onClick={onFollow}
          size="sm"
          fw={600}
          mt="xs"
          display="inline-block"
        >
          {t('returnBlocked.openReviews')}
        </Anchor>
      ) : (
        <Text size="sm" mt="xs" c="gray.9">
          {t('returnBlocked.receiverHint')}
        </Text>
      )}
    </Alert>
  );
}

/**
 * A pending return held for a protection concern: since when and why (the receiving organisation is told only
 * that a review is pending); the sending organisation is led to the case's protection reviews.
 */
export function ReturnSuspendedNote({
  suspension,
  recipient,
  reviewCaseId,
}: {
  suspension: ReturnSuspension;
  recipient?: string;
  reviewCaseId?: string;
}) {
  const { t, i18n } = useTranslation('referrals');
  const reasons = suspension.reasons.filter((code) => code !== 'protectionReviewPending');
  const since = formatDate(suspension.since, i18n.language);
  return (
    <Alert
      color="orange"
      variant="light"
      title={
        recipient
          ? t('returnSafety.suspendedTitleTo', { recipient, date: since })
          : t('returnSafety.suspendedTitle', { date: since })
      }
      role="status"
    >
      <Text size="sm" c="gray.9">
        {reasons.length > 0 ? t('returnSafety.suspendedSender') : t('returnSafety.suspendedReceiver')}
      </Text>
      {reasons.length > 0 && (
        <List size="sm" mt={4} c="gray.9">
          {reasons.map((code) => (
            <List.Item key={code}>{t(`returnSafety.codes.${code}`)}</List.Item>
          ))}
        </List>
      )}
      {reasons.length > 0 && reviewCaseId && (
        <Anchor
          component={Link}
          to={`${caseTabHref(reviewCaseId, 'referrals')}#protection-reviews-heading`}
          size="sm"
          fw={600}
          mt="xs"
          display="inline-block"
        >
          {t('returnBlocked.openReviews')}
        </Anchor>
      )}
    </Alert>
  );
}

/**
 * Sharing refused for lack of consent: the way forward is recording her consent, not working around it.
 * The dialog shows, beside the organisation chosen, where to record it without leaving what was chosen.
 */
export function ConsentRequiredAlert({ message }: { message: string }) {
  const { t } = useTranslation('referrals');
  return (
    <Alert color="yellow" variant="light" title={t('consent.requiredTitle')} role="alert">
      <Text size="sm" c="gray.9">
        {message}
      </Text>
    </Alert>
  );
}
