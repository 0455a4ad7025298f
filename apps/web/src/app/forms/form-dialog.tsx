import { Modal } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FormDialogProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  size?: string;
}

/**
 * A modal whose form is created when it opens and dropped when it closes, so every opening starts from
 * what is on screen now (and from its version), never from a half-typed earlier attempt.
 */
export function FormDialog({ opened, onClose, title, children, size = 'lg' }: FormDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      {opened && children}
    </Modal>
  );
}
