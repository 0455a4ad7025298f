import type { MigrationInterface, QueryRunner } from 'typeorm';

const SYSTEM = 'app.scope_is_system()';
const ORGANISATION = 'app.scope_organisation_id()';

/** The referral policies of 1764430000000, reading the scope once per row or once per statement. */
function referralPolicies(per: 'row' | 'statement'): string[] {
  const once = (call: string) => (per === 'statement' ? `(SELECT ${call})` : call);
  const sender = `${once(SYSTEM)} OR from_organisation_id = ${once(ORGANISATION)}`;
  const recipient = `to_organisation_id = ${once(ORGANISATION)}`;
  return [
    `ALTER POLICY referral_of_scope ON app.referral USING (${sender}) WITH CHECK (${sender})`,
    `ALTER POLICY referral_to_recipient ON app.referral USING (${recipient})`,
    `ALTER POLICY referral_answered_by_recipient ON app.referral USING (${recipient}) WITH CHECK (${recipient})`,
  ];
}

/**
 * The referral policies read the scope once per statement instead of once per row.
 *
 * Counting a partner's inbox checks the policies on every referral it counts (thousands;
 * tens of thousands at a million cases). Written as plain calls, the scope functions are
 * inlined into the per-row check, which parses the setting into a uuid again for each
 * row. The functions are STABLE, so a sub-select gives the same answer, computed once per
 * statement (an init plan): the same rows, and the inbox count at 100,000 cases in less
 * than half the time (docs/benchmarks.md).
 */
export class ReferralPoliciesScopeOnce1764453000100 implements MigrationInterface {
  name = 'ReferralPoliciesScopeOnce1764453000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of referralPolicies('statement')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of referralPolicies('row')) await queryRunner.query(statement);
  }
}
