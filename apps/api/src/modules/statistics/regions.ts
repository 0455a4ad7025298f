/**
 * Nationality (ISO 3166-1 alpha-2) → region of the UN M49 standard: its intermediate
 * regions where it has them (Africa south of the Sahara, Latin America and the
 * Caribbean), its sub-regions elsewhere. A region groups many countries, so a breakdown
 * by region stays publishable where one by nationality would be mostly hidden.
 */
const M49: Record<string, string> = {
  'Northern Africa': 'DZ EG LY MA SD TN EH',
  'Eastern Africa': 'IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW',
  'Middle Africa': 'AO CM CF TD CG CD GQ GA ST',
  'Southern Africa': 'BW SZ LS NA ZA',
  'Western Africa': 'BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG',
  Caribbean: 'AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI',
  'Central America': 'BZ CR SV GT HN MX NI PA',
  'South America': 'AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE',
  'Northern America': 'BM CA GL PM US',
  'Central Asia': 'KZ KG TJ TM UZ',
  'Eastern Asia': 'CN HK MO KP JP MN KR TW',
  'South-eastern Asia': 'BN KH ID LA MY MM PH SG TH TL VN',
  'Southern Asia': 'AF BD BT IN IR MV NP PK LK',
  'Western Asia': 'AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE',
  'Eastern Europe': 'BY BG CZ HU PL MD RO RU SK UA',
  'Northern Europe': 'AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB',
  'Southern Europe': 'AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK',
  'Western Europe': 'AT BE FR DE LI LU MC NL CH',
  'Australia and New Zealand': 'AU CX CC HM NZ NF',
  Melanesia: 'FJ NC PG SB VU',
  Micronesia: 'GU KI MH FM NR MP PW UM',
  Polynesia: 'AS CK PF NU PN WS TK TO TV WF',
};

/** For a code without a region (e.g. AQ) or not recognised. */
export const OTHER_REGION = 'Other or unknown';

/** Every region, in the order above, then {@link OTHER_REGION}: the values of the `region` dimension. */
export const REGIONS: readonly string[] = [...Object.keys(M49), OTHER_REGION];

const REGION_OF = new Map<string, string>(
  Object.entries(M49).flatMap(([region, codes]) => codes.split(' ').map((code) => [code, region] as const)),
);

export function regionOf(nationality: string | null | undefined): string {
  return (nationality && REGION_OF.get(nationality.toUpperCase())) || OTHER_REGION;
}
