import {
  CASE_STAGES,
  CASE_STATUSES,
  REFERENCE_SEARCH_MIN_CHARACTERS,
  RISK_LEVELS,
  significantReferenceCharacters,
  type CaseListQuery,
  type CaseListItem,
  type CaseSort,
} from '@haven/contracts';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { Suspense, useEffect, useState, type FormEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CursorPager } from '../../../app/layout/cursor-pager';
import { SortableHeader, type SortDirection } from '../../../app/layout/sortable-header';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useAppAbility } from '../../auth';
import { useCaseworkers } from '../../users';
import { BulkReassignment, type CaseSelection } from '../../case-reassignment';
import { useCaseList } from '../hooks/use-cases';
import { countryName, formatDate } from '../../../app/text/format';
import { hasListFilters, normaliseReference, readListParams, writeListParams } from '../utils/list-params';
import { RiskBadge, StatusBadge } from './case-badges';
import { UserText } from '../../../app/text/user-text';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

export function CaseListPage() {
  const { t, i18n } = useTranslation(['cases', 'common']);
  usePageTitle(t('list.title'));
  const ability = useAppAbility();
  const [params, setParams] = useSearchParams();
  // A name is the page's state, never a URL parameter: the address bar, the browser's history and
  // bookmarks must not keep a survivor's name (docs/architecture.md, "Search by name").
  const [name, setName] = useState<string | undefined>(undefined);
  const [nameInput, setNameInput] = useState('');
  const query = { ...readListParams(params), name };
  const cases = useCaseList(query);
  const [referenceInput, setReferenceInput] = useState(query.reference ?? '');
  const [referenceError, setReferenceError] = useState<string | null>(null);
  const hasFilters = hasListFilters(query) || name !== undefined;
  // Only those who may read an identity may find a case by name (the API searches only among those cases).
  const maySearchByName = ability.can('readIdentity', 'Case');
  // Only supervisors may list colleagues; a caseworker's list holds their own cases anyway.
  const mayFilterByAssignee = ability.can('read', 'User');
  const caseworkers = useCaseworkers(mayFilterByAssignee);
  // A new filter or sort starts again from the first page: a cursor belongs to one sort.
  const applyFilter = (change: Partial<CaseListQuery>) =>
    setParams(writeListParams({ ...query, ...change, cursor: undefined }));
  const applySort = (sort: CaseSort, order: SortDirection) => applyFilter({ sort, order });

  // Back/forward changes the URL, not the input: keep the box showing what the list is filtered by.
  useEffect(() => {
    setReferenceInput(query.reference ?? '');
  }, [query.reference]);

  const applySearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reference = normaliseReference(referenceInput);
    setReferenceInput(reference);
    // The API refuses searches too short to narrow the list; say so before asking it.
    if (reference && significantReferenceCharacters(reference) < REFERENCE_SEARCH_MIN_CHARACTERS) {
      setReferenceError(t('list.shortSearch', { count: REFERENCE_SEARCH_MIN_CHARACTERS }));
      return;
    }
    setReferenceError(null);
    setName(nameInput.trim() || undefined);
    setParams(writeListParams({ ...query, reference, cursor: undefined }));
  };

  const clearFilters = () => {
    setReferenceInput('');
    setNameInput('');
    setName(undefined);
    setReferenceError(null);
    setParams(new URLSearchParams());
  };

  const data = cases.data;
  const paged = Boolean(query.cursor);
  // Supervisors reassign several cases at once; a selection counts only the rows of the page shown.
  const mayReassign = ability.can('assign', 'Case');
  const table = (selection?: CaseSelection) => (
    <CaseTable
      items={data?.items ?? []}
      language={i18n.language}
      busy={cases.isFetching}
      sort={query.sort}
      order={query.order}
      onSort={applySort}
      selection={selection}
    />
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={1}>{t('list.title')}</Title>
        {ability.can('create', 'Case') && (
          <Button component={Link} to="/cases/new">
            {t('common:nav.registerCase')}
          </Button>
        )}
      </Group>

      <form role="search" aria-label={t('list.filters')} onSubmit={applySearch}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('list.searchLabel')}
            placeholder={t('list.searchPlaceholder')}
            value={referenceInput}
            onChange={(event) => {
              setReferenceInput(event.currentTarget.value);
              setReferenceError(null);
            }}
            error={referenceError}
            autoComplete="off"
            spellCheck={false}
            maxLength={16}
            w={{ base: '100%', xs: 240 }}
          />
          {maySearchByName && (
            <TextInput
              label={t('list.nameLabel')}
              description={t('list.nameHint')}
              value={nameInput}
              onChange={(event) => setNameInput(event.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              maxLength={100}
              w={{ base: '100%', xs: 240 }}
            />
          )}
          <Button type="submit" variant="default">
            {t('list.search')}
          </Button>
          <NativeSelect
            label={t('list.statusLabel')}
            value={query.status ?? ''}
            onChange={(event) =>
              applyFilter({ status: (event.currentTarget.value || undefined) as CaseListQuery['status'] })
            }
            miw={160}
            w={{ base: '100%', xs: 'auto' }}
          >
            <option value="">{t('list.allStatuses')}</option>
            {CASE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`common:enums.status.${status}`)}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect
            label={t('list.riskLabel')}
            value={query.riskLevel ?? ''}
            onChange={(event) =>
              applyFilter({ riskLevel: (event.currentTarget.value || undefined) as CaseListQuery['riskLevel'] })
            }
            miw={160}
            w={{ base: '100%', xs: 'auto' }}
          >
            <option value="">{t('list.allRisks')}</option>
            {RISK_LEVELS.map((risk) => (
              <option key={risk} value={risk}>
                {t(`common:enums.risk.${risk}`)}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect
            label={t('list.stageLabel')}
            value={query.stage ?? ''}
            onChange={(event) =>
              applyFilter({ stage: (event.currentTarget.value || undefined) as CaseListQuery['stage'] })
            }
            miw={160}
            w={{ base: '100%', xs: 'auto' }}
          >
            <option value="">{t('list.allStages')}</option>
            {CASE_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(`common:enums.stage.${stage}`)}
              </option>
            ))}
          </NativeSelect>
          {mayFilterByAssignee && (
            <NativeSelect
              label={t('list.assigneeLabel')}
              value={query.assigneeId ?? ''}
              onChange={(event) => applyFilter({ assigneeId: event.currentTarget.value || undefined })}
              miw={160}
              w={{ base: '100%', xs: 'auto' }}
            >
              <option value="">{t('list.anyone')}</option>
              {/* A filter from a bookmark keeps showing even before (or without) the list of colleagues. */}
              {query.assigneeId && !caseworkers.data?.some((user) => user.id === query.assigneeId) && (
                <option value={query.assigneeId}>{t('list.chosenAssignee')}</option>
              )}
              {(caseworkers.data ?? []).map((user) => (
                <option key={user.id} value={user.id}>
                  {user.displayName}
                </option>
              ))}
            </NativeSelect>
          )}
          <Checkbox
            label={t('list.overdueLabel')}
            checked={query.overdue ?? false}
            onChange={(event) => applyFilter({ overdue: event.currentTarget.checked || undefined })}
            mb={8}
          />
          {hasFilters && (
            <Button variant="subtle" onClick={clearFilters}>
              {t('list.clearFilters')}
            </Button>
          )}
        </Group>
      </form>

      {cases.isPending && <ListSkeleton />}

      {cases.isError && !data && (
        <Alert color="red" title={t('list.error')}>
          <Button size="xs" variant="default" onClick={() => void cases.refetch()}>
            {t('common:app.retry')}
          </Button>
        </Alert>
      )}

      {data && data.items.length === 0 && (
        <Paper withBorder p="xl" role="status">
          <Stack gap="xs" align="flex-start">
            <Text fw={600} size="lg">
              {hasFilters || paged ? t('list.noMatch') : t('list.empty')}
            </Text>
            <Text size="sm" c="dimmed">
              {hasFilters || paged ? t('list.noMatchHint') : t('list.emptyHint')}
            </Text>
            {(hasFilters || paged) && (
              <Button variant="default" size="xs" onClick={clearFilters}>
                {t('list.clearFilters')}
              </Button>
            )}
          </Stack>
        </Paper>
      )}

      {data && data.items.length > 0 && (
        <Stack gap="sm">
          {mayReassign ? (
            // Until the reassignment texts arrive the table shows without its checkboxes.
            <Suspense fallback={table()}>
              <BulkReassignment items={data.items}>{(selection) => table(selection)}</BulkReassignment>
            </Suspense>
          ) : (
            table()
          )}
          <Group justify="space-between" align="center" wrap="wrap">
            <Text size="sm" c="dimmed" aria-live="polite">
              {data.totalIsLowerBound
                ? t('list.totalMore', { total: new Intl.NumberFormat(i18n.language).format(data.total) })
                : t('list.total', { count: data.total })}
            </Text>
            <CursorPager
              previousCursor={data.previousCursor}
              nextCursor={data.nextCursor}
              onChange={(cursor) => setParams(writeListParams({ ...query, cursor }))}
              label={t('list.pagination')}
            />
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

interface CaseTableProps {
  items: CaseListItem[];
  language: string;
  busy: boolean;
  sort: CaseSort;
  order: SortDirection;
  onSort: (sort: CaseSort, order: SortDirection) => void;
  /** Checkboxes to choose cases (supervisors reassigning several at once). */
  selection?: CaseSelection;
}

function CaseTable({ items, language, busy, sort, order, onSort, selection }: CaseTableProps) {
  const { t } = useTranslation(['cases', 'common']);
  const navigate = useNavigate();

  // The reference is a real link for keyboard and screen-reader users; the whole row is a larger mouse target.
  const openRow = (event: MouseEvent<HTMLTableRowElement>, id: string) => {
    if ((event.target as HTMLElement).closest('a, button, input, label, .case-select')) return;
    void navigate(`/cases/${id}`);
  };

  const sortable = (column: CaseSort, firstDirection: SortDirection) => ({
    direction: sort === column ? order : null,
    firstDirection,
    onSort: (direction: SortDirection) => onSort(column, direction),
  });

  return (
    <ResponsiveTable highlightOnHover verticalSpacing="sm" aria-busy={busy} stackBelow="lg">
      <Table.Caption>
        <VisuallyHidden>{t('list.caption')}</VisuallyHidden>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {selection && (
            <Table.Th scope="col" className="case-select">
              <Checkbox
                aria-label={selection.selectAllLabel}
                checked={selection.allSelected}
                indeterminate={selection.someSelected}
                onChange={selection.toggleAll}
              />
            </Table.Th>
          )}
          <SortableHeader {...sortable('reference', 'asc')}>{t('columns.reference')}</SortableHeader>
          <Table.Th scope="col">{t('columns.status')}</Table.Th>
          <Table.Th scope="col">{t('columns.risk')}</Table.Th>
          <Table.Th scope="col">{t('columns.stage')}</Table.Th>
          <Table.Th scope="col">{t('columns.sex')}</Table.Th>
          <Table.Th scope="col">{t('columns.nationality')}</Table.Th>
          <Table.Th scope="col">{t('columns.age')}</Table.Th>
          <Table.Th scope="col">{t('columns.assignee')}</Table.Th>
          <SortableHeader {...sortable('registeredAt', 'desc')}>{t('columns.registered')}</SortableHeader>
          <SortableHeader {...sortable('updatedAt', 'desc')}>{t('columns.updated')}</SortableHeader>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id} className="case-row" onClick={(event) => openRow(event, item.id)}>
            {selection && (
              <Table.Td className="case-select">
                <Checkbox
                  aria-label={selection.selectLabel(item.reference)}
                  checked={selection.isSelected(item.id)}
                  onChange={() => selection.toggle(item.id)}
                />
              </Table.Td>
            )}
            <Table.Th scope="row" fw={600}>
              <Anchor component={Link} to={`/cases/${item.id}`} className="reference">
                {item.reference}
              </Anchor>
              {/* The alias or given name, when the organisation shows names and the reader may read this identity. */}
              {item.shownName && (
                <Text size="sm" fw={400} className="shown-name">
                  <UserText>{item.shownName}</UserText>
                </Text>
              )}
            </Table.Th>
            <Table.Td>
              <StatusBadge status={item.status} />
            </Table.Td>
            <Table.Td>
              <RiskBadge risk={item.riskLevel} />
            </Table.Td>
            <Table.Td>{t(`common:enums.stage.${item.stage}`)}</Table.Td>
            <Table.Td>{t(`common:enums.gender.${item.sex}`)}</Table.Td>
            <Table.Td>{countryName(item.nationality, language)}</Table.Td>
            <Table.Td>{item.ageAtRegistration ?? t('unknown')}</Table.Td>
            <Table.Td>{item.assignee?.displayName ?? t('unassigned')}</Table.Td>
            <Table.Td>{formatDate(item.registeredAt, language)}</Table.Td>
            <Table.Td>{formatDate(item.updatedAt, language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ResponsiveTable>
  );
}

function ListSkeleton() {
  const { t } = useTranslation(['cases', 'common']);
  return (
    <Stack gap="xs" role="status">
      <VisuallyHidden>{t('common:app.loading')}</VisuallyHidden>
      {Array.from({ length: 6 }, (_, index) => (
        <Skeleton key={index} height={36} aria-hidden />
      ))}
    </Stack>
  );
}
