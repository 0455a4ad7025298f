import {
  DOCUMENT_CATEGORIES,
  DOCUMENT_RECORD_TYPES,
  type CaseDetail,
  type CaseDocument,
  type DocumentCategory,
  type DocumentRecordType,
} from '@haven/contracts';
import { Alert, Anchor, Badge, Button, Group, Image, Modal, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from '../../../app/layout/pager';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { formatDate, formatDateTime } from '../../../app/text/format';
import { useCasePermissions } from '../../cases';
import { documentContentUrl, type DocumentFilters } from '../api/documents-api';
import { DOCUMENTS_PAGE_SIZE, useDocuments } from '../hooks/use-documents';
import { UploadPanel } from './upload-panel';

const sizeOf = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;

/** The files on a case: filtered by category and by the record they support; added several at a time. */
export function DocumentsTab({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation(['documents', 'common']);
  const permissions = useCasePermissions(detail);
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState<DocumentFilters>({});
  const [previewing, setPreviewing] = useState<CaseDocument | null>(null);
  /** A file not checked for viruses, whose download waits for the reader to read the warning. */
  const [confirming, setConfirming] = useState<CaseDocument | null>(null);
  const documents = useDocuments(detail.id, page, filters);
  const data = documents.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const language = i18n.language;
  /** The files of one record (a consent, an assessment…), or of every record again. */
  const showRecord = (record: CaseDocument['record'] | undefined) => {
    setPage(1);
    setFilters((current) => ({
      category: current.category,
      ...(record ? { recordType: record.type, recordId: record.id } : {}),
    }));
  };

  return (
    <Stack gap="md" maw={1000}>
      <Title order={2} size="h3">
        {t('title')}
      </Title>
      {permissions.mayEdit && <UploadPanel caseId={detail.id} mayAddIdentityDocuments={permissions.mayReadIdentity} />}
      <Group align="flex-end">
        <Select
          label={t('filterCategory')}
          clearable
          placeholder={t('all')}
          data={DOCUMENT_CATEGORIES.map((category) => ({ value: category, label: t(`categories.${category}`) }))}
          value={filters.category ?? null}
          onChange={(value) => {
            setPage(1);
            setFilters((current) => ({ ...current, category: (value as DocumentCategory | null) ?? undefined }));
          }}
        />
        <Select
          label={t('filterRecord')}
          clearable
          placeholder={t('all')}
          data={DOCUMENT_RECORD_TYPES.map((type) => ({ value: type, label: t(`records.${type}`) }))}
          value={filters.recordType ?? null}
          onChange={(value) => {
            setPage(1);
            // A kind of record chosen anew shows all of that kind, not the one record picked before.
            setFilters((current) => ({
              category: current.category,
              recordType: (value as DocumentRecordType | null) ?? undefined,
            }));
          }}
        />
      </Group>
      {filters.recordType && filters.recordId && (
        <Group gap="sm">
          <Text size="sm">{t('oneRecord', { record: t(`records.${filters.recordType}`) })}</Text>
          <Button size="xs" variant="light" onClick={() => showRecord(undefined)}>
            {t('allRecords')}
          </Button>
        </Group>
      )}
      {documents.isPending && <SectionLoader />}
      {documents.isError && !data && <SectionError message={t('error')} onRetry={() => void documents.refetch()} />}
      {data && data.items.length === 0 && <EmptyState title={t('empty')} hint={t('emptyHint')} />}
      {data && data.items.length > 0 && (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label={t('title')} aria-busy={documents.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('columns.title')}</Table.Th>
                  <Table.Th>{t('columns.category')}</Table.Th>
                  <Table.Th>{t('columns.date')}</Table.Th>
                  <Table.Th>{t('columns.record')}</Table.Th>
                  <Table.Th>{t('columns.added')}</Table.Th>
                  <Table.Th>{t('columns.size')}</Table.Th>
                  <Table.Th>{t('columns.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((document) => (
                  <Table.Tr key={document.id}>
                    <Table.Td>
                      <Text size="sm" className="free-text">
                        {document.title}
                      </Text>
                      {document.scan === 'failed' && (
                        <Badge color="orange.9" variant="light" size="sm" mt={4}>
                          {t('notChecked')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`categories.${document.category}`)}</Table.Td>
                    <Table.Td>{document.documentDate ? formatDate(document.documentDate, language) : '—'}</Table.Td>
                    <Table.Td>
                      {document.record ? (
                        <Button
                          size="xs"
                          variant="subtle"
                          px={4}
                          aria-label={t('onlyRecord', { record: t(`records.${document.record.type}`) })}
                          aria-pressed={filters.recordId === document.record.id}
                          onClick={() => showRecord(document.record!)}
                        >
                          {t(`records.${document.record.type}`)}
                        </Button>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      {t('addedBy', {
                        name: document.uploadedBy.displayName,
                        date: formatDateTime(document.uploadedAt, language),
                      })}
                    </Table.Td>
                    <Table.Td>{sizeOf(document.byteSize)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {document.scan === 'failed' ? (
                          // Not checked for viruses: the warning comes before the download, never after.
                          <Button size="xs" variant="subtle" px={4} onClick={() => setConfirming(document)}>
                            {t('download', { title: document.title })}
                          </Button>
                        ) : (
                          <Anchor href={documentContentUrl(detail.id, document.id, 'content')} download size="sm">
                            {t('download', { title: document.title })}
                          </Anchor>
                        )}
                        {document.previewable && (
                          <Button size="xs" variant="subtle" onClick={() => setPreviewing(document)}>
                            {t('preview')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {data.total > DOCUMENTS_PAGE_SIZE && (
            <Pager total={totalPages} value={page} onChange={setPage} label={t('pagination')} />
          )}
        </>
      )}
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={t('notCheckedTitle')}>
        {confirming && (
          <Stack gap="sm">
            <Alert color="orange.9" variant="light" title={t('notChecked')}>
              {t('notCheckedWarning')}
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>
                {t('common:app.cancel')}
              </Button>
              <Button
                component="a"
                href={documentContentUrl(detail.id, confirming.id, 'content')}
                download
                color="orange.9"
                onClick={() => setConfirming(null)}
              >
                {t('downloadAnyway', { title: confirming.title })}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={previewing !== null} onClose={() => setPreviewing(null)} title={previewing?.title} size="xl">
        {previewing &&
          (previewing.contentType === 'application/pdf' ? (
            // Sandboxed, from the rewritten file: the PDF is shown, never run.
            <iframe
              title={previewing.title}
              src={documentContentUrl(detail.id, previewing.id, 'preview')}
              sandbox=""
              style={{ width: '100%', height: '70vh', border: 0 }}
            />
          ) : (
            <Image src={documentContentUrl(detail.id, previewing.id, 'preview')} alt={previewing.title} />
          ))}
      </Modal>
    </Stack>
  );
}
