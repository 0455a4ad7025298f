import { RETENTION_MAX_MONTHS, RETENTION_MIN_MONTHS } from '@haven/contracts';
import { Button, Group, NumberInput, Paper, Stack, Switch, TagsInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors } from '../../../app/forms/schema-validation';
import { SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useOrganisationSettings, useUpdateOrganisationSettings } from '../hooks/use-administration';

// A refused team name (teams.3) is shown on the tags input that holds them all.
const SETTINGS_LAYOUT = { wholeFields: ['teams'] };
const SETTINGS_FIELDS = ['teamMode', 'teams', 'listsShowNames', 'retentionMonths'] as const;

/** The organisation's own settings a supervisor keeps: team mode and its teams, and names in lists. */
export function TeamSettingsPanel({
  organisationId,
  inDialog = false,
}: {
  organisationId: string;
  inDialog?: boolean;
}) {
  const { t } = useTranslation('administration');
  const { t: tApp } = useTranslation();
  const settings = useOrganisationSettings(organisationId);
  const save = useUpdateOrganisationSettings(organisationId);
  const refused = serverFieldErrors(save.error, tApp, SETTINGS_LAYOUT);
  const [teamMode, setTeamMode] = useState(false);
  const [teams, setTeams] = useState<string[]>([]);
  const [listsShowNames, setListsShowNames] = useState(false);
  const [retentionMonths, setRetentionMonths] = useState<number | string>('');
  useEffect(() => {
    if (!settings.data) return;
    setTeamMode(settings.data.teamMode);
    setTeams(settings.data.teams);
    setListsShowNames(settings.data.listsShowNames);
    setRetentionMonths(settings.data.retentionMonths ?? '');
  }, [settings.data]);

  return (
    <Paper withBorder p="lg">
      <Stack gap="md">
        {!inDialog && (
          <Title order={2} size="h3">
            {t('settings.title')}
          </Title>
        )}
        {settings.isPending ? (
          <SectionLoader rows={2} />
        ) : settings.isError ? (
          <SectionError message={t('common.failed')} onRetry={() => void settings.refetch()} />
        ) : (
          <>
            <Switch
              label={t('settings.teamMode')}
              description={t('settings.teamModeHint')}
              checked={teamMode}
              onChange={(event) => setTeamMode(event.currentTarget.checked)}
              error={refused.teamMode}
            />
            <TagsInput
              label={t('settings.teams')}
              description={t('settings.teamsHint')}
              value={teams}
              onChange={setTeams}
              maxTags={50}
              clearable
              error={refused.teams}
            />
            <Switch
              label={t('settings.listsShowNames')}
              description={t('settings.listsShowNamesHint')}
              checked={listsShowNames}
              onChange={(event) => setListsShowNames(event.currentTarget.checked)}
              error={refused.listsShowNames}
            />
            <NumberInput
              label={t('settings.retention')}
              description={t('settings.retentionHint', { min: RETENTION_MIN_MONTHS })}
              min={RETENTION_MIN_MONTHS}
              max={RETENTION_MAX_MONTHS}
              allowDecimal={false}
              value={retentionMonths}
              onChange={setRetentionMonths}
              error={refused.retentionMonths}
              maw={320}
            />
            <FormProblem error={save.error} fields={SETTINGS_FIELDS} />
            <Group justify="flex-end">
              <Button
                loading={save.isPending}
                onClick={() =>
                  save.mutate(
                    {
                      teamMode,
                      teams,
                      listsShowNames,
                      retentionMonths: retentionMonths === '' ? null : Number(retentionMonths),
                    },
                    { onSuccess: () => notifySaved(t('settings.saved')) },
                  )
                }
              >
                {t('common.save')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
