import { addNoteRequestSchema, editNoteRequestSchema, type CaseDetail, type Note } from '@haven/contracts';
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, validateWithSchema } from '../../../app/forms/schema-validation';
import { useLiveForm } from '../../../app/forms/use-live-form';
import { CursorPager } from '../../../app/layout/cursor-pager';
import { useCursorPaging } from '../../../app/layout/use-cursor-paging';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useSession } from '../../auth';
import { useCasePermissions } from '../../cases';
import { formatDateTime } from '../../../app/text/format';
import { noteKeys, useAddNote, useEditNote, useNotes } from '../hooks/use-notes';

/** The current time, refreshed every half minute, so an edit window closing is reflected on screen. */
function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Case notes, newest first. Nobody deletes a note; its author may correct it for a short while after writing. */
export function NotesTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['notes', 'common']);
  const permissions = useCasePermissions(detail);
  const paging = useCursorPaging('createdAt' as const, 'desc');
  const notes = useNotes(detail.id, paging.query);
  const data = notes.data;

  return (
    <Stack gap="md" maw={900}>
      <Title order={2} size="h3">
        {t('title')}
      </Title>
      {permissions.mayEdit && <AddNoteForm caseId={detail.id} onAdded={paging.restart} />}
      {notes.isPending && <SectionLoader />}
      {notes.isError && !data && <SectionError message={t('error')} onRetry={() => void notes.refetch()} />}
      {data && data.items.length === 0 && (
        <EmptyState title={t('empty')} hint={permissions.mayEdit ? t('emptyHint') : undefined} />
      )}
      {data && data.items.length > 0 && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('summary', { count: data.total })}
          </Text>
          <Stack
            gap="sm"
            component="ol"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
            aria-busy={notes.isFetching}
          >
            {data.items.map((note) => (
              <li key={note.id}>
                <NoteCard caseId={detail.id} note={note} mayEdit={permissions.mayEdit} />
              </li>
            ))}
          </Stack>
          <CursorPager
            previousCursor={data.previousCursor}
            nextCursor={data.nextCursor}
            onChange={paging.goTo}
            label={t('pagination')}
          />
        </>
      )}
    </Stack>
  );
}

type NoteValues = { body: string };

function AddNoteForm({ caseId, onAdded }: { caseId: string; onAdded: () => void }) {
  const { t } = useTranslation(['notes', 'common']);
  const { t: tc } = useTranslation();
  const add = useAddNote(caseId);
  const form = useLiveForm<NoteValues>({ body: '' }, (values) => {
    // An empty box is not an error until the user tries to save it.
    if (!values.body) return {};
    const result = validateWithSchema(addNoteRequestSchema, values, tc);
    return result.ok ? {} : result.errors;
  });

  const submit = form.onSubmit((values) => {
    const result = validateWithSchema(addNoteRequestSchema, values, tc);
    if (!result.ok) {
      form.setErrors(result.errors);
      form.getInputNode('body')?.focus();
      return;
    }
    add.mutate(result.data, {
      onSuccess: () => {
        notifySaved(t('added'));
        form.reset();
        onAdded();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, tc)),
    });
  });

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormProblem error={add.error} fields={['body']} />
          <Textarea
            label={t('newNote')}
            description={t('newNoteHint')}
            autosize
            minRows={3}
            maxRows={14}
            {...form.getInputProps('body')}
          />
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t('add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function NoteCard({ caseId, note, mayEdit }: { caseId: string; note: Note; mayEdit: boolean }) {
  const { t, i18n } = useTranslation(['notes', 'common']);
  const me = useSession();
  const now = useNow();
  const [editing, setEditing] = useState(false);
  const language = i18n.language;
  const editable = mayEdit && note.author.id === me.user.id && now < Date.parse(note.editableUntil);
  const headingId = `note-${note.id}`;

  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="baseline" wrap="wrap">
          <Text size="sm" fw={600} id={headingId}>
            {t('byOn', { name: note.author.displayName, date: formatDateTime(note.createdAt, language) })}
          </Text>
          {note.editedAt && (
            <Text size="xs" c="dimmed">
              {t('edited', { date: formatDateTime(note.editedAt, language) })}
            </Text>
          )}
        </Group>
        {editing ? (
          <EditNoteForm caseId={caseId} note={note} onDone={() => setEditing(false)} />
        ) : (
          <>
            <Text size="sm" className="free-text">
              {note.body}
            </Text>
            {editable && (
              <Group gap="sm">
                <Button size="xs" variant="subtle" onClick={() => setEditing(true)} aria-describedby={headingId}>
                  {t('common:app.edit')}
                </Button>
                <Text size="xs" c="dimmed">
                  {t('editableUntil', {
                    time: new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(
                      new Date(note.editableUntil),
                    ),
                  })}
                </Text>
              </Group>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function EditNoteForm({ caseId, note, onDone }: { caseId: string; note: Note; onDone: () => void }) {
  const { t } = useTranslation(['notes', 'common']);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const edit = useEditNote(caseId);
  const [version, setVersion] = useState(note.version);
  const form = useLiveForm<NoteValues>({ body: note.body }, (values) => {
    const result = validateWithSchema(editNoteRequestSchema, { ...values, version }, tc);
    return result.ok ? {} : result.errors;
  });

  const submit = form.onSubmit((values) => {
    const result = validateWithSchema(editNoteRequestSchema, { ...values, version }, tc);
    if (!result.ok) return;
    if (values.body === note.body) return onDone();
    edit.mutate(
      { noteId: note.id, request: result.data },
      {
        onSuccess: () => {
          notifySaved(t('saved'));
          onDone();
        },
        onError: (error) => form.setErrors(serverFieldErrors(error, tc)),
      },
    );
  });

  // After a conflict (or the edit window closing), reload the notes; the text typed here stays.
  const reload = async () => {
    await queryClient.refetchQueries({ queryKey: noteKeys.forCase(caseId) });
    const pages = queryClient.getQueriesData<{ items: Note[] }>({ queryKey: noteKeys.forCase(caseId) });
    const fresh = pages.flatMap(([, page]) => page?.items ?? []).find((item) => item.id === note.id);
    if (fresh) setVersion(fresh.version);
    edit.reset();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblem error={edit.error} fields={['body']} onReload={reload} />
        <Textarea label={t('editLabel')} autosize minRows={3} maxRows={14} autoFocus {...form.getInputProps('body')} />
        <Group gap="sm">
          <Button type="submit" size="xs" loading={edit.isPending}>
            {t('common:app.save')}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t('common:app.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
