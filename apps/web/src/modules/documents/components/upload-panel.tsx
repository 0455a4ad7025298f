import {
  DOCUMENT_CATEGORIES,
  uploadDocumentFieldsSchema,
  type CaseDocument,
  type DocumentCategory,
  type DocumentRecordType,
} from '@haven/contracts';
import { Button, Group, Paper, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api-client';
import { uploadDocument } from '../api/documents-api';
import { documentKeys } from '../hooks/use-documents';

type UploadState = 'waiting' | 'sending' | 'done' | 'failed';

interface PendingFile {
  key: number;
  file: File;
  title: string;
  category: DocumentCategory;
  state: UploadState;
  progress: number;
  /** Why the server refused it, or that the connection dropped (then it can be tried again). */
  problem: string | null;
  titleError: string | null;
}

export interface UploadPanelProps {
  caseId: string;
  /** Preset when the files support a record (a consent, an assessment…). */
  record?: { type: DocumentRecordType; id: string };
  defaultCategory?: DocumentCategory;
  /** Identity documents only for those who may see who she is. */
  mayAddIdentityDocuments: boolean;
  /** The categories that may be chosen, when the record narrows them (a referral: those its lens shares). */
  categories?: readonly DocumentCategory[];
  onUploaded?: (document: CaseDocument) => void;
}

let nextKey = 1;

/**
 * Several files at once, dropped or picked: each gets a title (never its file name, which may name her) and a
 * category, then is sent on its own with a progress bar; one that fails can be sent again.
 */
export function UploadPanel({
  caseId,
  record,
  defaultCategory,
  mayAddIdentityDocuments,
  categories: offered = DOCUMENT_CATEGORIES,
  onUploaded,
}: UploadPanelProps) {
  const { t } = useTranslation(['documents', 'common']);
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [dragging, setDragging] = useState(false);
  const categories = offered.filter((category) => mayAddIdentityDocuments || category !== 'identity-document');

  const update = (key: number, change: Partial<PendingFile>) =>
    setFiles((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const add = (list: FileList | null) => {
    if (!list) return;
    const category =
      defaultCategory && categories.includes(defaultCategory)
        ? defaultCategory
        : categories.includes('other')
          ? 'other'
          : categories[0];
    // None to choose (the panel says so and offers no picker): nothing is added.
    if (!category) return;
    setFiles((current) => [
      ...current,
      ...Array.from(list).map((file) => ({
        key: nextKey++,
        file,
        title: '',
        category,
        state: 'waiting' as const,
        progress: 0,
        problem: null,
        titleError: null,
      })),
    ]);
  };

  const send = async (item: PendingFile) => {
    const fields = {
      title: item.title,
      category: item.category,
      ...(record ? { recordType: record.type, recordId: record.id } : {}),
    };
    const checked = uploadDocumentFieldsSchema.safeParse(fields);
    if (!checked.success) {
      update(item.key, { titleError: t('titleNeeded') });
      return;
    }
    update(item.key, { state: 'sending', progress: 0, problem: null, titleError: null });
    try {
      const stored = await uploadDocument(caseId, fields, item.file, (sent, total) =>
        update(item.key, { progress: total ? Math.round((sent / total) * 100) : 0 }),
      ).done;
      update(item.key, { state: 'done', progress: 100 });
      onUploaded?.(stored);
      await queryClient.invalidateQueries({ queryKey: documentKeys.forCase(caseId) });
    } catch (error) {
      const problem = isApiError(error, 413)
        ? // Within the size limit, but longer than the malware scanner takes: it could never be checked.
          error.fieldErrors().some((fieldError) => 'code' in fieldError && fieldError.code === 'scanner-size-limit')
          ? t('tooLargeToScan')
          : t('tooLarge')
        : isApiError(error, 415)
          ? t('wrongType')
          : isApiError(error, 0)
            ? t('connectionLost')
            : isApiError(error)
              ? (error.problem.detail ?? error.message)
              : t('connectionLost');
      update(item.key, { state: 'failed', problem });
    }
  };

  const sendAll = () => {
    for (const item of files) if (item.state === 'waiting') void send(item);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    add(event.dataTransfer.files);
  };

  // A record may narrow the categories to none this reader may add (a referral sharing only copies of identity
  // documents, for one who may not see her identity): no picker, and the reason.
  if (categories.length === 0)
    return (
      <Paper withBorder p="md">
        <Text size="sm">{t('noCategory')}</Text>
      </Paper>
    );

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <div
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="drop-zone"
          style={{
            border: '2px dashed var(--mantine-color-gray-5)',
            borderRadius: 8,
            padding: 24,
            textAlign: 'center',
            background: dragging ? 'var(--mantine-color-blue-0)' : undefined,
          }}
        >
          <Text size="sm">{t('dropHere')}</Text>
          <Button variant="default" mt="sm" onClick={() => input.current?.click()}>
            {t('pick')}
          </Button>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            aria-label={t('pick')}
            onChange={(event) => {
              add(event.currentTarget.files);
              event.currentTarget.value = '';
            }}
          />
        </div>
        <Text size="xs" c="dimmed">
          {t('allowed')}
        </Text>
        {files.length > 0 && (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {files.map((item, index) => (
              <li key={item.key}>
                <Stack gap={4}>
                  <Group align="flex-end" wrap="wrap">
                    <TextInput
                      label={t('fileTitle', { number: index + 1 })}
                      description={t('fileTitleHint')}
                      value={item.title}
                      error={item.titleError}
                      disabled={item.state === 'sending' || item.state === 'done'}
                      onChange={(event) => update(item.key, { title: event.currentTarget.value, titleError: null })}
                      onKeyDown={(event) => {
                        if (event.key === 'Enter') {
                          event.preventDefault();
                          void send(item);
                        }
                      }}
                    />
                    <Select
                      label={t('category', { number: index + 1 })}
                      data={categories.map((category) => ({ value: category, label: t(`categories.${category}`) }))}
                      value={item.category}
                      allowDeselect={false}
                      disabled={item.state === 'sending' || item.state === 'done'}
                      onChange={(value) => value && update(item.key, { category: value as DocumentCategory })}
                    />
                    {item.state === 'failed' && (
                      <Button size="xs" variant="light" onClick={() => void send(item)}>
                        {t('retry', { number: index + 1 })}
                      </Button>
                    )}
                  </Group>
                  <Progress
                    value={item.progress}
                    aria-label={t('progress', { number: index + 1 })}
                    color={item.state === 'failed' ? 'red' : item.state === 'done' ? 'green' : 'blue'}
                  />
                  <Text
                    size="xs"
                    c={item.state === 'failed' ? 'red' : 'dimmed'}
                    role={item.problem ? 'alert' : undefined}
                  >
                    {item.problem ?? t(`states.${item.state}`)}
                  </Text>
                </Stack>
              </li>
            ))}
          </Stack>
        )}
        {files.some((item) => item.state === 'waiting') && (
          <Group>
            <Button onClick={sendAll}>{t('upload')}</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
