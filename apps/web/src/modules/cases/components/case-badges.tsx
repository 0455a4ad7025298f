import type { CaseStatus, RiskLevel } from '@haven/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Each pair was checked for at least 4.5:1 contrast; the label, not the colour, carries the meaning.
const STATUS_COLOURS: Record<CaseStatus, { bg: string; fg: string }> = {
  Active: { bg: 'teal.9', fg: 'white' },
  FollowUp: { bg: 'blue.8', fg: 'white' },
  Closed: { bg: 'gray.7', fg: 'white' },
  ClosedReferred: { bg: 'grape.8', fg: 'white' },
};

const RISK_COLOURS: Record<RiskLevel, { bg: string; fg: string }> = {
  low: { bg: 'gray.2', fg: 'gray.9' },
  medium: { bg: 'yellow.2', fg: 'black' },
  high: { bg: 'orange.4', fg: 'black' },
  critical: { bg: 'red.9', fg: 'white' },
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  const colours = STATUS_COLOURS[status];
  return (
    <Badge color={colours.bg} c={colours.fg} variant="filled" tt="none">
      {t(`enums.status.${status}`)}
    </Badge>
  );
}

export function RiskBadge({ risk }: { risk: RiskLevel }) {
  const { t } = useTranslation();
  const colours = RISK_COLOURS[risk];
  return (
    <Badge color={colours.bg} c={colours.fg} variant="filled" tt="none">
      {t(`enums.risk.${risk}`)}
    </Badge>
  );
}
