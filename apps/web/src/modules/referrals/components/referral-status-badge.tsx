import type { ReferralStatus } from '@haven/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Dark shades with white text keep every state above AA contrast; the word, not the colour, carries the meaning.
const COLOURS: Record<ReferralStatus, string> = {
  sent: 'blue.8',
  accepted: 'indigo.8',
  declined: 'red.9',
  completed: 'teal.9',
  withdrawn: 'gray.7',
};

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation('referrals');
  return (
    <Badge color={COLOURS[status]} c="white" variant="filled" tt="none">
      {t(`statuses.${status}`)}
    </Badge>
  );
}
