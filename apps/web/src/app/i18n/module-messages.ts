/**
 * The contract schemas answer in English. The app's table translates the messages shared by every screen;
 * a feature's own messages ("At least 1 bed") are looked up in its namespace's `messages` table. A message
 * neither table knows is shown as it is rather than hidden.
 */
export function translateFeatureMessages(
  errors: Record<string, string>,
  messages: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, messages[message] ?? message]));
}

/** A feature namespace's `messages` table, in the current language. */
export function featureMessages(t: (...args: never[]) => unknown): Record<string, string> {
  const table = (t as unknown as (key: string, options: object) => unknown)('messages', { returnObjects: true });
  return table && typeof table === 'object' ? (table as Record<string, string>) : {};
}
