import { STATISTICS_FORMATS } from '@haven/contracts';
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** CSV and XLSX of the same release; the API sends the file exactly as published, named and audited. */
export function DownloadButtons({
  title,
  urlFor,
}: {
  title: string;
  urlFor: (format: (typeof STATISTICS_FORMATS)[number]) => string;
}) {
  const { t } = useTranslation('statistics');
  return (
    <Group gap="xs">
      {STATISTICS_FORMATS.map((format) => (
        <Button
          key={format}
          component="a"
          href={urlFor(format)}
          download
          size="xs"
          variant="default"
          aria-label={format === 'csv' ? t('download.csvOf', { title }) : t('download.xlsxOf', { title })}
        >
          {t(`download.${format}`)}
        </Button>
      ))}
    </Group>
  );
}
