/**
 * Code lists shared by the API and the web app.
 * Where a list exists in the Human Trafficking Case Data Standard v2 (HTCDS),
 * the values are the standard's own picklist values, so anonymised data can be
 * exported in the format the global counter-trafficking data hub uses.
 */

export const ROLES = ['caseworker', 'supervisor', 'partner', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** HTCDS cas_Status. */
export const CASE_STATUSES = ['Active', 'FollowUp', 'Closed', 'ClosedReferred'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** HTCDS prs_Gender. */
export const GENDERS = [
  'Feminine',
  'Masculine',
  'TransgenderFeminine',
  'TransgenderMasculine',
  'NonConforming',
  'NonSpecifiedUnknown',
] as const;
export type Gender = (typeof GENDERS)[number];

/** HTCDS vic_TypeOfExploitation. */
export const EXPLOITATION_TYPES = [
  'ForcedLabour',
  'SexualExploitation',
  'ChildLabour',
  'ForcedMarriage',
  'Servitude',
  'ForcedMilitaryByNonStateActors',
  'OrganRemoval',
  'ForcedBegging',
  'ForcedAdoption',
  'Surrogacy',
  'Other',
] as const;
export type ExploitationType = (typeof EXPLOITATION_TYPES)[number];

/**
 * What an organisation is to Haven: a shelter operator, a service partner, a training
 * provider, a reintegration or return office (often in a country of origin), a government
 * institution, a programme or donor (statistics only), or Haven's own operations team.
 * Each maps to an HTCDS org_Type (`HTCDS_ORGANISATION_TYPE` in administration.ts).
 */
export const ORGANISATION_KINDS = [
  'shelter',
  'partner',
  'training',
  'reintegration',
  'government',
  'programme',
  'system',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** ISO 3166-1 alpha-2 codes; names are rendered by the browser (Intl.DisplayNames) in the user's language. */
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ') as readonly string[];

/** Stages of work on a case (Haven's own list; HTCDS has no stage). */
export const CASE_STAGES = [
  'identification',
  'assessment',
  'planning',
  'assistance',
  'reintegration',
  'followUp',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** HTCDS vic_TraffickingStatus. */
export const TRAFFICKING_STATUSES = [
  'PossibleVictimOfTrafficking',
  'ActualVictimOfTrafficking',
  'NotAVictimOfTrafficking',
] as const;
export type TraffickingStatus = (typeof TRAFFICKING_STATUSES)[number];

/** HTCDS vic_TraffickingStatusDecisionMakingOrg. */
export const STATUS_DECISION_BODIES = [
  'Police',
  'NGO',
  'CourtOrProsecution',
  'NonPoliceGovernmentalOrganization',
  'Other',
] as const;
export type StatusDecisionBody = (typeof STATUS_DECISION_BODIES)[number];

/** HTCDS vic_RelationshipToTrafficker (the standard's spelling). */
export const RELATIONSHIPS_TO_TRAFFICKER = ['Familial', 'Acquainted', 'Unaquainted'] as const;
export type RelationshipToTrafficker = (typeof RELATIONSHIPS_TO_TRAFFICKER)[number];

/** HTCDS vic_MethodOfRecruitment. */
export const RECRUITMENT_METHODS = [
  'AtAPlaceOfBusiness',
  'AtAnEducationalInstitution',
  'AtWork',
  'ThroughOnlineSocialNetworks',
  'ThroughAnOnlineAdvertisement',
  'ThroughATelevisionAdvert',
  'ThroughANewspaperAdvert',
  'ThroughFamilyOrFamilyEvents',
  'ThroughFriendsOrSocialEvents',
  'Other',
] as const;
export type RecruitmentMethod = (typeof RECRUITMENT_METHODS)[number];

/** HTCDS vic_MethodsOfControl. */
export const CONTROL_METHODS = [
  'PhysicalThreats',
  'ThreatsLawEnforcement',
  'ThreatensChildrenFamily',
  'DebtBondage',
  'FalsePromises',
  'PhysicalAbuse',
  'SexualAbuse',
  'TakesEarnings',
  'RestrictsFinancialAccess',
  'RestrictsMedicalCare',
  'WithholdsNecessities',
  'PsychologicalAbuse',
  'PsychoactiveSubstance',
  'ExcessiveWorkingHours',
  'WithholdsDocuments',
  'Other',
] as const;
export type ControlMethod = (typeof CONTROL_METHODS)[number];

/** HTCDS vic_ForcedLabourIndustry: ISIC v4 sections. */
export const LABOUR_INDUSTRIES = [
  'A_AgricultureForestryAndFishing',
  'B_MiningAndQuarrying',
  'C_Manufacturing',
  'D_ElectricityGasSteamAndAirConditioningSupply',
  'E_WaterSupplySewerageWasteManagement',
  'F_Construction',
  'G_WholesaleAndRetailTradeRepairOfMotorVehicles',
  'H_TransportationAndStorage',
  'I_AccommodationAndFoodServiceActivities',
  'J_InformationAndCommunication',
  'K_FinancialAndInsuranceActivities',
  'L_RealEstateActivities',
  'M_ProfessionalScientificAndTechnicalActivities',
  'N_AdministrativeAndSupportServiceActivities',
  'O_PublicAdministrationAndDefence',
  'P_Education',
  'Q_HumanHealthAndSocialWorkActivities',
  'R_ArtsEntertainmentAndRecreation',
  'S_OtherServiceActivities',
  'T_ActivitiesOfHouseholdsAsEmployers',
  'U_ActivitiesOfExtraterritorialOrganizations',
] as const;
export type LabourIndustry = (typeof LABOUR_INDUSTRIES)[number];

export const DOCUMENT_KINDS = [
  'passport',
  'nationalId',
  'birthCertificate',
  'residencePermit',
  'travelDocument',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_STATES = ['held', 'lost', 'confiscatedByTrafficker', 'replacementRequested', 'issued'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

/** `referral` and `transfer` each name their recipient: agreeing to see a clinic is not agreeing to hand the whole case to another organisation. */
export const CONSENT_PURPOSES = ['assistance', 'referral', 'transfer', 'statistics', 'research'] as const;
/** The purposes whose consent names the organisation it covers. */
export const RECIPIENT_CONSENT_PURPOSES: readonly ConsentPurpose[] = ['referral', 'transfer'];
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_METHODS = ['verbal', 'written'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export const ASSESSMENT_TYPES = ['risk', 'needs', 'protection'] as const;
export type AssessmentType = (typeof ASSESSMENT_TYPES)[number];

export const NEED_AREAS = [
  'shelter',
  'medical',
  'psychosocial',
  'legal',
  'documentation',
  'familyTracing',
  'education',
  'livelihood',
  'return',
  'reintegration',
] as const;
export type NeedArea = (typeof NEED_AREAS)[number];

export const NEED_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type NeedLevel = (typeof NEED_LEVELS)[number];

/** Outcome of an international-protection screening; only `noProtectionNeed` clears a return. */
export const PROTECTION_OUTCOMES = [
  'pending',
  'noProtectionNeed',
  'protectionNeedIdentified',
  'referredToAsylumProcedure',
] as const;
export type ProtectionOutcome = (typeof PROTECTION_OUTCOMES)[number];

/** HTCDS spl_Type. */
export const SUPPORT_PLAN_TYPES = [
  'Education',
  'Financial',
  'Health',
  'LabourExploitationRehabilitation',
  'Legal',
  'Livelihood',
  'RightsBasedTraining',
  'SexualExploitationRehabilitation',
  'SocialCare',
] as const;
export type SupportPlanType = (typeof SUPPORT_PLAN_TYPES)[number];

export const GOAL_STATUSES = ['planned', 'inProgress', 'achieved', 'discontinued'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Kinds of assistance actually given; they feed the indicator reports. */
export const SERVICE_TYPES = [
  'shelter',
  'medical',
  'psychosocial',
  'legal',
  'documentation',
  'familyTracing',
  'education',
  'vocationalTraining',
  'livelihood',
  'financial',
  'interpretation',
  'return',
  'postArrival',
  'reintegration',
  'other',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SERVICE_OUTCOMES = ['completed', 'ongoing', 'declinedBySurvivor', 'notAvailable'] as const;
export type ServiceOutcome = (typeof SERVICE_OUTCOMES)[number];

export const CLOSURE_REASONS = [
  'goalsAchieved',
  'reintegrated',
  'referredElsewhere',
  'survivorDeclinedAssistance',
  'lostContact',
  'relocated',
  'deceased',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * The age band a partner's inbox line shows when the referral shares the basic profile: enough to tell
 * referrals apart, coarser than the age the opened referral shows.
 */
export const INBOX_AGE_BANDS = ['under18', '18to24', '25to34', '35to49', '50plus'] as const;
export type InboxAgeBand = (typeof INBOX_AGE_BANDS)[number];
export function inboxAgeBandOf(age: number | null): InboxAgeBand | null {
  if (age === null) return null;
  if (age < 18) return 'under18';
  if (age < 25) return '18to24';
  if (age < 35) return '25to34';
  if (age < 50) return '35to49';
  return '50plus';
}

/**
 * Languages picked from a list (an interpreter's, a course's): ISO 639 codes of the
 * languages common in the caseload and the places Haven serves; names are rendered by
 * the browser (Intl.DisplayNames) in the user's language.
 */
export const LANGUAGE_CODES = [
  'am',
  'ar',
  'bm',
  'bn',
  'de',
  'en',
  'es',
  'fa',
  'ff',
  'fr',
  'ha',
  'ig',
  'it',
  'ku',
  'ln',
  'om',
  'pcm',
  'ps',
  'pt',
  'ro',
  'ru',
  'so',
  'sq',
  'sw',
  'ti',
  'tl',
  'tr',
  'tw',
  'uk',
  'ur',
  'vi',
  'wo',
  'yo',
  'zh',
] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

/**
 * How the person came to the organisation (cas_IncomingReferralDate's companion). HTCDS v2 records the
 * referring organisation, the date and a reason, not who sent her; these codes are Haven's own, in the
 * standard's spelling, after the sources screening guides name.
 */
export const INCOMING_REFERRAL_SOURCES = [
  'Self',
  'FamilyOrFriend',
  'Police',
  'LabourInspection',
  'ImmigrationService',
  'NGOOutreach',
  'Hotline',
  'HealthService',
  'Embassy',
  'InternationalOrganization',
  'OtherOrganization',
  'Other',
] as const;
export type IncomingReferralSource = (typeof INCOMING_REFERRAL_SOURCES)[number];

/**
 * Migration status, after the HTCDS guidance on the victim's migration context: a national of the country
 * where she is assisted, a regular or irregular migrant, an asylum seeker, a refugee, a stateless or
 * internally displaced person, a migrant in transit, or not known yet.
 */
export const MIGRATION_STATUSES = [
  'National',
  'RegularMigrant',
  'IrregularMigrant',
  'AsylumSeeker',
  'Refugee',
  'Stateless',
  'InternallyDisplaced',
  'InTransit',
  'Unknown',
] as const;
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];

/** A residence permit for victims (EU Directive 2004/81/EC and national equivalents): its application's state. */
export const PERMIT_DECISIONS = ['pending', 'granted', 'refused'] as const;
export type PermitDecision = (typeof PERMIT_DECISIONS)[number];

/** An answer to one indicator of a screening: not known is not no, and counts for nothing. */
export const INDICATOR_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type IndicatorAnswer = (typeof INDICATOR_ANSWERS)[number];

/** What a screening proposes (the formal decision may differ, and records the HTCDS status). */
export const SCREENING_PROPOSALS = ['presumedVictim', 'notIndicated'] as const;
export type ScreeningProposal = (typeof SCREENING_PROPOSALS)[number];
