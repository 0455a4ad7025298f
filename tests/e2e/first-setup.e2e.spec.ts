import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { generate } from 'otplib';
import { createTestDatabase, queryDatabase, type TestDatabase } from '@haven/testing';
import { launchChromium, seriousA11yViolations } from '../support/browser.js';

const TIMEOUT = 240_000;
const API_MAIN = path.resolve('apps/api/dist/main.js');
const CREATE_ADMIN = path.resolve('apps/api/dist/cli/create-admin.js');

/** A port nobody listens on now, for the production server to take. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Runs a command to its end; answers its exit code and output. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Haven put into service from nothing, as an organisation would: the built API started in production
 * mode on an empty database (owner and application connections, a generated master key), the first
 * administrator created on the command line, and then everything in Chromium — activation,
 * an organisation, its supervisor invited, activated and enrolled in two-step verification (codes
 * computed from the key the page shows, on the real clock), a caseworker invited by the supervisor,
 * activated and enrolled, who registers a case.
 */
describe('first set-up in production mode', () => {
  let database: TestDatabase;
  let api: ChildProcess | undefined;
  let apiLog = '';
  let baseUrl = '';
  let environment: NodeJS.ProcessEnv;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    for (const built of [API_MAIN, path.resolve('apps/web/dist/index.html')]) {
      if (!existsSync(built))
        throw new Error(
          `${built} is missing: build the API (npx tsc -b apps/api) and the web app (npx nx build web) first.`,
        );
    }
    database = await createTestDatabase();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    environment = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_OWNER_URL: database.url,
      DATABASE_URL: database.applicationUrl,
      HAVEN_MASTER_KEY: randomBytes(32).toString('base64'),
      HAVEN_PUBLIC_URL: baseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      WEB_DIST_DIR: path.resolve('apps/web/dist'),
      LOG_LEVEL: 'warn',
      RETENTION_SCHEDULE: 'false',
      STATS_REFRESH_INTERVAL_SECONDS: '0',
    };
    api = spawn(process.execPath, [API_MAIN], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    api.stdout!.on('data', (chunk: Buffer) => (apiLog += chunk.toString()));
    api.stderr!.on('data', (chunk: Buffer) => (apiLog += chunk.toString()));
    const started = Date.now();
    for (;;) {
      if (api.exitCode !== null) throw new Error(`The API stopped at start (${api.exitCode}):\n${apiLog}`);
      const health = await fetch(`${baseUrl}/api/health`).catch(() => undefined);
      if (health?.ok) break;
      if (Date.now() - started > 120_000) throw new Error(`The API did not start:\n${apiLog}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    browser = await launchChromium();
  }, TIMEOUT);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    if (api && api.exitCode === null) {
      const exited = new Promise((resolve) => api!.once('exit', resolve));
      api.kill('SIGTERM');
      await exited;
    }
    await database?.drop();
  }, TIMEOUT);

  async function openBrowser(): Promise<Page> {
    const context = await browser.newContext({
      baseURL: baseUrl,
      locale: 'en-GB',
      reducedMotion: 'reduce',
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    return context.newPage();
  }

  /** Opens a one-time link, sets the password, and signs in with it (the page passes the e-mail on). */
  async function activateAndSignIn(page: Page, link: string, password: string): Promise<void> {
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Set your password' }).waitFor();
    // The token is taken out of the address bar at once.
    expect(new URL(page.url()).hash).toBe('');
    await page.getByLabel('New password').fill('too short');
    await page.getByLabel('Type it again').fill('too short');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('Use at least 12 characters').waitFor();
    await page.getByLabel('New password').fill(password);
    await page.getByLabel('Type it again').fill(password);
    expect(await seriousA11yViolations(page, 'activation')).toEqual([]);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('button', { name: 'Go to sign-in' }).click();
    await page.waitForURL('**/sign-in');
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Enrols two-step verification with codes computed from the key the page shows, as an authenticator app would. */
  async function enrol(page: Page): Promise<void> {
    await page.waitForURL('**/two-factor/enrol');
    await page.getByRole('button', { name: 'Begin' }).click();
    const secret = (await page.getByTestId('manual-key').innerText()).replace(/\s+/g, '');
    await page.getByRole('textbox', { name: 'Code from the app' }).fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    await page.getByRole('button', { name: 'I have saved my codes — continue' }).click();
    await page.waitForURL((url) => url.pathname === '/');
  }

  async function readLink(page: Page): Promise<string> {
    const link = await page.getByTestId('activation-link').inputValue();
    expect(link).toMatch(new RegExp(`^${baseUrl}/activate#token=[A-Za-z0-9_-]{43}$`));
    await page.getByRole('button', { name: 'Done' }).click();
    return link;
  }

  it(
    'goes from an empty database to a caseworker registering a case',
    async () => {
      // The command line: the first administrator, once.
      const created = await run(
        process.execPath,
        [CREATE_ADMIN, '--email', 'ada.admin@first.haven.test', '--name', 'Ada Admin'],
        environment,
      );
      expect({ code: created.code, stderr: created.stderr }).toEqual({ code: 0, stderr: '' });
      const adminLink = /^(http\S+\/activate#token=\S+)$/m.exec(created.stdout)?.[1];
      expect(adminLink).toBeDefined();
      // What it prints names the account by id, never by address or name.
      expect(created.stdout).not.toMatch(/ada\.admin@first|Ada Admin/);
      const again = await run(
        process.execPath,
        [CREATE_ADMIN, '--email', 'someone.else@first.haven.test', '--name', 'Someone Else'],
        environment,
      );
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already has an active administrator/);
      const [stored] = await queryDatabase<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM app."user"`);
      expect(stored!.n).toBe(1);

      // The administrator activates her account and creates the organisation.
      const admin = await openBrowser();
      await activateAndSignIn(admin, adminLink!, 'Lantern orchard quietly folds 7 bridges');
      await admin.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
      await admin.getByRole('navigation').getByRole('link', { name: 'Organisations' }).click();
      await admin.getByRole('button', { name: 'New organisation' }).click();
      const organisationForm = admin.getByRole('dialog', { name: 'New organisation' });
      await organisationForm.getByRole('textbox', { name: 'Name' }).fill('Lighthouse Shelter');
      await organisationForm.getByRole('combobox', { name: 'Kind' }).click();
      await admin.getByRole('option', { name: 'Shelter operator', exact: true }).click();
      await organisationForm.getByRole('combobox', { name: 'Country' }).fill('Italy');
      await admin.getByRole('option', { name: 'Italy', exact: true }).click();
      expect(await seriousA11yViolations(admin, 'organisation form')).toEqual([]);
      await admin.getByRole('button', { name: 'Create organisation' }).click();
      await admin.getByRole('rowheader', { name: 'Lighthouse Shelter' }).waitFor();

      // …and invites its supervisor.
      await admin.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
      await admin.getByRole('button', { name: 'Invite someone' }).click();
      const invitation = admin.getByRole('dialog', { name: 'Invite someone to Haven' });
      await invitation.getByRole('textbox', { name: 'Name' }).fill('Sam Supervisor');
      await invitation.getByRole('textbox', { name: 'E-mail address' }).fill('sam.supervisor@first.haven.test');
      await invitation.getByRole('combobox', { name: 'Organisation' }).click();
      await admin.getByRole('option', { name: 'Lighthouse Shelter', exact: true }).click();
      await invitation.getByRole('combobox', { name: 'Role' }).click();
      await admin.getByRole('option', { name: 'Supervisor', exact: true }).click();
      await admin.getByRole('button', { name: 'Invite and show the link' }).click();
      expect(await seriousA11yViolations(admin, 'invitation link')).toEqual([]);
      const supervisorLink = await readLink(admin);
      await admin.getByRole('cell', { name: 'Invited' }).waitFor();

      // The supervisor activates, enrols her second factor and invites a caseworker from her Team page.
      const supervisor = await openBrowser();
      await activateAndSignIn(supervisor, supervisorLink, 'Copper kettle whistles over amber dunes');
      await enrol(supervisor);
      await supervisor.getByRole('navigation').getByRole('link', { name: 'Team' }).click();
      await supervisor.getByRole('heading', { level: 1, name: 'Team' }).waitFor();
      await supervisor.getByRole('button', { name: 'Invite a caseworker' }).click();
      const caseworkerInvitation = supervisor.getByRole('dialog', { name: 'Invite a caseworker' });
      await caseworkerInvitation.getByRole('textbox', { name: 'Name' }).fill('Cleo Caseworker');
      await caseworkerInvitation
        .getByRole('textbox', { name: 'E-mail address' })
        .fill('cleo.caseworker@first.haven.test');
      await supervisor.getByRole('button', { name: 'Invite and show the link' }).click();
      const caseworkerLink = await readLink(supervisor);
      expect(await seriousA11yViolations(supervisor, 'team page')).toEqual([]);

      // The caseworker activates, enrols, and registers a case.
      const caseworker = await openBrowser();
      await activateAndSignIn(caseworker, caseworkerLink, 'Violet ferry drifts past nine lighthouses');
      await enrol(caseworker);
      await caseworker.getByRole('navigation').getByRole('link', { name: 'Register case' }).click();
      await caseworker.getByRole('textbox', { name: 'Given name or alias' }).fill('Firstcase');
      await caseworker.getByRole('textbox', { name: 'Estimated age in years' }).fill('23');
      await caseworker.getByRole('combobox', { name: 'Sex' }).click();
      await caseworker.getByRole('option', { name: 'Female', exact: true }).click();
      await caseworker.getByRole('combobox', { name: 'Nationality' }).fill('Nigeria');
      await caseworker.getByRole('option', { name: 'Nigeria', exact: true }).click();
      await caseworker.getByRole('radio', { name: 'Medium' }).check();
      await caseworker.getByRole('button', { name: 'Register case' }).click();
      await caseworker.waitForURL(/\/cases\/[0-9a-f-]{36}$/);

      // A used link says so, and tells nothing about the account.
      const reused = await openBrowser();
      await reused.goto(caseworkerLink);
      await reused.getByLabel('New password').fill('Somebody else tries this link');
      await reused.getByLabel('Type it again').fill('Somebody else tries this link');
      await reused.getByRole('button', { name: 'Set password' }).click();
      await reused.getByText('This link has already been used, or a newer link replaced it.').waitFor();

      const cases = await queryDatabase<{ organisation: string; registeredBy: string }>(
        database.url,
        `SELECT o.name AS organisation, u.email AS "registeredBy" FROM app."case" c JOIN app.organisation o ON o.id = c.organisation_id JOIN app."user" u ON u.id = c.assignee_id`,
      );
      expect(cases).toEqual([{ organisation: 'Lighthouse Shelter', registeredBy: 'cleo.caseworker@first.haven.test' }]);
      const links = await queryDatabase<{ used: number; open: number }>(
        database.url,
        `SELECT count(*) FILTER (WHERE used_at IS NOT NULL)::int AS used, count(*) FILTER (WHERE used_at IS NULL)::int AS open FROM app.account_link`,
      );
      expect(links).toEqual([{ used: 3, open: 0 }]);
    },
    TIMEOUT,
  );
});
