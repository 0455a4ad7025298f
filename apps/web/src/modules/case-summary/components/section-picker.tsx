import type { LensSection } from '@haven/contracts';
import { Checkbox, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface SectionPickerProps {
  /** The sections this reader may print, in the lens's order. */
  available: readonly LensSection[];
  value: LensSection[];
  onChange: (sections: LensSection[]) => void;
  error?: string;
}

/** Which sections go on paper: only those the reader may read, each named as it is titled on the printed page. */
export function SummarySectionPicker({ available, value, onChange, error }: SectionPickerProps) {
  const { t } = useTranslation('caseSummary');
  const { t: tr } = useTranslation('referrals');
  return (
    <Checkbox.Group
      label={t('picker.label')}
      description={t('picker.description')}
      value={value}
      // Kept in the lens's order whatever order they were ticked in, so the paper reads like the screen.
      onChange={(chosen) => onChange(available.filter((section) => chosen.includes(section)))}
      error={error}
    >
      <Stack gap="xs" mt="xs">
        {available.map((section) => (
          <Checkbox key={section} value={section} label={tr(`lensView.${section}`)} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
