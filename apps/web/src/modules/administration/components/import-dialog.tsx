import { BULK_IMPORT_COLUMNS, type BulkImportResponse } from '@haven/contracts';
import { Alert, Badge, Button, FileButton, Group, List, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api-client';
import { useImportStaff } from '../hooks/use-administration';
import { LinkHandOver } from './link-hand-over';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

/**
 * Bulk invitation from a CSV file: first a check that lists every row's problems and writes nothing, then
 * the import of the whole file at once, and the links to hand over.
 */
export function ImportDialogBody({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('administration');
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<BulkImportResponse | null>(null);
  const [imported, setImported] = useState<BulkImportResponse | null>(null);
  const importStaff = useImportStaff();
  const problems = preview?.rows.filter((row) => row.problems.length).length ?? 0;

  const check = () => importStaff.mutate({ csv, dryRun: true }, { onSuccess: setPreview });
  const run = () => importStaff.mutate({ csv, dryRun: false }, { onSuccess: setImported });

  if (imported) {
    return (
      <Stack gap="md">
        <Alert color="teal" variant="light">
          <Text size="sm">{t('import.done', { count: imported.imported })}</Text>
        </Alert>
        {imported.rows.map(
          (row) =>
            row.activationLink && (
              <LinkHandOver key={row.line} link={row.activationLink} name={row.displayName} kind="invitation" />
            ),
        )}
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('invite.done')}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm">{t('import.intro', { columns: BULK_IMPORT_COLUMNS.join(', ') })}</Text>
      <Group>
        <FileButton
          accept=".csv,text/csv"
          onChange={(file) =>
            void file?.text().then((text) => {
              setCsv(text);
              setPreview(null);
            })
          }
        >
          {(props) => (
            <Button variant="default" {...props}>
              {t('import.chooseFile')}
            </Button>
          )}
        </FileButton>
      </Group>
      <Textarea
        label={t('import.csvLabel')}
        autosize
        minRows={5}
        maxRows={12}
        value={csv}
        onChange={(event) => {
          setCsv(event.currentTarget.value);
          setPreview(null);
        }}
        dir="ltr"
        styles={{ input: { fontFamily: 'monospace' } }}
      />
      {isApiError(importStaff.error) && (
        <Alert color="red" variant="light">
          <Stack gap={4}>
            <Text size="sm" c="red.9">
              {importStaff.error.problem.detail ?? t('common.failed')}
            </Text>
            <List size="sm">
              {importStaff.error
                .fieldErrors()
                .slice(0, 20)
                .map((error) => (
                  <List.Item key={`${error.field}-${error.message}`}>
                    {error.field}: {error.message}
                  </List.Item>
                ))}
            </List>
          </Stack>
        </Alert>
      )}
      {preview && (
        <>
          <Alert color={problems ? 'orange' : 'teal'} variant="light" role="status">
            <Text size="sm">
              {problems
                ? t('import.problems', { count: problems, total: preview.rows.length })
                : t('import.ready', { count: preview.rows.length })}
            </Text>
          </Alert>
          <ResponsiveTable verticalSpacing="xs">
            <caption>{t('import.previewCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('import.line')}</Table.Th>
                <Table.Th scope="col">{t('invite.displayName')}</Table.Th>
                <Table.Th scope="col">{t('invite.email')}</Table.Th>
                <Table.Th scope="col">{t('invite.role')}</Table.Th>
                <Table.Th scope="col">{t('invite.organisation')}</Table.Th>
                <Table.Th scope="col">{t('import.check')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.map((row) => (
                <Table.Tr key={row.line}>
                  <Table.Td>{row.line}</Table.Td>
                  <Table.Td>
                    <bdi>{row.displayName}</bdi>
                  </Table.Td>
                  <Table.Td dir="ltr">{row.email}</Table.Td>
                  <Table.Td>{row.role}</Table.Td>
                  <Table.Td>
                    <bdi>{row.organisation}</bdi>
                  </Table.Td>
                  <Table.Td>
                    {row.problems.length === 0 ? (
                      <Badge color="teal.9" c="white" variant="filled" tt="none">
                        {t('import.ok')}
                      </Badge>
                    ) : (
                      row.problems.map((problem) => (
                        <Text key={`${problem.field}-${problem.message}`} size="xs" c="red.9">
                          {problem.field}: {problem.message}
                        </Text>
                      ))
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ResponsiveTable>
        </>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          variant={preview && !problems ? 'default' : 'filled'}
          onClick={check}
          loading={importStaff.isPending && !preview}
          disabled={!csv.trim()}
        >
          {t('import.checkButton')}
        </Button>
        {preview && problems === 0 && (
          <Button onClick={run} loading={importStaff.isPending}>
            {t('import.run', { count: preview.rows.length })}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
