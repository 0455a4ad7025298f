import {
  PROGRAMME_REGISTERS,
  type ProgrammeRegister,
  type InstitutionSector,
  type RegisterImportResult,
  type RegisterList,
  type RegisterRecord,
} from '@haven/contracts';
import {
  Alert,
  Button,
  FileButton,
  Group,
  List,
  Modal,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api-client';
import { FormDialog } from '../../../app/forms/form-dialog';
import { notifySaved } from '../../../app/forms/notify';
import { CursorPager } from '../../../app/layout/cursor-pager';
import { ErrorState } from '../../../app/layout/error-state';
import { ResponsiveTable } from '../../../app/layout/responsive-table';
import { EmptyState, SectionLoader } from '../../../app/layout/section-states';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useDeleteRecord, useImportRegister, useRegister } from '../hooks/use-programme';
import { refusalKey } from '../utils/register-form';
import { RegisterRecordForm } from './register-record-form';

/** The columns a spreadsheet for each register has (the API's import reads them; docs/architecture.md lists them). */
const IMPORT_COLUMNS: Record<ProgrammeRegister, string> = {
  campaigns:
    'title, startsOn, endsOn, country, area, channel, targetGroup, method, source, reach.female.under18 … reach.notRecorded.notRecorded',
  institutions: 'name, sector, organisationType, country',
  'capacity-events': 'topic, startsOn, endsOn, country, area, format, institution, institutionCountry, women, men',
  'diaspora-projects':
    'title, startsOn, endsOn, sector, country, area, diasporaPromoters, promotersResidence, investment, currency, jobsCreated, returneesInvolved',
};

/**
 * The programme registers of the supervisor's organisation: the work that is not a case (campaigns,
 * institutions and capacity-building events, diaspora projects), as lists to search and page, where a
 * record is added, changed or removed one at a time, or many imported from a spreadsheet after a dry run
 * that lists every problem. No record names a person.
 */
export function ProgrammeRegistersPage() {
  const { t } = useTranslation('programme');
  const [register, setRegister] = useState<ProgrammeRegister>('campaigns');
  usePageTitle(t('title'));
  return (
    <Stack gap="lg" maw={1200}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('intro')}
        </Text>
      </Stack>
      <Tabs value={register} onChange={(value) => value && setRegister(value as ProgrammeRegister)} keepMounted={false}>
        <Tabs.List>
          {PROGRAMME_REGISTERS.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`registers.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {PROGRAMME_REGISTERS.map((name) => (
          <Tabs.Panel key={name} value={name} pt="md">
            <RegisterList register={name} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function RegisterList({ register }: { register: ProgrammeRegister }) {
  const { t } = useTranslation('programme');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [cursor, setCursor] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  // The record a form is open for: a new one, or one of the list as it was read (with its version).
  const [editing, setEditing] = useState<RegisterRecord | 'new' | null>(null);
  const list = useRegister(register, { search: debounced, cursor });
  const registerName = t(`registers.${register}`);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={t('search')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setCursor(null);
          }}
          maw={320}
        />
        <Group gap="sm">
          <Button onClick={() => setEditing('new')}>{t(`form.addTo.${register}`)}</Button>
          <Button variant="light" onClick={() => setImporting(true)}>
            {t('import.open')}
          </Button>
        </Group>
      </Group>
      {list.isPending ? (
        <SectionLoader rows={5} />
      ) : list.isError ? (
        <ErrorState message={t('error')} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={debounced ? t('noMatch') : t('empty')} />
      ) : (
        <Stack gap="xs" aria-busy={list.isFetching}>
          <ResponsiveTable verticalSpacing="xs">
            <Table.Caption>{t('caption', { register: registerName, count: list.data.total })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('columns.name')}</Table.Th>
                <Table.Th scope="col">{t('columns.when')}</Table.Th>
                <Table.Th scope="col">{t('columns.figure')}</Table.Th>
                <Table.Th scope="col">{t('columns.recordedBy')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('columns.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((record) => (
                <RecordRow
                  key={record.id}
                  register={register}
                  record={record as RegisterRecord}
                  onEdit={() => setEditing(record as RegisterRecord)}
                />
              ))}
            </Table.Tbody>
          </ResponsiveTable>
          <CursorPager
            previousCursor={list.data.previousCursor}
            nextCursor={list.data.nextCursor}
            onChange={setCursor}
            label={t('pages', { register: registerName })}
          />
        </Stack>
      )}
      <FormDialog
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing === 'new' || editing === null
            ? t(`form.addTo.${register}`)
            : t('form.editTitle', { name: recordName(editing) })
        }
        size="xl"
      >
        <RegisterRecordForm
          register={register}
          record={editing === 'new' || editing === null ? undefined : editing}
          onDone={() => setEditing(null)}
        />
      </FormDialog>
      <Modal
        opened={importing}
        onClose={() => setImporting(false)}
        title={t('import.title', { register: registerName })}
        size="xl"
      >
        {importing && <ImportBody register={register} onClose={() => setImporting(false)} />}
      </Modal>
    </Stack>
  );
}

/** What a record is called: a campaign's or project's title, an event's topic, an institution's name. */
function recordName(record: RegisterRecord | RegisterList['items'][number]): string {
  const fields = record.fields as Record<string, unknown>;
  return String(fields.title ?? fields.topic ?? fields.name);
}

/**
 * A record's name, when it happened and its figure, as the register counts it, with Edit and Remove. Removing
 * asks first; the focus follows the question and comes back to Remove when the record is kept or refused.
 */
function RecordRow({
  register,
  record,
  onEdit,
}: {
  register: ProgrammeRegister;
  record: RegisterRecord;
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation('programme');
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteRecord(register);
  const removeButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  const fields = record.fields as Record<string, unknown>;
  const number = (value: number) => new Intl.NumberFormat(i18n.language).format(value);
  const name = recordName(record);

  useEffect(() => {
    if (confirming) {
      asked.current = true;
      confirmButton.current?.focus();
    } else if (asked.current) {
      asked.current = false;
      removeButton.current?.focus();
    }
  }, [confirming]);

  // The API says why a record stays (an institution an event names); its words, in the reader's language.
  const refusalKeyOf = isApiError(remove.error, 409) ? refusalKey(remove.error.message) : undefined;
  const refusal = isApiError(remove.error, 409)
    ? refusalKeyOf
      ? t(refusalKeyOf)
      : remove.error.message
    : remove.error
      ? t('remove.failed')
      : null;
  const when = fields.startsOn ? `${String(fields.startsOn)} – ${String(fields.endsOn)}` : String(fields.country);
  const figure =
    register === 'campaigns'
      ? t('figures.reached', {
          count: (fields.reach as { people: number }[]).reduce((sum, cell) => sum + cell.people, 0),
          formatted: number((fields.reach as { people: number }[]).reduce((sum, cell) => sum + cell.people, 0)),
        })
      : register === 'capacity-events'
        ? t('figures.institutions', { count: (fields.participants as unknown[]).length })
        : register === 'diaspora-projects'
          ? t(fields.diasporaPromoters ? 'figures.diasporaJobs' : 'figures.jobs', { count: Number(fields.jobsCreated) })
          : t(`sectors.${fields.sector as InstitutionSector}`);
  return (
    <Table.Tr>
      <Table.Td>
        <bdi>{name}</bdi>
      </Table.Td>
      <Table.Td dir="ltr">{when}</Table.Td>
      <Table.Td>{figure}</Table.Td>
      <Table.Td>
        <bdi>{record.recordedBy}</bdi>
      </Table.Td>
      <Table.Td>
        {confirming ? (
          <Group gap="xs" wrap="nowrap" role="group" aria-label={t('remove.label', { name })}>
            <Text size="xs">{t('remove.question')}</Text>
            <Button
              ref={confirmButton}
              size="xs"
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(record.id, {
                  onSuccess: () => notifySaved(t('remove.done')),
                  onSettled: () => setConfirming(false),
                })
              }
            >
              {t('remove.confirm')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
              {t('remove.keep')}
            </Button>
          </Group>
        ) : (
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="subtle" onClick={onEdit} aria-label={t('form.editLabel', { name })}>
              {t('form.edit')}
            </Button>
            <Button
              ref={removeButton}
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => {
                remove.reset();
                setConfirming(true);
              }}
              aria-label={t('remove.label', { name })}
            >
              {t('remove.button')}
            </Button>
          </Group>
        )}
        {refusal && (
          <Text size="xs" c="red.9" role="alert">
            {refusal}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** A spreadsheet saved as CSV: checked first (nothing written), then imported whole. */
function ImportBody({ register, onClose }: { register: ProgrammeRegister; onClose: () => void }) {
  const { t } = useTranslation('programme');
  const [csv, setCsv] = useState('');
  const [checked, setChecked] = useState<RegisterImportResult | null>(null);
  const [written, setWritten] = useState<RegisterImportResult | null>(null);
  const run = useImportRegister(register);
  const changeText = (text: string) => {
    setCsv(text);
    setChecked(null);
  };

  if (written)
    return (
      <Stack gap="md">
        <Alert color="teal" variant="light" role="status">
          {t('import.written', { count: written.written })}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('import.close')}</Button>
        </Group>
      </Stack>
    );

  return (
    <Stack gap="md">
      <Text size="sm">{t('import.intro')}</Text>
      <Text size="xs" c="dimmed" dir="ltr">
        {IMPORT_COLUMNS[register]}
      </Text>
      <FileButton accept=".csv,text/csv" onChange={(file) => void file?.text().then(changeText)}>
        {(props) => (
          <Button variant="default" {...props} w="fit-content">
            {t('import.chooseFile')}
          </Button>
        )}
      </FileButton>
      <Textarea
        label={t('import.csvLabel')}
        autosize
        minRows={5}
        maxRows={12}
        value={csv}
        onChange={(event) => changeText(event.currentTarget.value)}
        dir="ltr"
        styles={{ input: { fontFamily: 'monospace' } }}
      />
      {isApiError(run.error) && (
        <Alert color="red" variant="light" role="alert">
          <List size="sm">
            {run.error.fieldErrors().map((error) => (
              <List.Item key={`${error.field}-${error.message}`}>{error.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {checked && (
        <Alert color={checked.problems.length ? 'orange' : 'teal'} variant="light" role="status">
          <Stack gap={4}>
            <Text size="sm">
              {checked.problems.length
                ? t('import.problems', { count: checked.problems.length, rows: checked.rows })
                : t('import.ready', { count: checked.rows })}
            </Text>
            {checked.unknownColumns.length > 0 && (
              <Text size="sm">{t('import.unknownColumns', { columns: checked.unknownColumns.join(', ') })}</Text>
            )}
            {checked.problems.length > 0 && (
              <ResponsiveTable verticalSpacing={4} fz="xs">
                <Table.Caption>{t('import.problemsCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('import.line')}</Table.Th>
                    <Table.Th scope="col">{t('import.column')}</Table.Th>
                    <Table.Th scope="col">{t('import.problem')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {checked.problems.map((problem) => (
                    <Table.Tr key={`${problem.row}-${problem.field}-${problem.message}`}>
                      <Table.Td>{problem.row}</Table.Td>
                      <Table.Td dir="ltr">{problem.field}</Table.Td>
                      <Table.Td>{problem.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </ResponsiveTable>
            )}
          </Stack>
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('import.cancel')}
        </Button>
        <Button
          variant="light"
          disabled={!csv.trim()}
          loading={run.isPending && !checked}
          onClick={() => run.mutate({ csv, dryRun: true }, { onSuccess: setChecked })}
        >
          {t('import.check')}
        </Button>
        <Button
          disabled={!checked || checked.problems.length > 0}
          loading={run.isPending && Boolean(checked)}
          onClick={() => run.mutate({ csv, dryRun: false }, { onSuccess: setWritten })}
        >
          {t('import.run')}
        </Button>
      </Group>
    </Stack>
  );
}
