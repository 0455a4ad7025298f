import type { Transfer } from '@haven/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLOURS: Record<Transfer['status'], string> = {
  proposed: 'blue.8',
  accepted: 'teal.9',
  rejected: 'red.9',
  cancelled: 'gray.7',
};

export function TransferStatusBadge({ status }: { status: Transfer['status'] }) {
  const { t } = useTranslation('transfers');
  return (
    <Badge color={COLOURS[status]} c="white" variant="filled" tt="none">
      {t(`statuses.${status}`)}
    </Badge>
  );
}
