import { Inject, Injectable, Logger } from '@nestjs/common';
import { defineAbilityFor } from '@haven/access';
import {
  registerCaseRequestSchema,
  twoFactorRequiredFor,
  type CreateProgrammeRequest,
  type CreateRoomCommand,
  type CreateShelterRequest,
  type OrganisationKind,
  type Role,
} from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../config/config.js';
import type { Caller } from '../core/auth/caller.js';
import { newTotpSecret } from '../core/auth/totp.js';
import { TwoFactorService } from '../core/auth/two-factor.service.js';
import { runAsOrganisation } from '../core/request-context/database-scope.js';
import { AssessmentsService } from '../modules/assessments/assessments.service.js';
import { CasesService } from '../modules/cases/cases.service.js';
import { ConsentsService } from '../modules/consents/consents.service.js';
import { ChildrenService } from '../modules/children/children.service.js';
import type { NewOrganisation } from '../core/organisations/organisations.repository.js';
import { ReferralsService } from '../modules/referrals/referrals.service.js';
import { ProgrammeResultsService } from '../modules/programme/programme-results.service.js';
import { ProgrammeService } from '../modules/programme/programme.service.js';
import { SheltersService } from '../modules/shelters/shelters.service.js';
import { demoProgrammeWork, demoTargets } from './demo-programme.js';
import { TasksService } from '../modules/tasks/tasks.service.js';
import { TrainingService } from '../modules/training/training.service.js';
import { OrganisationsService } from '../core/organisations/organisations.service.js';
import { UsersService } from '../core/users/users.service.js';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from './demo-accounts.js';
import { demoCases } from './demo-cases.js';
import { DemoRepository } from './demo.repository.js';

interface DemoUser {
  email: string;
  displayName: string;
  role: Role;
  organisation: string;
  cases: number;
}

const ORGANISATIONS: (NewOrganisation & { kind: OrganisationKind })[] = [
  {
    name: 'Harbour House Shelter',
    kind: 'shelter',
    country: 'IT',
    services: ['shelter', 'psychosocial'],
    area: 'North',
    contactPoint: 'Duty phone, 24 h',
    languages: ['en', 'it', 'ar'],
    eligibleSexes: ['Feminine'],
    eligibleAgeMin: 18,
    openingHours: 'Always open',
  },
  {
    name: 'Northgate Protection Centre',
    kind: 'shelter',
    country: 'IT',
    services: ['shelter', 'legal'],
    area: 'Centre',
    contactPoint: 'Intake office',
    languages: ['en', 'it', 'fr'],
    openingHours: 'Always open',
  },
  {
    name: 'Southbank Safe House',
    kind: 'shelter',
    country: 'IT',
    services: ['shelter', 'interpretation'],
    area: 'South',
    contactPoint: 'Night desk',
    languages: ['en', 'it', 'ti'],
    eligibleSexes: ['Feminine', 'Masculine'],
    eligibleAgeMax: 17,
    openingHours: 'Always open',
  },
  {
    name: 'Riverside Community Clinic',
    kind: 'partner',
    country: 'IT',
    services: ['medical', 'psychosocial'],
    area: 'North',
    contactPoint: 'Reception desk',
    languages: ['en', 'it'],
    openingHours: 'Mon–Sat 8:00–20:00',
  },
  {
    name: 'Open Door Legal Aid',
    kind: 'partner',
    country: 'IT',
    services: ['legal', 'documentation'],
    area: 'Centre',
    contactPoint: 'Legal aid hotline',
    languages: ['en', 'it', 'fr', 'ar'],
    openingHours: 'Mon–Fri 9:00–17:00',
  },
  {
    name: 'Brightpath Training Centre',
    kind: 'training',
    country: 'IT',
    services: ['vocationalTraining', 'education'],
    area: 'Centre',
    contactPoint: 'Enrolment office',
    languages: ['en', 'it'],
    eligibleAgeMin: 16,
    openingHours: 'Mon–Fri 8:30–16:30',
  },
  {
    name: 'Lagos Return and Reintegration Office',
    kind: 'reintegration',
    country: 'NG',
    services: ['return', 'postArrival', 'reintegration', 'livelihood'],
    area: 'Lagos',
    contactPoint: 'Reception, Ikeja',
    languages: ['en', 'yo', 'ig', 'ha'],
    openingHours: 'Mon–Fri 8:00–16:00',
  },
  { name: 'Regional Protection Programme', kind: 'programme', country: 'IT' },
  { name: 'Haven Operations', kind: 'system', country: null },
];

/**
 * Houses of each shelter organisation, set up by their supervisors: the shelter is created
 * with its first room ("Room 1", as many beds as the capacity given), then the other rooms
 * are added, each with whom it serves and its accessible beds.
 */
const SHELTERS: {
  organisation: string;
  supervisor: string;
  shelters: (CreateShelterRequest & { rooms: CreateRoomCommand[] })[];
}[] = [
  {
    organisation: 'Harbour House Shelter',
    supervisor: `supervisor@${DEMO_EMAIL_DOMAIN}`,
    shelters: [
      {
        name: 'Harbour House',
        kind: 'women',
        area: 'North',
        capacity: 8,
        address: 'Via del Porto 12',
        rooms: [
          { name: 'Garden room', sex: 'female', ageGroup: 'adult', beds: 8, accessibleBeds: 2 },
          { name: 'Upstairs', sex: 'female', ageGroup: 'adult', beds: 8, accessibleBeds: 0 },
        ],
      },
      {
        name: 'Harbour Annex',
        kind: 'families',
        area: 'North',
        capacity: 4,
        address: 'Via del Porto 14',
        rooms: [{ name: 'Family room', sex: 'any', ageGroup: 'any', beds: 6, accessibleBeds: 1 }],
      },
    ],
  },
  {
    organisation: 'Northgate Protection Centre',
    supervisor: `supervisor@northgate.${DEMO_EMAIL_DOMAIN}`,
    shelters: [
      {
        name: 'Northgate Centre',
        kind: 'mixed',
        area: 'Centre',
        capacity: 6,
        address: 'Piazza Nord 3',
        rooms: [
          { name: 'Women’s wing', sex: 'female', ageGroup: 'adult', beds: 12, accessibleBeds: 2 },
          { name: 'Men’s wing', sex: 'male', ageGroup: 'adult', beds: 12, accessibleBeds: 1 },
        ],
      },
    ],
  },
  {
    organisation: 'Southbank Safe House',
    supervisor: `supervisor@southbank.${DEMO_EMAIL_DOMAIN}`,
    shelters: [
      {
        name: 'Southbank House',
        kind: 'children',
        area: 'South',
        capacity: 6,
        address: 'Lungofiume Sud 8',
        rooms: [
          { name: 'Girls’ room', sex: 'female', ageGroup: 'child', beds: 3, accessibleBeds: 1 },
          { name: 'Boys’ room', sex: 'male', ageGroup: 'child', beds: 3, accessibleBeds: 0 },
        ],
      },
      {
        name: 'Southbank Flat',
        kind: 'men',
        area: 'South',
        capacity: 2,
        address: 'Lungofiume Sud 21',
        rooms: [{ name: 'Back room', sex: 'male', ageGroup: 'adult', beds: 4, accessibleBeds: 1 }],
      },
    ],
  },
];

/** Courses the shelters run with the training centre. */
const PROGRAMMES: {
  supervisor: string;
  programme: Omit<CreateProgrammeRequest, 'providerOrganisationId' | 'startsOn' | 'endsOn'> & {
    startsInDays: number;
    weeks: number;
  };
}[] = [
  {
    supervisor: `supervisor@${DEMO_EMAIL_DOMAIN}`,
    programme: {
      trade: 'Tailoring',
      place: 'Brightpath Training Centre, room 2',
      seats: 12,
      language: 'en',
      startsInDays: 14,
      weeks: 16,
    },
  },
  {
    supervisor: `supervisor@${DEMO_EMAIL_DOMAIN}`,
    programme: {
      trade: 'Hairdressing',
      place: 'Brightpath Training Centre, salon',
      seats: 8,
      language: 'it',
      startsInDays: -30,
      weeks: 20,
    },
  },
  {
    supervisor: `supervisor@northgate.${DEMO_EMAIL_DOMAIN}`,
    programme: {
      trade: 'Kitchen assistant',
      place: 'Brightpath Training Centre, kitchen',
      seats: 10,
      language: 'en',
      startsInDays: 45,
      weeks: 12,
    },
  },
];

const USERS: DemoUser[] = [
  {
    email: `caseworker@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Amina Caseworker',
    role: 'caseworker',
    organisation: 'Harbour House Shelter',
    cases: 60,
  },
  {
    email: `caseworker2@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Luca Caseworker',
    role: 'caseworker',
    organisation: 'Harbour House Shelter',
    cases: 50,
  },
  {
    email: `supervisor@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Sara Supervisor',
    role: 'supervisor',
    organisation: 'Harbour House Shelter',
    cases: 10,
  },
  {
    email: `caseworker@northgate.${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Jonas Caseworker',
    role: 'caseworker',
    organisation: 'Northgate Protection Centre',
    cases: 80,
  },
  {
    email: `supervisor@northgate.${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Elena Supervisor',
    role: 'supervisor',
    organisation: 'Northgate Protection Centre',
    cases: 0,
  },
  {
    email: `caseworker@southbank.${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Kofi Caseworker',
    role: 'caseworker',
    organisation: 'Southbank Safe House',
    cases: 12,
  },
  {
    email: `supervisor@southbank.${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Ines Supervisor',
    role: 'supervisor',
    organisation: 'Southbank Safe House',
    cases: 0,
  },
  {
    email: `caseworker@lagos.${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Chiamaka Caseworker',
    role: 'caseworker',
    organisation: 'Lagos Return and Reintegration Office',
    cases: 4,
  },
  {
    email: `supervisor@lagos.${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Tunde Supervisor',
    role: 'supervisor',
    organisation: 'Lagos Return and Reintegration Office',
    cases: 0,
  },
  {
    email: `partner@training.${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Marco Trainer',
    role: 'partner',
    organisation: 'Brightpath Training Centre',
    cases: 0,
  },
  {
    email: `partner@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Nadia Partner',
    role: 'partner',
    organisation: 'Riverside Community Clinic',
    cases: 0,
  },
  {
    email: `partner@legal.${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Paul Partner',
    role: 'partner',
    organisation: 'Open Door Legal Aid',
    cases: 0,
  },
  {
    email: `manager@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Maria Manager',
    role: 'manager',
    organisation: 'Regional Protection Programme',
    cases: 0,
  },
  {
    email: `admin@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Ade Admin',
    role: 'admin',
    organisation: 'Haven Operations',
    cases: 0,
  },
];

/** Loads the demo organisations, their staff (one account per role at least), shelters, courses and ~200 synthetic cases, once. */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(HAVEN_CONFIG) private readonly config: HavenConfig,
    private readonly demo: DemoRepository,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly twoFactor: TwoFactorService,
    private readonly cases: CasesService,
    private readonly consents: ConsentsService,
    private readonly assessments: AssessmentsService,
    private readonly tasks: TasksService,
    private readonly referrals: ReferralsService,
    private readonly shelters: SheltersService,
    private readonly training: TrainingService,
    private readonly children: ChildrenService,
    private readonly programme: ProgrammeService,
    private readonly programmeResults: ProgrammeResultsService,
  ) {}

  /** A child case's consents carry the child's assent: in the demo, given after an explanation suited to her age. */
  private async assentOf(caseId: string) {
    return (await this.children.basis(caseId)) !== null
      ? { childAssent: { assent: 'given' as const, explainedForAge: true } }
      : {};
  }

  async loadOnce(): Promise<void> {
    if (this.config.environment === 'production') throw new Error('Demo data is never loaded in production');
    if (await this.demo.isLoaded()) return;
    const started = Date.now();
    const organisationIds = new Map<string, string>();
    for (const organisation of ORGANISATIONS) {
      organisationIds.set(organisation.name, (await this.organisations.ensure(organisation)).id);
    }
    const survivors = demoCases(USERS.reduce((sum, user) => sum + user.cases, 0));
    const callers = new Map<string, Caller>();
    for (const user of USERS) {
      const created = await this.users.create({
        ...user,
        organisationId: organisationIds.get(user.organisation)!,
        password: DEMO_PASSWORD,
      });
      // Roles that see case data sign in with a second factor, demo accounts too. The secret is
      // random and known to no one; in demo mode the sign-in page shows the current code (README).
      if (twoFactorRequiredFor(user.role)) await this.twoFactor.enrolWithSecret(created.id, newTotpSecret());
      const actor = { ...created, sessionId: 'demo-loader', csrfToken: '' };
      const caller: Caller = { actor, ability: defineAbilityFor(actor), address: 'demo-loader' };
      callers.set(user.email, caller);
      const mine = survivors.splice(0, user.cases);
      // Each demo person's work is done as them, inside their organisation (row-level security).
      await runAsOrganisation(
        created.organisationId,
        async () => {
          const registered: string[] = [];
          for (const [index, survivor] of mine.entries()) {
            const caseId = (await this.cases.register(caller, registerCaseRequestSchema.parse(survivor))).id;
            registered.push(caseId);
            // Most survivors agree to be counted in anonymised statistics; some do not.
            if (index % 7 !== 3)
              await this.consents.record(caller, caseId, {
                purpose: 'statistics',
                givenOn: new Date().toISOString().slice(0, 10),
                method: 'written',
                interpreterUsed: false,
                ...(await this.assentOf(caseId)),
              });
          }
          if (user.email === `caseworker@${DEMO_EMAIL_DOMAIN}`)
            await this.caseworkLoad(caller, registered, organisationIds.get('Riverside Community Clinic')!);
        },
        created.id,
      );
    }
    await this.facilitiesLoad(callers, organisationIds.get('Brightpath Training Centre')!);
    await this.programmeLoad(callers);
    await this.demo.markLoaded();
    this.logger.log(
      `Demo data loaded in ${Date.now() - started} ms: sign in as ${USERS[0]!.email} with the demo password (README).`,
    );
  }

  /** Each shelter organisation's houses, and the courses run with the training centre, set up by their supervisors. */
  private async facilitiesLoad(callers: Map<string, Caller>, trainingCentreId: string): Promise<void> {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    for (const { supervisor, shelters } of SHELTERS) {
      const caller = callers.get(supervisor)!;
      await runAsOrganisation(
        caller.actor.organisationId,
        async () => {
          for (const { rooms, ...shelter } of shelters) {
            const created = await this.shelters.create(caller, shelter);
            for (const room of rooms) await this.shelters.createRoom(caller, created.id, room);
          }
        },
        caller.actor.id,
      );
    }
    for (const { supervisor, programme } of PROGRAMMES) {
      const caller = callers.get(supervisor)!;
      const { startsInDays, weeks, ...fields } = programme;
      await runAsOrganisation(
        caller.actor.organisationId,
        () =>
          this.training.createProgramme(caller, {
            ...fields,
            providerOrganisationId: trainingCentreId,
            startsOn: day(startsInDays),
            endsOn: day(startsInDays + weeks * 7),
          }),
        caller.actor.id,
      );
    }
  }

  /** Each shelter organisation's campaigns, capacity building and diaspora projects, and the programme's targets. */
  private async programmeLoad(callers: Map<string, Caller>): Promise<void> {
    for (const [index, { supervisor }] of SHELTERS.entries()) {
      const caller = callers.get(supervisor)!;
      const work = demoProgrammeWork(2_026 + index);
      for (const fields of work.campaigns) await this.programme.create(caller, 'campaigns', fields);
      const institutionIds: string[] = [];
      for (const fields of work.institutions)
        institutionIds.push((await this.programme.create(caller, 'institutions', fields)).id);
      for (const { participants, ...event } of work.events)
        await this.programme.create(caller, 'capacity-events', {
          ...event,
          participants: participants.map(({ institution, ...people }) => ({
            institutionId: institutionIds[institution]!,
            ...people,
          })),
        });
      for (const fields of work.projects) await this.programme.create(caller, 'diaspora-projects', fields);
    }
    const manager = callers.get(`manager@${DEMO_EMAIL_DOMAIN}`)!;
    for (const target of demoTargets()) await this.programmeResults.setTarget(manager, target);
  }

  /**
   * Some of the demo caseworker's cases get the work of a first week — consent, a risk
   * assessment, tasks (two overdue) and, for a few, a referral to the clinic — so that
   * "my work" and the partner's inbox have something to show.
   */
  private async caseworkLoad(caller: Caller, caseIds: string[], clinicId: string): Promise<void> {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    for (const [index, caseId] of caseIds.slice(0, 12).entries()) {
      await this.consents.record(caller, caseId, {
        purpose: 'assistance',
        givenOn: day(-3),
        method: index % 2 ? 'written' : 'verbal',
        interpreterUsed: index % 3 === 0,
        ...(await this.assentOf(caseId)),
      });
      await this.assessments.record(caller, caseId, {
        type: 'risk',
        riskLevel: (['low', 'medium', 'high'] as const)[index % 3],
      });
      await this.tasks.add(caller, caseId, {
        title: index < 2 ? 'Call back about the medical appointment' : 'Follow-up visit',
        dueOn: day(index < 2 ? -2 : index),
      });
      if (index < 3) {
        await this.consents.record(caller, caseId, {
          purpose: 'referral',
          recipientOrganisationId: clinicId,
          givenOn: day(-2),
          method: 'verbal',
          interpreterUsed: true,
          ...(await this.assentOf(caseId)),
        });
        await this.referrals.send(caller, caseId, {
          toOrganisationId: clinicId,
          services: ['medical'],
          urgency: index === 0 ? 'urgent' : 'routine',
          lens: ['basicProfile', 'healthNeeds'],
          forReturn: false,
          message: 'First medical check-up after arrival',
        });
      }
    }
  }
}
