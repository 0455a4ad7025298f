import type { EnrolmentStatus } from '@haven/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Dark fills with white text (light yellow-orange with black) keep at least 4.5:1 contrast; the label carries the meaning.
const COLOURS: Record<EnrolmentStatus, { bg: string; fg: string }> = {
  waitingList: { bg: 'orange.4', fg: 'black' },
  enrolled: { bg: 'blue.8', fg: 'white' },
  attending: { bg: 'indigo.8', fg: 'white' },
  completed: { bg: 'teal.9', fg: 'white' },
  droppedOut: { bg: 'gray.7', fg: 'white' },
};

export function EnrolmentStatusBadge({ status }: { status: EnrolmentStatus }) {
  const { t } = useTranslation('training');
  return (
    <Badge color={COLOURS[status].bg} c={COLOURS[status].fg} variant="filled" tt="none">
      {t(`status.${status}`)}
    </Badge>
  );
}
