import type { DocumentCategory, DocumentRecordType } from '@haven/contracts';
import { Button, Modal } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UploadPanel } from './upload-panel';

/**
 * "Attach a file" on a record (a consent, an assessment, a service, a referral): the upload, preset to that
 * record. `categories` narrows what may be chosen (a referral takes only what its lens shares).
 */
export function AttachDocumentButton({
  caseId,
  recordType,
  recordId,
  defaultCategory,
  mayAddIdentityDocuments = false,
  categories,
}: {
  caseId: string;
  recordType: DocumentRecordType;
  recordId: string;
  defaultCategory?: DocumentCategory;
  mayAddIdentityDocuments?: boolean;
  categories?: readonly DocumentCategory[];
}) {
  const { t } = useTranslation('documents');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="xs" variant="subtle" onClick={() => setOpen(true)}>
        {t('attach')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('attachTitle')} size="lg">
        <UploadPanel
          caseId={caseId}
          record={{ type: recordType, id: recordId }}
          defaultCategory={defaultCategory}
          mayAddIdentityDocuments={mayAddIdentityDocuments}
          categories={categories}
        />
      </Modal>
    </>
  );
}
