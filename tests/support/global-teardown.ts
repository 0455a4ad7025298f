export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __havenTestPostgres?: { stop(): Promise<void> } }).__havenTestPostgres;
  await server?.stop();
}
