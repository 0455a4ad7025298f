import {
  STATISTICS_LANGUAGES,
  type StatisticsConsentMode,
  type StatisticsGranularity,
  type StatisticsIndicatorCode,
  type StatisticsLanguage,
  type StatisticsTableCode,
} from './statistics.js';

/**
 * The words of the statistics, in every language Haven speaks: each table's title and description, each
 * indicator's title and definition, and the words of the dimension values (countries excepted: their names come
 * from `Intl.DisplayNames`). One catalogue for the API, which writes them into the files (a label column beside
 * each code column) and the catalogue it sends, and for the web, which names the codes of what it shows with them:
 * the screen and the file say the same thing.
 */

export interface StatisticsTexts {
  readonly tables: Readonly<Record<StatisticsTableCode, { readonly title: string; readonly description: string }>>;
  readonly indicators: Readonly<
    Record<StatisticsIndicatorCode, { readonly title: string; readonly definition: string }>
  >;
  /**
   * Words of dimension values by dimension; `bands` holds those of the dimensions whose codes are bands or
   * outcomes (age, response time, stay length, training, reintegration score, referral outcome).
   */
  readonly values: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** What a total shows in a dimension's column. */
  readonly total: string;
  /** What a row of everyone counted in a period shows in the other dimensions' columns. */
  readonly allPeople: string;
  /** The notes at the foot of a downloaded file (the CSV's last lines, the XLSX "About" sheet). */
  readonly notes: StatisticsNotesTexts;
}

/**
 * The notes of a file: each note's label, and its sentence with `{name}` where a value goes
 * (`fillStatisticsNote`). Dates, periods and the display of small and withheld figures stay as the
 * figures show them.
 */
export interface StatisticsNotesTexts {
  readonly labels: Readonly<
    Record<
      | 'table'
      | 'description'
      | 'report'
      | 'periods'
      | 'release'
      | 'method'
      | 'smallGroups'
      | 'totals'
      | 'notYetEnded'
      | 'withheld'
      | 'countedIn'
      | 'withoutConsent',
      string
    >
  >;
  /** The indicator report's name. */
  readonly indicatorsReport: string;
  /** `{from}`, `{to}`, `{granularity}` (one of `granularities`). */
  readonly periods: string;
  readonly granularities: Readonly<Record<StatisticsGranularity, string>>;
  /** `{label}`, `{cutAt}`. */
  readonly release: string;
  /** `{maxPerturbation}`. */
  readonly cellKeyMethod: string;
  /** `{epsilon}`. */
  readonly differentialPrivacy: string;
  /** `{display}` (how a small group shows), `{k}`. */
  readonly smallGroups: string;
  readonly totals: string;
  /** `{periods}`, `{withheld}` (how a withheld period shows). */
  readonly notYetEnded: string;
  /** `{withheld}`, `{periods}`. */
  readonly withheld: string;
  /** What stands for an empty list of periods. */
  readonly none: string;
  readonly countedIn: string;
  readonly withoutConsent: Readonly<Record<StatisticsConsentMode, string>>;
}

export const STATISTICS_TEXTS: Readonly<Record<StatisticsLanguage, StatisticsTexts>> = {
  en: {
    tables: {
      'cases-by-status': {
        title: 'New cases by current status',
        description:
          'People registered in each period (transfers received from another organisation not counted again), by the status their case has now.',
      },
      'new-cases-by-exploitation-type': {
        title: 'New cases by type of exploitation',
        description:
          'People registered in each period, by type of exploitation (HTCDS). A person with several types is counted under each, so totals count mentions.',
      },
      'age-sex-pyramid': {
        title: 'New cases by age band and sex',
        description:
          'People registered in each period, by age band at registration (the global data hub’s bands) and sex.',
      },
      'cases-by-region': {
        title: 'New cases by region of nationality',
        description: 'People registered in each period, by the UN M49 region of their nationality.',
      },
      'cases-by-nationality': {
        title: 'New cases by nationality',
        description:
          'People registered in each period, by nationality (ISO 3166). Most countries hold small groups, which are hidden: the regions table shows more.',
      },
      'assistance-by-type': {
        title: 'People assisted by type of assistance',
        description:
          'People given at least one service of each type in the period. A person given several types is counted under each.',
      },
      'referral-outcomes': {
        title: 'People referred by outcome of the referral',
        description:
          'People referred to a partner in the period, by where the referral stands now; the share accepted or completed is the acceptance rate.',
      },
      'referral-response-times': {
        title: 'People referred by partner response time',
        description:
          'People referred in the period, by how long the partner took to accept or decline (in days from sending).',
      },
      'shelter-occupancy': {
        title: 'Shelter occupancy',
        description:
          'People in a shelter of the selected organisations on the census day (the 15th) of each period’s last month — or the latest census day passed, for the current period — and that count as a share of the beds of their active shelters today.',
      },
      'placement-lengths': {
        title: 'Shelter stays by length',
        description: 'People whose shelter stay ended in the period, by how long it lasted.',
      },
      'training-completion': {
        title: 'Vocational training: enrolments and completion',
        description:
          'People who enrolled (or joined a waiting list) in the period, by where their training stands now; the completed share is the completion rate.',
      },
      'training-outcomes': {
        title: 'Vocational training: outcomes after training',
        description: 'People whose situation after training was recorded in the period, by that outcome.',
      },
      'reintegration-score-bands': {
        title: 'Reintegration sustainability',
        description:
          'People visited after return in the period with all three scores recorded, by the band of the mean of their economic, social and psychosocial scores (1–5) at their latest visit of the period.',
      },
    },
    indicators: {
      'migrants-protected-or-assisted': {
        title: 'Migrants in transit and forcibly displaced people protected or assisted',
        definition: 'People given at least one service of any type, or who began a shelter stay, in the period.',
      },
      'victims-of-trafficking-assisted': {
        title: 'Victims of trafficking assisted',
        definition:
          'People identified as actual or possible victims of trafficking (HTCDS trafficking status; where none is recorded, at least one type of exploitation) who were given at least one service in the period.',
      },
      'voluntary-returns-supported': {
        title: 'Voluntary returns supported',
        definition:
          'People whose voluntary return to their country of origin was supported in the period: a return service delivered in the period (counted in the month of the return).',
      },
      'returning-migrants-post-arrival-assistance': {
        title: 'Returning migrants receiving post-arrival assistance',
        definition:
          'People who returned (an accepted return transfer or a return service) and were given post-arrival assistance in the period.',
      },
      'returning-migrants-reintegration-assistance': {
        title: 'Returning migrants receiving reintegration assistance',
        definition:
          'People who returned and, in the period, were given reintegration assistance or had a follow-up visit recorded.',
      },
      'vocational-training-completed': {
        title: 'People who completed vocational training',
        definition: 'People whose vocational training was completed in the period, with or without a certificate.',
      },
      'referrals-completed': {
        title: 'Referrals completed',
        definition:
          'People with at least one referral to a partner that the partner completed in the period (counted in people, not referrals).',
      },
    },
    values: {
      status: {
        Active: 'Active',
        FollowUp: 'Follow-up',
        Closed: 'Closed',
        ClosedReferred: 'Closed (referred)',
      },
      sex: {
        Feminine: 'Female',
        Masculine: 'Male',
        TransgenderFeminine: 'Transgender female',
        TransgenderMasculine: 'Transgender male',
        NonConforming: 'Gender non-conforming',
        NonSpecifiedUnknown: 'Not specified or unknown',
      },
      exploitationType: {
        ForcedLabour: 'Forced labour',
        SexualExploitation: 'Sexual exploitation',
        ChildLabour: 'Child labour',
        ForcedMarriage: 'Forced marriage',
        Servitude: 'Servitude',
        ForcedMilitaryByNonStateActors: 'Forced military service by non-state actors',
        OrganRemoval: 'Organ removal',
        ForcedBegging: 'Forced begging',
        ForcedAdoption: 'Forced adoption',
        Surrogacy: 'Forced surrogacy',
        Other: 'Other',
        NotRecorded: 'Not recorded',
      },
      assistanceType: {
        shelter: 'Shelter',
        medical: 'Medical care',
        psychosocial: 'Psychosocial support',
        legal: 'Legal assistance',
        documentation: 'Help with documents',
        familyTracing: 'Family tracing',
        education: 'Education',
        vocationalTraining: 'Vocational training',
        livelihood: 'Livelihood support',
        financial: 'Financial assistance',
        interpretation: 'Interpretation',
        return: 'Return assistance',
        postArrival: 'Post-arrival assistance',
        reintegration: 'Reintegration assistance',
        other: 'Other',
      },
      region: {
        'Northern Africa': 'Northern Africa',
        'Eastern Africa': 'Eastern Africa',
        'Middle Africa': 'Middle Africa',
        'Southern Africa': 'Southern Africa',
        'Western Africa': 'Western Africa',
        Caribbean: 'Caribbean',
        'Central America': 'Central America',
        'South America': 'South America',
        'Northern America': 'Northern America',
        'Central Asia': 'Central Asia',
        'Eastern Asia': 'Eastern Asia',
        'South-eastern Asia': 'South-eastern Asia',
        'Southern Asia': 'Southern Asia',
        'Western Asia': 'Western Asia',
        'Eastern Europe': 'Eastern Europe',
        'Northern Europe': 'Northern Europe',
        'Southern Europe': 'Southern Europe',
        'Western Europe': 'Western Europe',
        'Australia and New Zealand': 'Australia and New Zealand',
        Melanesia: 'Melanesia',
        Micronesia: 'Micronesia',
        Polynesia: 'Polynesia',
        'Other or unknown': 'Other or unknown',
      },
      nationality: {
        unknown: 'Unknown',
      },
      bands: {
        unknown: 'Unknown',
        awaitingResponse: 'Awaiting response',
        accepted: 'Accepted',
        declined: 'Declined',
        completed: 'Completed',
        withdrawn: 'Withdrawn',
        within2Days: 'Within 2 days',
        '3to7Days': '3 to 7 days',
        '8to30Days': '8 to 30 days',
        over30Days: 'Over 30 days',
        noResponseYet: 'No response yet',
        under1Month: 'Under 1 month',
        '1to3Months': '1 to 3 months',
        '3to6Months': '3 to 6 months',
        '6to12Months': '6 to 12 months',
        '12MonthsOrMore': '12 months or more',
        waitingList: 'Waiting list',
        inTraining: 'In training',
        completedWithCertificate: 'Completed, with certificate',
        completedWithoutCertificate: 'Completed, without certificate',
        droppedOut: 'Dropped out',
        employed: 'Employed',
        selfEmployed: 'Self-employed',
        furtherTraining: 'Further training',
        notWorking: 'Not working',
        '4-5': 'Score 4 to 5',
        '48+': '48 and over',
        '1-1.9': 'Score 1 to 1.9',
        '2-2.9': 'Score 2 to 2.9',
        '3-3.9': 'Score 3 to 3.9',
      },
    },
    total: 'Total',
    allPeople: 'All people',
    notes: {
      labels: {
        table: 'Table',
        description: 'Description',
        report: 'Report',
        periods: 'Periods',
        release: 'Release',
        method: 'Method',
        smallGroups: 'Small groups',
        totals: 'Totals',
        notYetEnded: 'Not yet ended',
        withheld: 'Withheld',
        countedIn: 'Counted in',
        withoutConsent: 'Without statistics consent',
      },
      indicatorsReport: 'Indicators',
      periods: '{from} to {to}, by {granularity}',
      granularities: {
        month: 'month',
        quarter: 'quarter',
        year: 'year',
      },
      release: '{label}; data as at {cutAt} (UTC): later changes are in the next release only.',
      cellKeyMethod:
        'Cell key method: every figure is the count of its people moved by at most {maxPerturbation} (mostly 0 or 1) by a fixed perturbation table, the same for the same people everywhere.',
      differentialPrivacy:
        'Differential privacy: noise added to every figure once per release (epsilon {epsilon} per release, split over every figure one person can be in).',
      smallGroups: '{display}: fewer than {k} people, or a few more moved below {k}; never a number. A 0 means nobody.',
      totals:
        'Each total is protected on its own: totals and percentages need not match the sum of their lines. Do not add or subtract figures to get others.',
      notYetEnded:
        '{periods}: shown {withheld}. A period is published once, by the first release after it ends, and changes afterwards only in a labelled revision.',
      withheld: '{withheld}: a period the release holds nothing for ({periods}).',
      none: 'none',
      countedIn: 'People (cases), each once per figure.',
      withoutConsent: {
        totals: 'counted only in the people of each period, never in a breakdown',
        exclude: 'not counted',
        include: 'counted in every figure',
      },
    },
  },
  fr: {
    tables: {
      'cases-by-status': {
        title: 'Nouveaux dossiers par statut actuel',
        description:
          'Personnes enregistrées au cours de chaque période (les transferts reçus d’une autre organisation ne sont pas comptés deux fois), selon le statut actuel de leur dossier.',
      },
      'new-cases-by-exploitation-type': {
        title: "Nouveaux dossiers par type d'exploitation",
        description:
          'Personnes enregistrées au cours de chaque période, par type d’exploitation (HTCDS). Une personne concernée par plusieurs types est comptée sous chacun : les totaux comptent des mentions.',
      },
      'age-sex-pyramid': {
        title: "Nouveaux dossiers par tranche d'âge et sexe",
        description:
          'Personnes enregistrées au cours de chaque période, par tranche d’âge à l’enregistrement (les tranches du centre mondial de données) et par sexe.',
      },
      'cases-by-region': {
        title: 'Nouveaux dossiers par région de nationalité',
        description:
          'Personnes enregistrées au cours de chaque période, par région M49 des Nations unies de leur nationalité.',
      },
      'cases-by-nationality': {
        title: 'Nouveaux dossiers par nationalité',
        description:
          'Personnes enregistrées au cours de chaque période, par nationalité (ISO 3166). La plupart des pays comptent de petits groupes, qui sont masqués : le tableau par région en montre davantage.',
      },
      'assistance-by-type': {
        title: "Personnes aidées par type d'assistance",
        description:
          'Personnes ayant reçu au moins un service de chaque type au cours de la période. Une personne ayant reçu plusieurs types est comptée sous chacun.',
      },
      'referral-outcomes': {
        title: "Personnes orientées, par issue de l'orientation",
        description:
          'Personnes orientées vers un partenaire au cours de la période, selon l’état actuel de l’orientation ; la part acceptée ou terminée est le taux d’acceptation.',
      },
      'referral-response-times': {
        title: 'Personnes orientées, par délai de réponse du partenaire',
        description:
          'Personnes orientées au cours de la période, selon le délai du partenaire pour accepter ou refuser (en jours depuis l’envoi).',
      },
      'shelter-occupancy': {
        title: 'Occupation des foyers',
        description:
          'Personnes hébergées dans un foyer des organisations choisies le jour du recensement (le 15) du dernier mois de chaque période — ou le dernier jour de recensement passé, pour la période en cours — et ce nombre rapporté aux lits de leurs foyers actifs aujourd’hui.',
      },
      'placement-lengths': {
        title: 'Séjours en foyer par durée',
        description: 'Personnes dont le séjour en foyer a pris fin au cours de la période, selon sa durée.',
      },
      'training-completion': {
        title: 'Formation professionnelle : inscriptions et achèvement',
        description:
          'Personnes inscrites (ou mises sur liste d’attente) au cours de la période, selon l’état actuel de leur formation ; la part achevée est le taux d’achèvement.',
      },
      'training-outcomes': {
        title: 'Formation professionnelle : situation après la formation',
        description:
          'Personnes dont la situation après la formation a été enregistrée au cours de la période, selon cette situation.',
      },
      'reintegration-score-bands': {
        title: 'Durabilité de la réintégration',
        description:
          'Personnes visitées après leur retour au cours de la période avec les trois scores enregistrés, selon la tranche de la moyenne de leurs scores économique, social et psychosocial (1 à 5) lors de leur dernière visite de la période.',
      },
    },
    indicators: {
      'migrants-protected-or-assisted': {
        title: 'Migrants en transit et personnes déplacées de force protégés ou assistés',
        definition:
          'Personnes ayant reçu au moins un service, quel qu’en soit le type, ou commencé un séjour en foyer, au cours de la période.',
      },
      'victims-of-trafficking-assisted': {
        title: 'Victimes de la traite assistées',
        definition:
          'Personnes identifiées comme victimes avérées ou possibles de la traite (statut de traite HTCDS ; à défaut, au moins un type d’exploitation) ayant reçu au moins un service au cours de la période.',
      },
      'voluntary-returns-supported': {
        title: 'Retours volontaires soutenus',
        definition:
          'Personnes dont le retour volontaire dans leur pays d’origine a été soutenu au cours de la période : un service de retour fourni au cours de la période (compté le mois du retour).',
      },
      'returning-migrants-post-arrival-assistance': {
        title: 'Migrants de retour bénéficiant d’une aide après l’arrivée',
        definition:
          'Personnes revenues (transfert de retour accepté ou service de retour) ayant reçu une aide après l’arrivée au cours de la période.',
      },
      'returning-migrants-reintegration-assistance': {
        title: 'Migrants de retour bénéficiant d’une aide à la réintégration',
        definition:
          'Personnes revenues qui, au cours de la période, ont reçu une aide à la réintégration ou ont eu une visite de suivi enregistrée.',
      },
      'vocational-training-completed': {
        title: 'Personnes ayant achevé une formation professionnelle',
        definition:
          'Personnes dont la formation professionnelle s’est achevée au cours de la période, avec ou sans certificat.',
      },
      'referrals-completed': {
        title: 'Orientations menées à terme',
        definition:
          'Personnes ayant au moins une orientation vers un partenaire que celui-ci a menée à terme au cours de la période (comptées en personnes, non en orientations).',
      },
    },
    values: {
      status: {
        Active: 'Actif',
        FollowUp: 'Suivi',
        Closed: 'Clôturé',
        ClosedReferred: 'Clôturé (orienté)',
      },
      sex: {
        Feminine: 'Femme',
        Masculine: 'Homme',
        TransgenderFeminine: 'Femme transgenre',
        TransgenderMasculine: 'Homme transgenre',
        NonConforming: 'Non conforme au genre',
        NonSpecifiedUnknown: 'Non précisé ou inconnu',
      },
      exploitationType: {
        ForcedLabour: 'Travail forcé',
        SexualExploitation: 'Exploitation sexuelle',
        ChildLabour: 'Travail des enfants',
        ForcedMarriage: 'Mariage forcé',
        Servitude: 'Servitude',
        ForcedMilitaryByNonStateActors: 'Service militaire forcé par des acteurs non étatiques',
        OrganRemoval: 'Prélèvement d’organes',
        ForcedBegging: 'Mendicité forcée',
        ForcedAdoption: 'Adoption forcée',
        Surrogacy: 'Gestation pour autrui forcée',
        Other: 'Autre',
        NotRecorded: 'Non renseigné',
      },
      assistanceType: {
        shelter: 'Hébergement',
        medical: 'Soins médicaux',
        psychosocial: 'Soutien psychosocial',
        legal: 'Assistance juridique',
        documentation: 'Aide aux démarches documentaires',
        familyTracing: 'Recherche familiale',
        education: 'Éducation',
        vocationalTraining: 'Formation professionnelle',
        livelihood: 'Soutien aux moyens de subsistance',
        financial: 'Aide financière',
        interpretation: 'Interprétariat',
        return: 'Aide au retour',
        postArrival: 'Accueil après l’arrivée',
        reintegration: 'Aide à la réintégration',
        other: 'Autre',
      },
      region: {
        'Northern Africa': 'Afrique du Nord',
        'Eastern Africa': "Afrique de l'Est",
        'Middle Africa': 'Afrique centrale',
        'Southern Africa': 'Afrique australe',
        'Western Africa': "Afrique de l'Ouest",
        Caribbean: 'Caraïbes',
        'Central America': 'Amérique centrale',
        'South America': 'Amérique du Sud',
        'Northern America': 'Amérique du Nord',
        'Central Asia': 'Asie centrale',
        'Eastern Asia': "Asie de l'Est",
        'South-eastern Asia': 'Asie du Sud-Est',
        'Southern Asia': 'Asie du Sud',
        'Western Asia': 'Asie occidentale',
        'Eastern Europe': "Europe de l'Est",
        'Northern Europe': 'Europe du Nord',
        'Southern Europe': 'Europe du Sud',
        'Western Europe': "Europe de l'Ouest",
        'Australia and New Zealand': 'Australie et Nouvelle-Zélande',
        Melanesia: 'Mélanésie',
        Micronesia: 'Micronésie',
        Polynesia: 'Polynésie',
        'Other or unknown': 'Autre ou inconnue',
      },
      nationality: {
        unknown: 'Inconnu',
      },
      bands: {
        unknown: 'Inconnu',
        awaitingResponse: 'En attente de réponse',
        accepted: 'Acceptée',
        declined: 'Refusée',
        completed: 'Terminée',
        withdrawn: 'Retirée',
        within2Days: 'Sous 2 jours',
        '3to7Days': '3 à 7 jours',
        '8to30Days': '8 à 30 jours',
        over30Days: 'Plus de 30 jours',
        noResponseYet: 'Pas encore de réponse',
        under1Month: "Moins d'un mois",
        '1to3Months': '1 à 3 mois',
        '3to6Months': '3 à 6 mois',
        '6to12Months': '6 à 12 mois',
        '12MonthsOrMore': '12 mois ou plus',
        waitingList: "Liste d'attente",
        inTraining: 'En formation',
        completedWithCertificate: 'Terminée, avec certificat',
        completedWithoutCertificate: 'Terminée, sans certificat',
        droppedOut: 'Abandon',
        employed: 'Salarié',
        selfEmployed: 'Indépendant',
        furtherTraining: 'Autre formation',
        notWorking: 'Sans emploi',
        '4-5': 'Score de 4 à 5',
        '48+': '48 ans et plus',
        '1-1.9': 'Score de 1 à 1,9',
        '2-2.9': 'Score de 2 à 2,9',
        '3-3.9': 'Score de 3 à 3,9',
      },
    },
    total: 'Total',
    allPeople: 'Toutes les personnes',
    notes: {
      labels: {
        table: 'Tableau',
        description: 'Description',
        report: 'Rapport',
        periods: 'Périodes',
        release: 'Publication',
        method: 'Méthode',
        smallGroups: 'Petits groupes',
        totals: 'Totaux',
        notYetEnded: 'Pas encore terminées',
        withheld: 'Retenues',
        countedIn: 'Unité de compte',
        withoutConsent: 'Sans consentement aux statistiques',
      },
      indicatorsReport: 'Indicateurs',
      periods: 'De {from} à {to}, par {granularity}',
      granularities: {
        month: 'mois',
        quarter: 'trimestre',
        year: 'année',
      },
      release:
        '{label} ; données au {cutAt} (UTC) : les modifications ultérieures ne figurent que dans la publication suivante.',
      cellKeyMethod:
        'Méthode de la clé de cellule : chaque chiffre est le nombre de ses personnes, modifié d’au plus {maxPerturbation} (le plus souvent 0 ou 1) par une table de perturbation fixe, la même pour les mêmes personnes partout.',
      differentialPrivacy:
        'Confidentialité différentielle : un bruit ajouté à chaque chiffre une fois par publication (epsilon {epsilon} par publication, réparti sur tous les chiffres où une personne peut figurer).',
      smallGroups:
        '{display} : moins de {k} personnes, ou quelques-unes de plus ramenées sous {k} ; jamais un nombre. Un 0 signifie personne.',
      totals:
        'Chaque total est protégé séparément : les totaux et les pourcentages peuvent ne pas correspondre à la somme de leurs lignes. N’additionnez ni ne soustrayez des chiffres pour en obtenir d’autres.',
      notYetEnded:
        '{periods} : affichées {withheld}. Une période est publiée une seule fois, par la première publication après sa fin, et ne change ensuite que dans une révision signalée.',
      withheld: '{withheld} : une période pour laquelle la publication ne contient rien ({periods}).',
      none: 'aucune',
      countedIn: 'Personnes (dossiers), chacune une fois par chiffre.',
      withoutConsent: {
        totals: 'comptées seulement parmi les personnes de chaque période, jamais dans une ventilation',
        exclude: 'non comptées',
        include: 'comptées dans chaque chiffre',
      },
    },
  },
  ar: {
    tables: {
      'cases-by-status': {
        title: 'الحالات الجديدة حسب الوضع الحالي',
        description:
          'الأشخاص المسجَّلون في كل فترة (لا تُحتسب مرة أخرى الحالات المستلمة بالنقل من منظمة أخرى)، حسب الوضع الحالي لحالتهم.',
      },
      'new-cases-by-exploitation-type': {
        title: 'الحالات الجديدة حسب نوع الاستغلال',
        description:
          'الأشخاص المسجَّلون في كل فترة، حسب نوع الاستغلال (HTCDS). يُحتسب الشخص الذي تعرّض لعدة أنواع تحت كل نوع، فالمجاميع تعدّ الإشارات.',
      },
      'age-sex-pyramid': {
        title: 'الحالات الجديدة حسب الفئة العمرية والجنس',
        description:
          'الأشخاص المسجَّلون في كل فترة، حسب الفئة العمرية عند التسجيل (فئات مركز البيانات العالمي) والجنس.',
      },
      'cases-by-region': {
        title: 'الحالات الجديدة حسب منطقة الجنسية',
        description: 'الأشخاص المسجَّلون في كل فترة، حسب منطقة جنسيتهم وفق تصنيف M49 للأمم المتحدة.',
      },
      'cases-by-nationality': {
        title: 'الحالات الجديدة حسب الجنسية',
        description:
          'الأشخاص المسجَّلون في كل فترة، حسب الجنسية (ISO 3166). معظم البلدان تضم مجموعات صغيرة تُخفى: جدول المناطق يُظهر أكثر.',
      },
      'assistance-by-type': {
        title: 'الأشخاص الذين تلقوا المساعدة حسب نوعها',
        description:
          'الأشخاص الذين تلقّوا خدمة واحدة على الأقل من كل نوع خلال الفترة. يُحتسب من تلقّى عدة أنواع تحت كل نوع.',
      },
      'referral-outcomes': {
        title: 'الأشخاص المُحالون حسب نتيجة الإحالة',
        description:
          'الأشخاص المُحالون إلى شريك خلال الفترة، حسب ما آلت إليه الإحالة الآن؛ ونسبة المقبولة أو المكتملة هي معدل القبول.',
      },
      'referral-response-times': {
        title: 'الأشخاص المُحالون حسب مدة استجابة الشريك',
        description:
          'الأشخاص المُحالون خلال الفترة، حسب المدة التي استغرقها الشريك للقبول أو الرفض (بالأيام منذ الإرسال).',
      },
      'shelter-occupancy': {
        title: 'إشغال دور الإيواء',
        description:
          'الأشخاص المقيمون في دار إيواء تابعة للمنظمات المختارة في يوم الإحصاء (اليوم 15) من الشهر الأخير لكل فترة — أو آخر يوم إحصاء مضى، للفترة الجارية — وهذا العدد نسبةً إلى أسرّة دور الإيواء النشطة اليوم.',
      },
      'placement-lengths': {
        title: 'الإقامات في دور الإيواء حسب المدة',
        description: 'الأشخاص الذين انتهت إقامتهم في دار الإيواء خلال الفترة، حسب مدتها.',
      },
      'training-completion': {
        title: 'التدريب المهني: التسجيل والإتمام',
        description:
          'الأشخاص الذين سُجّلوا (أو أُدرجوا في قائمة انتظار) خلال الفترة، حسب ما آل إليه تدريبهم الآن؛ ونسبة من أتمّوه هي معدل الإتمام.',
      },
      'training-outcomes': {
        title: 'التدريب المهني: الوضع بعد التدريب',
        description: 'الأشخاص الذين سُجّل وضعهم بعد التدريب خلال الفترة، حسب ذلك الوضع.',
      },
      'reintegration-score-bands': {
        title: 'استدامة إعادة الإدماج',
        description:
          'الأشخاص الذين زِيروا بعد العودة خلال الفترة وسُجّلت درجاتهم الثلاث، حسب فئة متوسط درجاتهم الاقتصادية والاجتماعية والنفسية الاجتماعية (1–5) في آخر زيارة لهم خلال الفترة.',
      },
    },
    indicators: {
      'migrants-protected-or-assisted': {
        title: 'المهاجرون العابرون والنازحون قسرًا الذين تلقّوا الحماية أو المساعدة',
        definition: 'الأشخاص الذين تلقّوا خدمة واحدة على الأقل من أي نوع، أو بدأوا إقامة في دار إيواء، خلال الفترة.',
      },
      'victims-of-trafficking-assisted': {
        title: 'ضحايا الاتجار الذين تلقّوا المساعدة',
        definition:
          'الأشخاص المحدَّدون ضحايا فعليين أو محتملين للاتجار (وضع الاتجار وفق HTCDS؛ وإن لم يُسجَّل، نوع استغلال واحد على الأقل) الذين تلقّوا خدمة واحدة على الأقل خلال الفترة.',
      },
      'voluntary-returns-supported': {
        title: 'حالات العودة الطوعية المدعومة',
        definition:
          'الأشخاص الذين دُعمت عودتهم الطوعية إلى بلدهم الأصلي خلال الفترة: خدمة عودة قُدّمت خلال الفترة (تُحتسب في شهر العودة).',
      },
      'returning-migrants-post-arrival-assistance': {
        title: 'المهاجرون العائدون الذين تلقّوا مساعدة بعد الوصول',
        definition: 'الأشخاص الذين عادوا (نقل عودة مقبول أو خدمة عودة) وتلقّوا مساعدة بعد الوصول خلال الفترة.',
      },
      'returning-migrants-reintegration-assistance': {
        title: 'المهاجرون العائدون الذين تلقّوا مساعدة لإعادة الإدماج',
        definition: 'الأشخاص الذين عادوا وتلقّوا خلال الفترة مساعدة لإعادة الإدماج أو سُجّلت لهم زيارة متابعة.',
      },
      'vocational-training-completed': {
        title: 'الأشخاص الذين أتمّوا تدريبًا مهنيًا',
        definition: 'الأشخاص الذين أتمّوا تدريبهم المهني خلال الفترة، بشهادة أو بدونها.',
      },
      'referrals-completed': {
        title: 'الإحالات المكتملة',
        definition:
          'الأشخاص الذين لديهم إحالة واحدة على الأقل إلى شريك أتمّها خلال الفترة (يُعدّ الأشخاص لا الإحالات).',
      },
    },
    values: {
      status: {
        Active: 'نشطة',
        FollowUp: 'متابعة',
        Closed: 'مغلقة',
        ClosedReferred: 'مغلقة (أُحيلت)',
      },
      sex: {
        Feminine: 'أنثى',
        Masculine: 'ذكر',
        TransgenderFeminine: 'أنثى عابرة جنسيًا',
        TransgenderMasculine: 'ذكر عابر جنسيًا',
        NonConforming: 'غير متوافق جندريًا',
        NonSpecifiedUnknown: 'غير محدد أو غير معروف',
      },
      exploitationType: {
        ForcedLabour: 'العمل القسري',
        SexualExploitation: 'الاستغلال الجنسي',
        ChildLabour: 'عمل الأطفال',
        ForcedMarriage: 'الزواج القسري',
        Servitude: 'الاستعباد',
        ForcedMilitaryByNonStateActors: 'التجنيد القسري من قِبل جهات غير حكومية',
        OrganRemoval: 'نزع الأعضاء',
        ForcedBegging: 'التسوّل القسري',
        ForcedAdoption: 'التبنّي القسري',
        Surrogacy: 'تأجير الأرحام القسري',
        Other: 'أخرى',
        NotRecorded: 'غير مسجّل',
      },
      assistanceType: {
        shelter: 'الإيواء',
        medical: 'الرعاية الطبية',
        psychosocial: 'الدعم النفسي والاجتماعي',
        legal: 'المساعدة القانونية',
        documentation: 'المساعدة في الوثائق',
        familyTracing: 'البحث عن الأسرة',
        education: 'التعليم',
        vocationalTraining: 'التدريب المهني',
        livelihood: 'دعم سبل العيش',
        financial: 'المساعدة المالية',
        interpretation: 'الترجمة الشفهية',
        return: 'المساعدة على العودة',
        postArrival: 'المساعدة بعد الوصول',
        reintegration: 'المساعدة على إعادة الإدماج',
        other: 'أخرى',
      },
      region: {
        'Northern Africa': 'شمال أفريقيا',
        'Eastern Africa': 'شرق أفريقيا',
        'Middle Africa': 'وسط أفريقيا',
        'Southern Africa': 'جنوب أفريقيا',
        'Western Africa': 'غرب أفريقيا',
        Caribbean: 'منطقة البحر الكاريبي',
        'Central America': 'أمريكا الوسطى',
        'South America': 'أمريكا الجنوبية',
        'Northern America': 'أمريكا الشمالية',
        'Central Asia': 'آسيا الوسطى',
        'Eastern Asia': 'شرق آسيا',
        'South-eastern Asia': 'جنوب شرق آسيا',
        'Southern Asia': 'جنوب آسيا',
        'Western Asia': 'غرب آسيا',
        'Eastern Europe': 'أوروبا الشرقية',
        'Northern Europe': 'أوروبا الشمالية',
        'Southern Europe': 'أوروبا الجنوبية',
        'Western Europe': 'أوروبا الغربية',
        'Australia and New Zealand': 'أستراليا ونيوزيلندا',
        Melanesia: 'ميلانيزيا',
        Micronesia: 'ميكرونيزيا',
        Polynesia: 'بولينيزيا',
        'Other or unknown': 'أخرى أو غير معروفة',
      },
      nationality: {
        unknown: 'غير معروف',
      },
      bands: {
        unknown: 'غير معروف',
        awaitingResponse: 'بانتظار الرد',
        accepted: 'مقبولة',
        declined: 'مرفوضة',
        completed: 'مكتملة',
        withdrawn: 'مسحوبة',
        within2Days: 'خلال يومين',
        '3to7Days': 'من 3 إلى 7 أيام',
        '8to30Days': 'من 8 إلى 30 يومًا',
        over30Days: 'أكثر من 30 يومًا',
        noResponseYet: 'لا رد بعد',
        under1Month: 'أقل من شهر',
        '1to3Months': 'من شهر إلى 3 أشهر',
        '3to6Months': 'من 3 إلى 6 أشهر',
        '6to12Months': 'من 6 إلى 12 شهرًا',
        '12MonthsOrMore': '12 شهرًا أو أكثر',
        waitingList: 'قائمة الانتظار',
        inTraining: 'قيد التدريب',
        completedWithCertificate: 'مكتمل مع شهادة',
        completedWithoutCertificate: 'مكتمل دون شهادة',
        droppedOut: 'انقطع عن التدريب',
        employed: 'موظف',
        selfEmployed: 'يعمل لحسابه الخاص',
        furtherTraining: 'تدريب إضافي',
        notWorking: 'لا يعمل',
        '4-5': 'الدرجة من 4 إلى 5',
        '48+': '48 سنة فأكثر',
        '1-1.9': 'الدرجة من 1 إلى 1.9',
        '2-2.9': 'الدرجة من 2 إلى 2.9',
        '3-3.9': 'الدرجة من 3 إلى 3.9',
      },
    },
    total: 'المجموع',
    allPeople: 'جميع الأشخاص',
    notes: {
      labels: {
        table: 'الجدول',
        description: 'الوصف',
        report: 'التقرير',
        periods: 'الفترات',
        release: 'الإصدار',
        method: 'الطريقة',
        smallGroups: 'المجموعات الصغيرة',
        totals: 'المجاميع',
        notYetEnded: 'فترات لم تنته بعد',
        withheld: 'فترات محجوبة',
        countedIn: 'وحدة العد',
        withoutConsent: 'دون موافقة على الإحصاءات',
      },
      indicatorsReport: 'المؤشرات',
      periods: 'من {from} إلى {to}، حسب {granularity}',
      granularities: {
        month: 'الشهر',
        quarter: 'الربع',
        year: 'السنة',
      },
      release: '{label}؛ البيانات حتى {cutAt} (بالتوقيت العالمي): التغييرات اللاحقة تظهر في الإصدار التالي فقط.',
      cellKeyMethod:
        'طريقة مفتاح الخلية: كل رقم هو عدد أشخاصه مُزاحًا بما لا يزيد على {maxPerturbation} (غالبًا 0 أو 1) وفق جدول تشويش ثابت، هو نفسه للأشخاص أنفسهم في كل مكان.',
      differentialPrivacy:
        'الخصوصية التفاضلية: ضجيج يضاف إلى كل رقم مرة واحدة في كل إصدار (إبسيلون {epsilon} لكل إصدار، موزعة على كل الأرقام التي يمكن أن يظهر فيها شخص واحد).',
      smallGroups:
        '{display}: أقل من {k} أشخاص، أو أكثر بقليل أُزيحوا إلى ما دون {k}؛ ليس رقمًا أبدًا. الصفر يعني لا أحد.',
      totals:
        'كل مجموع محمي على حدة: قد لا تطابق المجاميع والنسب المئوية مجموع أسطرها. لا تجمع الأرقام أو تطرحها للحصول على أرقام أخرى.',
      notYetEnded:
        '{periods}: تظهر {withheld}. تُنشر الفترة مرة واحدة، في أول إصدار بعد انتهائها، ولا تتغير بعد ذلك إلا في مراجعة موسومة.',
      withheld: '{withheld}: فترة لا يتضمن الإصدار عنها شيئًا ({periods}).',
      none: 'لا شيء',
      countedIn: 'الأشخاص (الحالات)، كل منهم مرة واحدة في كل رقم.',
      withoutConsent: {
        totals: 'محسوبون فقط ضمن أشخاص كل فترة، وليس في أي تفصيل',
        exclude: 'غير محسوبين',
        include: 'محسوبون في كل رقم',
      },
    },
  },
};

/** A note's sentence with its values in place of `{name}`. */
export function fillStatisticsNote(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in values ? String(values[name]) : placeholder,
  );
}

/** A dimension value in words, or the code itself when no list knows it (a new value never disappears). */
export function statisticsValueLabel(
  texts: StatisticsTexts,
  language: string,
  dimension: string,
  code: string,
): string {
  if (dimension === 'nationality' && /^[A-Z]{2}$/.test(code)) {
    try {
      return new Intl.DisplayNames([language, 'en'], { type: 'region' }).of(code) ?? code;
    } catch {
      return code;
    }
  }
  return texts.values[dimension]?.[code] ?? texts.values.bands?.[code] ?? code;
}

/**
 * The language of a request's words: the one it names (`language`), else the first of Accept-Language that
 * Haven speaks, else English.
 */
export function statisticsLanguage(named?: string | null, acceptLanguage?: string | null): StatisticsLanguage {
  const known = (tag: string) =>
    STATISTICS_LANGUAGES.find((language) => language === tag.trim().toLowerCase().split(/[-_;]/)[0]);
  if (named) return known(named) ?? 'en';
  for (const tag of (acceptLanguage ?? '').split(',')) {
    const language = known(tag);
    if (language) return language;
  }
  return 'en';
}
