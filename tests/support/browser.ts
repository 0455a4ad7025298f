import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with nothing that reaches for the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Serious and critical accessibility violations on the page, one readable line each (empty when none). */
export async function seriousA11yViolations(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${screen}: [${violation.impact}] ${violation.id} — ${violation.help} (${violation.nodes.map((node) => `${node.target.join(' ')} ${node.html.slice(0, 160)}`).join(', ')})`,
    );
}

/** What is wider than the screen, and the elements that reach past its edges (for a readable failure). */
export const horizontalOverflow = (page: Page) =>
  page.evaluate<{ scrollWidth: number; clientWidth: number; culprits: string[] } | null>(`(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const width = root.clientWidth;
    const label = (element) => {
      const classes = Array.from(element.classList).slice(0, 3).join('.');
      return element.tagName.toLowerCase() + (classes ? '.' + classes : '') + ' "' + (element.textContent || '').trim().slice(0, 40) + '"';
    };
    const culprits = [];
    // The page and its header; the navigation on a phone is a drawer kept off the screen until it is opened.
    for (const element of Array.from(document.body.querySelectorAll('header *, main *'))) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || (box.right <= width + 1 && box.left >= -1)) continue;
      // The outermost element that reaches past the edge, not each of its children.
      if (element.parentElement && culprits.includes(label(element.parentElement))) continue;
      culprits.push(label(element));
      if (culprits.length >= 5) break;
    }
    return { scrollWidth: root.scrollWidth, clientWidth: width, culprits };
  })()`);

/**
 * Signs in through the sign-in page and waits until the app has left it. When the page asks for
 * the second step, the code comes from `user.nextCode` (the harness's authenticator).
 */
export async function signInThroughPage(
  page: Page,
  user: { email: string; password: string; nextCode?: () => Promise<string> },
): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'E-mail address' }).fill(user.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const codeField = page.getByRole('textbox', { name: 'Authentication code' });
  const leftSignIn = (url: URL) => !url.pathname.startsWith('/sign-in');
  const left = page.waitForURL(leftSignIn).then(() => 'left' as const);
  const asked = codeField.waitFor().then(() => 'asked' as const);
  // Whichever does not happen stays pending until its timeout; that must not fail the test later.
  left.catch(() => undefined);
  asked.catch(() => undefined);
  if ((await Promise.race([left, asked])) === 'asked') {
    if (!user.nextCode)
      throw new Error(`${user.email} is asked for a second factor, and the test has no code for them`);
    await codeField.fill(await user.nextCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(leftSignIn);
  }
}
