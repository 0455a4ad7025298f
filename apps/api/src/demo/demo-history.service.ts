import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Faker, base, en } from '@faker-js/faker';
import { SERVICE_TYPES, type RegisterCaseRequest } from '@haven/contracts';
import { EnvelopeEncryption } from '../core/crypto/envelope-encryption.js';
import { runAsSystem } from '../core/request-context/database-scope.js';
import { newCaseReference } from '../modules/cases/case-reference.js';
import { duplicateKeyOf, identityAssociatedData } from '../modules/cases/identity-keys.js';
import { StatisticsReleases } from '../modules/statistics/statistics-releases.service.js';
import { demoCases } from './demo-cases.js';
import { DemoHistoryRepository, type ColumnArrays, type DemoShelterOrganisation } from './demo-history.repository.js';
import { TransactionHost } from '../core/database/transaction-host.js';

/** Historic cases of the demo: enough over three years that every statistics table and indicator shows figures. */
export const HISTORY_CASES = 2_400;
const HISTORY_MONTHS = 36;
const DAY = 86_400_000;
/** Services a survivor is commonly given, weighted. */
const COMMON_SERVICES = SERVICE_TYPES.filter(
  (type) => !['return', 'postArrival', 'reintegration', 'other'].includes(type),
);

/**
 * Three years of synthetic casework for demo mode, spread over every organisation of
 * kind `shelter` (more in the first ones, so their sizes differ) and over the last 36
 * months: registrations, statistics consents, services, shelter stays, referrals to
 * partners, vocational training and follow-up visits after return. Cases are written in
 * bulk (column arrays, one statement per 1,000 rows) but each identity is sealed under
 * its own data key exactly as registration does. Then the projection is brought up to
 * date and a statistics release is made, labelled as a revision (the past was filled in).
 */
@Injectable()
export class DemoHistoryService {
  private readonly logger = new Logger('DemoHistory');

  constructor(
    private readonly history: DemoHistoryRepository,
    private readonly encryption: EnvelopeEncryption,
    private readonly releases: StatisticsReleases,
    private readonly transactions: TransactionHost,
  ) {}

  async loadOnce(count = HISTORY_CASES, now = new Date()): Promise<void> {
    const started = Date.now();
    await runAsSystem('demo history', async () => {
      if (await this.history.isLoaded()) return;
      const organisations = (await this.history.shelterOrganisations()).filter(
        (organisation) => organisation.staff.length > 0,
      );
      if (organisations.length === 0) return;
      const partners = await this.history.partnerOrganisations();
      await this.transactions.withTransaction(() => this.write(organisations, partners, count, now));
    });
    await this.releases.publish({ revision: true });
    this.logger.log(
      `Demo history (${count} cases over ${HISTORY_MONTHS} months) loaded and released in ${Date.now() - started} ms`,
    );
  }

  private async write(organisations: DemoShelterOrganisation[], partners: string[], count: number, now: Date) {
    const faker = new Faker({ locale: [en, base], seed: 3_650 });
    const people = demoCases(count, 7_301);
    const weights = organisations.map((_, index) => 1 / (index + 1) ** 1.3);
    const pickOrganisation = () =>
      faker.helpers.weightedArrayElement(
        organisations.map((organisation, index) => ({ value: organisation, weight: weights[index]! })),
      );
    const day = (date: Date) => date.toISOString().slice(0, 10);
    const start = now.getTime() - HISTORY_MONTHS * 30.4 * DAY;
    const columns = <T extends string>(spec: Record<T, string>) =>
      Object.fromEntries(
        Object.entries(spec).map(([name, type]) => [name, { type: type as string, values: [] as unknown[] }]),
      ) as unknown as Record<T, { type: string; values: unknown[]; select?: (column: string) => string }>;

    const cases = columns({
      id: 'uuid',
      reference: 'text',
      organisation_id: 'uuid',
      assignee_id: 'uuid',
      team: 'text',
      status: 'text',
      stage: 'text',
      risk_level: 'text',
      sensitive: 'boolean',
      sex: 'text',
      nationality: 'text',
      age_at_registration: 'int',
      exploitation_types: 'text',
      profile: 'jsonb',
      registered_by: 'uuid',
      registered_at: 'timestamptz',
      updated_at: 'timestamptz',
      version: 'int',
    });
    cases.exploitation_types.select = (column) => `string_to_array(${column}, ',')`;
    const keys = columns({ case_id: 'uuid', wrapped_key: 'bytea', created_at: 'timestamptz' });
    const identities = columns({
      case_id: 'uuid',
      sealed_payload: 'bytea',
      duplicate_key: 'bytea',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    });
    const changes = columns({
      case_id: 'uuid',
      occurred_at: 'timestamptz',
      actor_user_id: 'uuid',
      section: 'text',
      action: 'text',
    });
    // The trafficking status changes only by a formal decision: each case's status has one behind it.
    const decisions = columns({
      case_id: 'uuid',
      status: 'text',
      decided_by: 'text',
      decided_on: 'date',
      recorded_by: 'uuid',
      recorded_at: 'timestamptz',
    });
    const consents = columns({
      case_id: 'uuid',
      purpose: 'text',
      recipient_organisation_id: 'uuid',
      given_on: 'date',
      method: 'text',
      interpreter_used: 'boolean',
      recorded_by: 'uuid',
    });
    const services = columns({
      case_id: 'uuid',
      type: 'text',
      delivered_on: 'date',
      outcome: 'text',
      recorded_by: 'uuid',
    });
    const placements = columns({
      case_id: 'uuid',
      shelter_id: 'uuid',
      from_date: 'date',
      to_date: 'date',
      exit_reason: 'text',
      placed_by: 'uuid',
    });
    const referrals = columns({
      case_id: 'uuid',
      from_organisation_id: 'uuid',
      to_organisation_id: 'uuid',
      services: 'text',
      urgency: 'text',
      lens: 'text',
      status: 'text',
      sent_by: 'uuid',
      sent_at: 'timestamptz',
      responded_at: 'timestamptz',
      closed_at: 'timestamptz',
    });
    referrals.services.select = (column) => `string_to_array(${column}, ',')`;
    referrals.lens.select = (column) => `string_to_array(${column}, ',')`;
    const enrolments = columns({
      programme_id: 'uuid',
      case_id: 'uuid',
      status: 'text',
      certificate_obtained: 'boolean',
      outcome: 'text',
      outcome_recorded_on: 'date',
      created_by: 'uuid',
      created_at: 'timestamptz',
      completed_at: 'timestamptz',
    });
    const visits = columns({
      case_id: 'uuid',
      months_after: 'int',
      due_on: 'date',
      visited_on: 'date',
      economic_score: 'int',
      social_score: 'int',
      psychosocial_score: 'int',
      recorded_by: 'uuid',
    });
    const programmes = columns({
      id: 'uuid',
      owner_organisation_id: 'uuid',
      provider_organisation_id: 'uuid',
      trade: 'text',
      place: 'text',
      starts_on: 'date',
      ends_on: 'date',
      seats: 'int',
      language: 'text',
      created_by: 'uuid',
    });
    const push = <T extends string>(table: Record<T, { values: unknown[] }>, row: Record<T, unknown>) => {
      for (const name of Object.keys(row) as T[]) table[name].values.push(row[name]);
    };
    // An organisation without a shelter gets one, so that stays and occupancy have figures (its address sealed as the shelters module seals it).
    const shelters = columns({
      id: 'uuid',
      organisation_id: 'uuid',
      name: 'text',
      kind: 'text',
      area: 'text',
      capacity: 'int',
      wrapped_key: 'bytea',
      sealed_address: 'bytea',
    });
    for (const organisation of organisations.filter((candidate) => candidate.shelters.length === 0)) {
      const id = randomUUID();
      const { dataKey, wrappedKey } = this.encryption.newDataKey(id);
      push(shelters, {
        id,
        organisation_id: organisation.id,
        name: 'Long-stay house',
        kind: 'women',
        area: 'Centre',
        capacity: 60,
        wrapped_key: wrappedKey,
        sealed_address: this.encryption.sealJson(dataKey, faker.location.streetAddress(), `shelter-address:${id}`),
      });
      organisation.shelters.push(id);
    }
    const programmeOf = new Map<string, string>();
    for (const organisation of organisations) {
      const id = randomUUID();
      programmeOf.set(organisation.id, id);
      for (const [name, value] of Object.entries({
        id,
        owner_organisation_id: organisation.id,
        provider_organisation_id: partners[0] ?? organisation.id,
        trade: 'Tailoring and textiles',
        place: 'Training centre',
        starts_on: day(new Date(start)),
        ends_on: day(now),
        seats: 1000,
        language: 'en',
        created_by: organisation.staff[0]!.id,
      }))
        programmes[name as keyof typeof programmes].values.push(value);
    }

    for (const person of people as RegisterCaseRequest[]) {
      const organisation = pickOrganisation();
      const worker = faker.helpers.arrayElement(organisation.staff);
      const registeredAt = new Date(start + faker.number.float() * (now.getTime() - start - DAY));
      const returned = faker.number.float() < 0.18;
      // Past casework: followed up or closed. The demo's own active caseloads stay those of the demo accounts.
      const status = faker.helpers.weightedArrayElement([
        { value: 'FollowUp', weight: 3 },
        { value: 'Closed', weight: 7 },
      ]);
      const id = randomUUID();
      const { dataKey, wrappedKey } = this.encryption.newDataKey(id);
      const identity = {
        givenName: person.givenName,
        familyName: person.familyName,
        aliases: [],
        dateOfBirth: person.dateOfBirth ?? null,
        estimatedAge: person.estimatedAge ?? null,
        languages: [],
        contact: null,
        documents: [],
      };
      const traffickingStatus =
        faker.number.float() < 0.8 ? 'ActualVictimOfTrafficking' : 'PossibleVictimOfTrafficking';
      push(decisions, {
        case_id: id,
        status: traffickingStatus,
        decided_by: 'NGO',
        decided_on: day(registeredAt),
        recorded_by: worker.id,
        recorded_at: registeredAt,
      });
      const age =
        person.estimatedAge ?? Math.max(0, registeredAt.getUTCFullYear() - Number(person.dateOfBirth!.slice(0, 4)) - 1);
      push(cases, {
        id,
        reference: `HV-HIST-${newCaseReference().slice(3)}`,
        organisation_id: organisation.id,
        assignee_id: worker.id,
        team: worker.team,
        status,
        stage: 'followUp',
        risk_level: person.riskLevel,
        sensitive: false,
        sex: person.sex,
        nationality: person.nationality,
        age_at_registration: age,
        exploitation_types: (person.exploitationTypes ?? []).join(','),
        profile: JSON.stringify({ traffickingStatus }),
        registered_by: worker.id,
        registered_at: registeredAt,
        updated_at: registeredAt,
        version: 1,
      });
      push(keys, { case_id: id, wrapped_key: wrappedKey, created_at: registeredAt });
      push(identities, {
        case_id: id,
        sealed_payload: this.encryption.sealJson(dataKey, identity, identityAssociatedData(id)),
        duplicate_key: duplicateKeyOf(
          this.encryption,
          person.givenName,
          person.familyName ?? '',
          person.dateOfBirth,
          person.estimatedAge,
          registeredAt,
        ),
        created_at: registeredAt,
        updated_at: registeredAt,
      });
      push(changes, {
        case_id: id,
        occurred_at: registeredAt,
        actor_user_id: worker.id,
        section: 'case',
        action: 'registered',
      });
      const onDay = (offsetDays: number) =>
        new Date(Math.min(registeredAt.getTime() + offsetDays * DAY, now.getTime() - DAY));
      if (faker.number.float() < 0.9)
        push(consents, {
          case_id: id,
          purpose: 'statistics',
          recipient_organisation_id: null,
          given_on: day(registeredAt),
          method: 'written',
          interpreter_used: false,
          recorded_by: worker.id,
        });
      for (const type of faker.helpers.arrayElements(COMMON_SERVICES, { min: 1, max: 4 })) {
        push(services, {
          case_id: id,
          type,
          delivered_on: day(onDay(faker.number.int({ min: 0, max: 120 }))),
          outcome: 'completed',
          recorded_by: worker.id,
        });
      }
      if (organisation.shelters.length && faker.number.float() < 0.45) {
        const from = onDay(faker.number.int({ min: 0, max: 10 }));
        const length = faker.number.int({ min: 5, max: 400 });
        const ended = from.getTime() + length * DAY < now.getTime() - DAY;
        push(placements, {
          case_id: id,
          shelter_id: faker.helpers.arrayElement(organisation.shelters),
          from_date: day(from),
          to_date: ended ? day(new Date(from.getTime() + length * DAY)) : null,
          exit_reason: ended ? 'reintegrated' : null,
          placed_by: worker.id,
        });
      }
      if (partners.length && faker.number.float() < 0.3) {
        const sent = onDay(faker.number.int({ min: 1, max: 60 }));
        const outcome = faker.helpers.weightedArrayElement([
          { value: 'completed', weight: 5 },
          { value: 'accepted', weight: 2 },
          { value: 'declined', weight: 2 },
          { value: 'withdrawn', weight: 1 },
        ]);
        const responded = new Date(
          Math.min(sent.getTime() + faker.number.int({ min: 1, max: 40 }) * DAY, now.getTime() - DAY),
        );
        const partner = faker.helpers.arrayElement(partners);
        push(consents, {
          case_id: id,
          purpose: 'referral',
          recipient_organisation_id: partner,
          given_on: day(sent),
          method: 'verbal',
          interpreter_used: true,
          recorded_by: worker.id,
        });
        push(referrals, {
          case_id: id,
          from_organisation_id: organisation.id,
          to_organisation_id: partner,
          services: 'medical',
          urgency: 'routine',
          lens: 'basicProfile',
          status: outcome,
          sent_by: worker.id,
          sent_at: sent,
          responded_at: outcome === 'withdrawn' ? null : responded,
          closed_at:
            outcome === 'completed' ? new Date(Math.min(responded.getTime() + 30 * DAY, now.getTime() - DAY)) : null,
        });
      }
      if (faker.number.float() < 0.15) {
        const enrolled = onDay(faker.number.int({ min: 10, max: 90 }));
        const done = enrolled.getTime() + 120 * DAY < now.getTime() - 30 * DAY;
        push(enrolments, {
          programme_id: programmeOf.get(organisation.id)!,
          case_id: id,
          status: done ? 'completed' : 'attending',
          certificate_obtained: done && faker.number.float() < 0.8,
          outcome: done
            ? faker.helpers.arrayElement(['employed', 'selfEmployed', 'furtherTraining', 'notWorking'])
            : null,
          outcome_recorded_on: done ? day(new Date(enrolled.getTime() + 150 * DAY)) : null,
          created_by: worker.id,
          created_at: enrolled,
          completed_at: done ? new Date(enrolled.getTime() + 120 * DAY) : null,
        });
      }
      if (returned) {
        const back = onDay(faker.number.int({ min: 20, max: 200 }));
        push(services, {
          case_id: id,
          type: 'return',
          delivered_on: day(back),
          outcome: 'completed',
          recorded_by: worker.id,
        });
        push(services, {
          case_id: id,
          type: 'postArrival',
          delivered_on: day(new Date(Math.min(back.getTime() + 10 * DAY, now.getTime() - DAY))),
          outcome: 'completed',
          recorded_by: worker.id,
        });
        push(services, {
          case_id: id,
          type: 'reintegration',
          delivered_on: day(new Date(Math.min(back.getTime() + 60 * DAY, now.getTime() - DAY))),
          outcome: 'ongoing',
          recorded_by: worker.id,
        });
        for (const monthsAfter of [3, 6, 12]) {
          const due = new Date(back.getTime() + monthsAfter * 30.4 * DAY);
          if (due.getTime() > now.getTime() - DAY) break;
          push(visits, {
            case_id: id,
            months_after: monthsAfter,
            due_on: day(due),
            visited_on: day(due),
            economic_score: faker.number.int({ min: 1, max: 5 }),
            social_score: faker.number.int({ min: 2, max: 5 }),
            psychosocial_score: faker.number.int({ min: 2, max: 5 }),
            recorded_by: worker.id,
          });
        }
      }
    }
    const tables: [string, ColumnArrays][] = [
      ['app.shelter', shelters],
      ['app.training_programme', programmes],
      ['app."case"', cases],
      ['app.case_key', keys],
      ['app.survivor_identity', identities],
      ['app.case_change', changes],
      ['app.trafficking_status_decision', decisions],
      ['app.consent', consents],
      ['app.service_record', services],
      ['app.placement', placements],
      ['app.referral', referrals],
      ['app.enrolment', enrolments],
      ['app.follow_up_visit', visits],
    ];
    for (const [table, rows] of tables) await this.history.insert(table, rows);
    await this.history.fitBeds();
  }
}
