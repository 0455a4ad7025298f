import type { LensSection, LensView } from '@haven/contracts';
import { Paper, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SummaryFacts, type Fact } from '../../../app/layout/facts';
import { countryName, formatDate, formatList } from '../../../app/text/format';
import { languageName } from '../../cases';
import { UserText, UserTextList } from '../../../app/text/user-text';

/**
 * A lens view exactly as the server built it: the sections it holds, in its order, and nothing else. The
 * sender's preview and the partner's page both use this, so what the sender checks is what the partner gets.
 */
export function LensViewPanel({
  view,
  headingOrder = 3,
  documentHref,
}: {
  view: LensView;
  headingOrder?: TitleOrder;
  /** Where a shared file is downloaded from (the partner's page); the sender's preview lists the files only. */
  documentHref?: (documentId: string) => string;
}) {
  const { t } = useTranslation('referrals');
  return (
    <Stack gap="sm">
      {view.sections.map((section) => (
        <Paper key={section} withBorder p="md" component="section" aria-label={t(`lensView.${section}`)}>
          <Stack gap="xs">
            <Title order={headingOrder} size="h5">
              {t(`lensView.${section}`)}
            </Title>
            <SectionBody view={view} section={section} documentHref={documentHref} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function SectionBody({
  view,
  section,
  documentHref,
}: {
  view: LensView;
  section: LensSection;
  documentHref?: (documentId: string) => string;
}) {
  const { t, i18n } = useTranslation('referrals');
  const { t: tc } = useTranslation();
  const language = i18n.language;
  const notKnown = t('lensView.notKnown');
  const facts = (items: Fact[]) => <SummaryFacts items={items} />;
  const list = (items: ReactNode[]) =>
    items.length === 0 ? (
      <Text size="sm">{t('lensView.noneRecorded')}</Text>
    ) : (
      <Stack component="ul" gap={2} m={0} ps="md">
        {items.map((item, index) => (
          <Text component="li" size="sm" key={index}>
            {item}
          </Text>
        ))}
      </Stack>
    );

  switch (section) {
    case 'identityDocumentFiles':
    case 'consentFormFiles':
    case 'medicalFiles':
    case 'legalFiles':
    case 'travelFiles':
    case 'certificateFiles':
    case 'photoFiles':
    case 'otherFiles':
      return list(
        (view[section] ?? []).map((file) => {
          const label = [file.title, file.documentDate ? formatDate(file.documentDate, language) : null]
            .filter(Boolean)
            .join(' · ');
          // A file not checked for viruses is withheld from partners until a scan finds it clean: no link,
          // and the sender's preview says so too.
          if (file.awaitingScan)
            return (
              <>
                <UserText>{label}</UserText> — {t('lensView.awaitingScan')}
              </>
            );
          return documentHref ? (
            <a href={documentHref(file.id)} download>
              {t('lensView.downloadFile', { title: label })}
            </a>
          ) : (
            <UserText>{label}</UserText>
          );
        }),
      );
    case 'basicProfile': {
      const profile = view.basicProfile;
      if (!profile) return null;
      return facts([
        { label: t('lensView.sex'), value: tc(`enums.gender.${profile.sex}`) },
        {
          label: t('lensView.age'),
          value: profile.ageAtReferral === null ? notKnown : t('lensView.ageValue', { count: profile.ageAtReferral }),
        },
        { label: t('lensView.nationality'), value: countryName(profile.nationality, language) },
        {
          label: t('lensView.languages'),
          value: profile.languages.length
            ? formatList(
                profile.languages.map((code) => languageName(code, language)),
                language,
              )
            : notKnown,
        },
      ]);
    }
    case 'identity': {
      const identity = view.identity;
      if (!identity) return null;
      return facts([
        { label: t('lensView.givenName'), value: <UserText>{identity.givenName}</UserText> },
        {
          label: t('lensView.familyName'),
          value: identity.familyName ? <UserText>{identity.familyName}</UserText> : notKnown,
        },
        {
          label: t('lensView.aliases'),
          value: identity.aliases.length ? <UserTextList items={identity.aliases} /> : notKnown,
        },
        {
          label: t('lensView.dateOfBirth'),
          value: identity.dateOfBirth ? formatDate(identity.dateOfBirth, language) : notKnown,
        },
      ]);
    }
    case 'contact': {
      const contact = view.contact ?? {};
      return facts([
        { label: t('lensView.phone'), value: contact.phone ?? notKnown },
        { label: t('lensView.email'), value: contact.email ?? notKnown },
        { label: t('lensView.address'), value: contact.address ?? notKnown },
      ]);
    }
    case 'documents':
      return list(
        (view.documents ?? []).map((document) =>
          [
            tc(`enums.documentKind.${document.kind}`),
            tc(`enums.documentState.${document.state}`),
            document.issuingCountry
              ? t('lensView.issuedBy', { country: countryName(document.issuingCountry, language) })
              : null,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      );
    case 'healthNeeds':
    case 'legalNeeds':
      return list(
        (view[section] ?? []).map(
          (need) => `${tc(`enums.needArea.${need.area}`)}: ${tc(`enums.needLevel.${need.level}`)}`,
        ),
      );
    case 'riskSummary':
      return view.riskSummary
        ? facts([{ label: t('lensView.riskLevel'), value: tc(`enums.risk.${view.riskSummary.riskLevel}`) }])
        : null;
    case 'traffickingProfile': {
      const profile = view.traffickingProfile;
      if (!profile) return null;
      return facts([
        {
          label: t('lensView.exploitationTypes'),
          value: profile.exploitationTypes.length
            ? formatList(
                profile.exploitationTypes.map((type) => tc(`enums.exploitation.${type}`)),
                language,
              )
            : notKnown,
        },
        {
          label: t('lensView.traffickingStatus'),
          value: profile.traffickingStatus
            ? tc(`enums.traffickingStatus.${profile.traffickingStatus as 'PossibleVictimOfTrafficking'}`, {
                defaultValue: profile.traffickingStatus,
              })
            : notKnown,
        },
      ]);
    }
  }
}
