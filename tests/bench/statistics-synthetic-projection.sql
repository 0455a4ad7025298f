-- A synthetic projection of 1,000,000 people for timing statistics counts at national
-- scale without generating the case data: ten years, ten organisations, a tenth of the
-- rows received by transfer, ~3.5 services, 0.5 referrals, 0.3 stays, 0.2 enrolments
-- per person, follow-ups for some of those returned. Run it on a COPY of a generated
-- database the API has migrated (its statistics tables are replaced; the case tables are
-- left as they are, so only tests/bench/statistics-counts.mjs makes sense on it):
--
--   createdb -h 127.0.0.1 -U postgres -T haven_100k haven_synthetic
--   psql -h 127.0.0.1 -U postgres haven_synthetic -f tests/bench/statistics-synthetic-projection.sql
--   node tests/bench/statistics-counts.mjs --database-url postgres://postgres@127.0.0.1:5432/haven_synthetic
\timing on
TRUNCATE stats.case_row CASCADE;
CREATE TEMP TABLE orgs AS SELECT g AS i, (md5('org' || g)::uuid) AS id FROM generate_series(0, 9) g;
INSERT INTO stats.case_row
SELECT decode(md5('row' || g), 'hex'), decode(md5('person' || CASE WHEN g % 10 = 0 THEN g - 1 ELSE g END), 'hex'),
       (SELECT id FROM orgs WHERE i = (g * 7) % 10), (g % 10) <> 3, g % 10 <> 0,
       to_char(date '2016-01-01' + ((g * 37) % 3900) * interval '1 day', 'YYYY-MM'),
       (ARRAY['0-8','9-17','18-20','21-23','24-26','27-29','30-38','39-47','48+'])[1 + (g * 13) % 9],
       (ARRAY['Feminine','Masculine','NonSpecifiedUnknown'])[1 + (g * 5) % 3],
       (ARRAY['NG','ER','UA','AF','VN','SY','ET','SO','SD','IQ','PK','BD','RO','BG','AL','MA','TN','EG','LY','CM','GH','SN','ML','CI','GN'])[1 + (g * 11) % 25],
       (ARRAY['Africa','Asia','Europe','Americas','Oceania'])[1 + (g * 11) % 5],
       CASE WHEN g % 7 = 0 THEN ARRAY[]::text[] WHEN g % 5 = 0 THEN ARRAY['SexualExploitation','ForcedLabour'] ELSE ARRAY[(ARRAY['SexualExploitation','ForcedLabour','ForcedMarriage','DomesticServitude','OrganRemoval','ForcedCriminality'])[1 + (g * 3) % 6]] END,
       (ARRAY['Active','FollowUp','Closed','Referred','Transferred'])[1 + (g * 17) % 5], g % 3 <> 0, g % 4 = 0
  FROM generate_series(1, 1000000) g;
INSERT INTO stats.service_row
SELECT c.row_key, s, to_char(to_date(c.registered_month, 'YYYY-MM') + ((s * 41 + get_byte(c.row_key, 0)) % 700) * interval '1 day', 'YYYY-MM'),
       (ARRAY['medical','legal','shelter','psychosocial','education','return','postArrival','reintegration','financial','documentation'])[1 + (get_byte(c.row_key, 1) + s * 3) % 10]
  FROM stats.case_row c CROSS JOIN generate_series(1, 1 + get_byte(c.row_key, 2) % 6) s;
INSERT INTO stats.referral_row
SELECT c.row_key, 1, to_char(to_date(c.registered_month, 'YYYY-MM') + (get_byte(c.row_key, 3) % 200) * interval '1 day', 'YYYY-MM'),
       (ARRAY['awaitingResponse','accepted','declined','completed','withdrawn'])[1 + get_byte(c.row_key, 4) % 5],
       (ARRAY['within2Days','3to7Days','8to30Days','over30Days','noResponseYet'])[1 + get_byte(c.row_key, 5) % 5],
       CASE WHEN get_byte(c.row_key, 4) % 5 = 3 THEN to_char(to_date(c.registered_month, 'YYYY-MM') + interval '9 months', 'YYYY-MM') END
  FROM stats.case_row c WHERE get_byte(c.row_key, 6) % 2 = 0;
INSERT INTO stats.placement_row
SELECT c.row_key, 1, c.organisation_id, c.registered_month, c.registered_month,
       to_char(to_date(c.registered_month, 'YYYY-MM') + interval '3 months', 'YYYY-MM'), false,
       to_char(to_date(c.registered_month, 'YYYY-MM') + interval '3 months', 'YYYY-MM'),
       (ARRAY['under1Month','1to3Months','3to6Months','6to12Months','12MonthsOrMore'])[1 + get_byte(c.row_key, 7) % 5]
  FROM stats.case_row c WHERE get_byte(c.row_key, 8) % 3 = 0;
INSERT INTO stats.enrolment_row
SELECT c.row_key, 1, c.registered_month,
       (ARRAY['waitingList','inTraining','completedWithCertificate','completedWithoutCertificate','droppedOut'])[1 + get_byte(c.row_key, 9) % 5],
       CASE WHEN get_byte(c.row_key, 9) % 5 IN (2, 3) THEN to_char(to_date(c.registered_month, 'YYYY-MM') + interval '4 months', 'YYYY-MM') END,
       CASE WHEN get_byte(c.row_key, 9) % 5 IN (2, 3) THEN 'selfEmployed' END,
       CASE WHEN get_byte(c.row_key, 9) % 5 IN (2, 3) THEN to_char(to_date(c.registered_month, 'YYYY-MM') + interval '6 months', 'YYYY-MM') END
  FROM stats.case_row c WHERE get_byte(c.row_key, 10) % 5 = 0;
INSERT INTO stats.follow_up_row
SELECT c.row_key, s, to_char(to_date(c.registered_month, 'YYYY-MM') + (s * 90) * interval '1 day', 'YYYY-MM'), (ARRAY['1-1.9','2-2.9','3-3.9','4-5'])[1 + (get_byte(c.row_key, 11) + s) % 4]
  FROM stats.case_row c CROSS JOIN generate_series(1, 2) s WHERE c.returned AND get_byte(c.row_key, 12) % 2 = 0;
VACUUM ANALYZE;
SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE schemaname = 'stats' ORDER BY 1;
