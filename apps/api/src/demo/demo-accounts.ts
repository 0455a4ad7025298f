/**
 * Published in the README: demo accounts exist only in demo mode and are refused in production.
 * Those whose role requires a second factor are enrolled at seeding; in demo mode only, the
 * second sign-in step of a demo account carries the current code (`demoCode`).
 */
export const DEMO_PASSWORD = 'Haven-demo-2026!';
export const DEMO_EMAIL_DOMAIN = 'demo.haven.test';

export function isDemoAccount(email: string): boolean {
  return email.endsWith(`@${DEMO_EMAIL_DOMAIN}`) || email.endsWith(`.${DEMO_EMAIL_DOMAIN}`);
}
