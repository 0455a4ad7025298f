import type { Room } from '@haven/contracts';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { featureMessages, translateFeatureMessages } from '../../../app/i18n/module-messages';
import { UserText } from '../../../app/text/user-text';
import { useRoomChanges, useRooms } from '../hooks/use-shelters';
import {
  BED_FORM_FIELDS,
  emptyRoomForm,
  ROOM_FORM_FIELDS,
  ROOM_LAYOUT,
  roomAgeGroups,
  roomSexes,
  validateBed,
  validateRoom,
  type BedFormValues,
  type RoomFormValues,
} from '../utils/room-form';

/**
 * The shelter's rooms and beds, each bed free, taken or out of use (never by whom). Supervisors add rooms
 * and beds, mark beds accessible and take free beds out of use; the capacity follows the beds in use.
 */
export function RoomsSection({ shelterId, mayManage }: { shelterId: string; mayManage: boolean }) {
  const { t } = useTranslation('shelters');
  const rooms = useRooms(shelterId);
  const changes = useRoomChanges(shelterId);
  const [dialog, setDialog] = useState<{ kind: 'room' } | { kind: 'bed'; room: Room } | null>(null);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="shelter-rooms">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="shelter-rooms">
            {t('room.title')}
          </Title>
          {mayManage && <Button onClick={() => setDialog({ kind: 'room' })}>{t('room.add')}</Button>}
        </Group>
        {rooms.isError && (
          <Text size="sm" c="red.9">
            {t('room.error')}
          </Text>
        )}
        {changes.updateBed.error && <FormProblem error={changes.updateBed.error} fields={[]} />}
        {rooms.data?.items.map((room) => (
          <Stack key={room.id} gap={4}>
            <Group justify="space-between">
              <Text fw={600}>
                <UserText>{room.name}</UserText>{' '}
                <Text span size="sm" c="gray.7">
                  {t(`room.serves.${room.sex}.${room.ageGroup}`)}
                </Text>
              </Text>
              {mayManage && (
                <Button size="xs" variant="outline" onClick={() => setDialog({ kind: 'bed', room })}>
                  {t('room.addBed', { room: room.name })}
                </Button>
              )}
            </Group>
            <Table.ScrollContainer minWidth={360}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('room.bed')}</Table.Th>
                    <Table.Th scope="col">{t('room.status')}</Table.Th>
                    <Table.Th scope="col">{t('room.accessible')}</Table.Th>
                    {mayManage && <Table.Th scope="col">{t('room.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {room.beds.map((bed) => (
                    <Table.Tr key={bed.id}>
                      <Table.Td>
                        <UserText>{bed.label}</UserText>
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          variant="light"
                          tt="none"
                          color={!bed.active ? 'gray' : bed.occupied ? 'red.9' : 'teal.9'}
                        >
                          {t(!bed.active ? 'room.outOfUse' : bed.occupied ? 'room.taken' : 'room.free')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{bed.accessible ? t('room.yes') : t('room.no')}</Table.Td>
                      {mayManage && (
                        <Table.Td>
                          <Group gap="xs">
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              onClick={() =>
                                changes.updateBed.mutate(
                                  { bedId: bed.id, accessible: !bed.accessible },
                                  { onSuccess: () => notifySaved(t('room.bedSaved')) },
                                )
                              }
                            >
                              {t(bed.accessible ? 'room.markNotAccessible' : 'room.markAccessible', {
                                label: bed.label,
                              })}
                            </Button>
                            {!bed.occupied && (
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                onClick={() =>
                                  changes.updateBed.mutate(
                                    { bedId: bed.id, active: !bed.active },
                                    { onSuccess: () => notifySaved(t('room.bedSaved')) },
                                  )
                                }
                              >
                                {t(bed.active ? 'room.retire' : 'room.restore', { label: bed.label })}
                              </Button>
                            )}
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        ))}
      </Stack>
      {mayManage && (
        <FormDialog
          opened={dialog !== null}
          onClose={() => setDialog(null)}
          title={dialog?.kind === 'bed' ? t('room.addBed', { room: dialog.room.name }) : t('room.add')}
        >
          {dialog?.kind === 'room' && <RoomForm shelterId={shelterId} onDone={() => setDialog(null)} />}
          {dialog?.kind === 'bed' && (
            <BedForm shelterId={shelterId} room={dialog.room} onDone={() => setDialog(null)} />
          )}
        </FormDialog>
      )}
    </Paper>
  );
}

/** A new room with its beds: whom it serves, how many beds, how many of them accessible. */
export function RoomForm({ shelterId, onDone }: { shelterId: string; onDone: () => void }) {
  const { t } = useTranslation('shelters');
  const { t: tApp } = useTranslation();
  const { createRoom } = useRoomChanges(shelterId);
  const validate = (values: RoomFormValues) => {
    const result = validateRoom(values, tApp);
    return result.ok
      ? result
      : { ok: false as const, errors: translateFeatureMessages(result.errors, featureMessages(t)) };
  };
  const form = useLiveForm<RoomFormValues>(emptyRoomForm(), (values) => {
    const result = validate(values);
    return result.ok ? {} : result.errors;
  });
  const submit = form.onSubmit(
    (values) => {
      const result = validate(values);
      if (!result.ok) return;
      createRoom.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('room.created'));
          onDone();
        },
        onError: (error) => {
          const errors = translateFeatureMessages(serverFieldErrors(error, tApp, ROOM_LAYOUT), featureMessages(t));
          form.setErrors(errors);
          focusFirstError(form, errors, ROOM_FORM_FIELDS);
        },
      });
    },
    (errors) => focusFirstError(form, errors, ROOM_FORM_FIELDS),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={createRoom.error} fields={ROOM_FORM_FIELDS} />
        <TextInput label={t('room.name')} required data-autofocus {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('room.sexLabel')}
            placeholder={tApp('app.choose')}
            data={roomSexes.map((sex) => ({ value: sex, label: t(`room.sex.${sex}`) }))}
            required
            allowDeselect={false}
            {...form.getInputProps('sex')}
          />
          <Select
            label={t('room.ageGroupLabel')}
            placeholder={tApp('app.choose')}
            data={roomAgeGroups.map((group) => ({ value: group, label: t(`room.ageGroup.${group}`) }))}
            required
            allowDeselect={false}
            {...form.getInputProps('ageGroup')}
          />
          <NumberInput
            label={t('room.beds')}
            min={1}
            max={100}
            allowDecimal={false}
            allowNegative={false}
            required
            {...form.getInputProps('beds')}
          />
          <NumberInput
            label={t('room.accessibleBeds')}
            description={t('room.accessibleHint')}
            min={0}
            max={100}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('accessibleBeds')}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" loading={createRoom.isPending}>
            {t('room.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One more bed in a room. */
export function BedForm({ shelterId, room, onDone }: { shelterId: string; room: Room; onDone: () => void }) {
  const { t } = useTranslation('shelters');
  const { t: tApp } = useTranslation();
  const { addBed } = useRoomChanges(shelterId);
  const validate = (values: BedFormValues) => {
    const result = validateBed(values, tApp);
    return result.ok
      ? result
      : { ok: false as const, errors: translateFeatureMessages(result.errors, featureMessages(t)) };
  };
  const form = useLiveForm<BedFormValues>({ label: '', accessible: false }, (values) => {
    const result = validate(values);
    return result.ok ? {} : result.errors;
  });
  const submit = form.onSubmit(
    (values) => {
      const result = validate(values);
      if (!result.ok) return;
      addBed.mutate(
        { roomId: room.id, ...result.data },
        {
          onSuccess: () => {
            notifySaved(t('room.bedAdded'));
            onDone();
          },
        },
      );
    },
    (errors) => focusFirstError(form, errors, BED_FORM_FIELDS),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={addBed.error} fields={BED_FORM_FIELDS} />
        <TextInput label={t('room.bedLabel')} required data-autofocus {...form.getInputProps('label')} />
        <Checkbox label={t('room.bedAccessible')} {...form.getInputProps('accessible', { type: 'checkbox' })} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" loading={addBed.isPending}>
            {t('room.saveBed')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
