import { notifications } from '@mantine/notifications';
import { i18n } from '../i18n/i18n';

/** A short confirmation that a change was saved; the screen already shows the result, this only says so. */
export function notifySaved(message: string, title?: string): void {
  notifications.show({
    color: 'teal',
    title,
    message,
    closeButtonProps: { 'aria-label': i18n.t('app.close') },
    // Mantine's default grey for the message is below AA contrast.
    styles: { description: { color: 'var(--mantine-color-gray-8)' } },
  });
}
