import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { displayNameSchema, emailSchema } from '@haven/contracts';
import { HavenError } from '../core/errors/problem.js';
import { withCommandContext } from './command-context.js';
import { UserAdministrationService } from '../core/users/user-administration.service.js';

const USAGE = 'Usage: npm run admin:create -- --email E --name "N" [--organisation "Haven Operations"] [--additional]';

/**
 * `npm run admin:create -- --email E --name "N"` — the first administrator of a new Haven: an
 * account without a password and a one-time activation link (valid 72 hours), printed here and
 * nowhere else. Refused while an active administrator exists, unless `--additional` is given.
 * Reads the same configuration as the API (DATABASE_OWNER_URL for migrations, DATABASE_URL for
 * the work itself, HAVEN_PUBLIC_URL for the link) and works in production.
 */
async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      organisation: { type: 'string', default: 'Haven Operations' },
      additional: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const email = emailSchema.safeParse(values.email ?? '');
  const name = displayNameSchema.safeParse(values.name ?? '');
  if (!email.success || !name.success) {
    console.error(
      `${!email.success ? `--email: ${email.error.issues[0]!.message}` : `--name: ${name.error!.issues[0]!.message}`}\n${USAGE}`,
    );
    return 2;
  }
  return withCommandContext('application', async (context) => {
    const { user, activationLink } = await context.get(UserAdministrationService).createAdministrator({
      email: email.data,
      displayName: name.data,
      organisationName: values.organisation!,
      additional: values.additional!,
    });
    // Ids only: a terminal's scrollback and a deployment's logs are kept where a person's address should not be.
    console.log(`Administrator ${user.id} created in organisation ${user.organisation.id}.`);
    console.log(
      `One-time activation link (valid until ${activationLink.expiresAt}); give it to the new administrator by a channel you trust:`,
    );
    console.log(activationLink.url);
    return 0;
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `Could not create the administrator: ${error instanceof HavenError ? (error.detail ?? error.title) : error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
