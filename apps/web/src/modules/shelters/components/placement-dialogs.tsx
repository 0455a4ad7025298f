import { DISCHARGE_REASONS, type CaseDetail, type Placement } from '@haven/contracts';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { Link } from 'react-router';
import { useAppAbility } from '../../auth';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, todayIso } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { useCasePermissions } from '../../cases';
import { formatDate } from '../../../app/text/format';
import { shelterKeys, useDischarge, useMove, usePlace, useRooms, useShelters } from '../hooks/use-shelters';
import { featureMessages, translateFeatureMessages } from '../../../app/i18n/module-messages';
import {
  DISCHARGE_FORM_FIELDS,
  DISCHARGE_LAYOUT,
  bedMisfitMessage,
  bedOptions,
  emptyPlacementForm,
  isBedMisfit,
  isBedTaken,
  isShelterFull,
  kindAnswerOf,
  PLACEMENT_FORM_FIELDS,
  PLACEMENT_LAYOUT,
  shelterOptions,
  validateDischarge,
  validateMove,
  validatePlace,
  type DischargeFormValues,
  type PlacementFormValues,
} from '../utils/placement-form';
import { UserText } from '../../../app/text/user-text';

/**
 * Places the survivor (no `current`) or moves them from `current` to another shelter, on a bed chosen from the
 * shelter's free beds. The shelter's kind and the bed (the room's sex and age group, accessibility) are checked
 * by the API against the survivor; when they do not fit, a supervisor is asked for the reason of the override
 * and a caseworker is told why and to choose another. With no shelter to choose from, the form says who adds one.
 */
export function PlacementForm({
  detail,
  current,
  onDone,
}: {
  detail: CaseDetail;
  current?: Placement;
  onDone: () => void;
}) {
  const { t } = useTranslation('shelters');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const permissions = useCasePermissions(detail);
  const ability = useAppAbility();
  const shelters = useShelters();
  const place = usePlace(detail.id);
  const move = useMove(detail.id);
  const mutation = current ? move : place;
  const [withOverride, setWithOverride] = useState(false);
  const [version, setVersion] = useState(current?.version ?? 0);

  const validate = (values: PlacementFormValues, override: boolean) => {
    const result = current ? validateMove(values, version, override, tApp) : validatePlace(values, override, tApp);
    return result.ok
      ? result
      : { ok: false as const, errors: translateFeatureMessages(result.errors, featureMessages(t)) };
  };
  const form = useLiveForm<PlacementFormValues>(emptyPlacementForm(), (values) => {
    const result = validate(values, withOverride);
    return result.ok ? {} : result.errors;
  });

  const kindAnswer = kindAnswerOf(mutation.error);
  const full = isShelterFull(mutation.error);
  const bedTaken = isBedTaken(mutation.error);
  const bedMisfit = bedMisfitMessage(mutation.error);
  const shelterId = form.getValues().shelterId;
  const rooms = useRooms(shelterId);

  const submit = form.onSubmit(
    (values) => {
      const result = validate(values, withOverride);
      if (!result.ok) return;
      const options = {
        onSuccess: () => {
          notifySaved(t(current ? 'placement.moved' : 'placement.placed'));
          onDone();
        },
        onError: (error: unknown) => {
          if (isBedTaken(error)) {
            // Someone took the bed meanwhile: show the beds as they are now and ask for another.
            form.setFieldValue('bedId', null);
            void rooms.refetch();
            return;
          }
          if (isBedMisfit(error)) {
            if (permissions.mayApprove && values.bedId !== null) {
              setWithOverride(true);
              window.setTimeout(() => form.getInputNode('overrideReason')?.focus(), 0);
            } else window.setTimeout(() => form.getInputNode('bedId')?.focus(), 0);
            return;
          }
          const answer = kindAnswerOf(error);
          if (answer === 'needsReason' && permissions.mayApprove) {
            // The API found the kind does not fit: only now is the reason asked for, and focus goes to it.
            setWithOverride(true);
            window.setTimeout(() => form.getInputNode('overrideReason')?.focus(), 0);
            return;
          }
          if (answer === 'notNeeded') {
            setWithOverride(false);
            form.setFieldValue('overrideReason', '');
            return;
          }
          if (answer) return;
          const errors = translateFeatureMessages(serverFieldErrors(error, tApp, PLACEMENT_LAYOUT), featureMessages(t));
          form.setErrors(errors);
          focusFirstError(form, errors, PLACEMENT_FORM_FIELDS);
        },
      };
      if (current) move.mutate(result.data as Parameters<typeof move.mutate>[0], options);
      else place.mutate(result.data as Parameters<typeof place.mutate>[0], options);
    },
    (errors) => focusFirstError(form, errors, PLACEMENT_FORM_FIELDS),
  );

  // A stale version on a move: load the case's placements again and continue from the current one.
  const reload = async () => {
    await queryClient.refetchQueries({ queryKey: shelterKeys.placements(detail.id) });
    await queryClient.refetchQueries({ queryKey: shelterKeys.list });
    const fresh = queryClient.getQueryData<{ current: Placement | null }>(shelterKeys.placements(detail.id));
    if (fresh?.current) setVersion(fresh.current.version);
    mutation.reset();
  };

  const options = shelterOptions(
    shelters.data?.items ?? [],
    (shelter, free, kind) =>
      free === 0
        ? t('placement.shelterFull', { name: shelter.name, area: shelter.area })
        : t('placement.shelterOption', { name: shelter.name, area: shelter.area, kind: t(`kind.${kind}`), free }),
    current?.shelter.id,
  );
  const beds = bedOptions(
    rooms.data?.items ?? [],
    (room) => t('placement.roomGroup', { name: room.name, serves: t(`room.serves.${room.sex}.${room.ageGroup}`) }),
    (bed) =>
      [
        t('placement.bedOption', { label: bed.label }),
        bed.accessible ? t('placement.bedAccessible') : null,
        bed.occupied ? t('placement.bedTaken') : null,
      ]
        .filter(Boolean)
        .join(' · '),
  );
  const noShelters = shelters.isSuccess && options.length === 0;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {kindAnswer === 'needsSupervisor' && (
          <Alert color="yellow" variant="light" role="alert">
            <Text size="sm" c="gray.9">
              {t('placement.misfitNeedsSupervisor')}
            </Text>
          </Alert>
        )}
        {full && (
          <Alert color="yellow" variant="light" role="alert">
            <Text size="sm" c="gray.9">
              {t('placement.full')}
            </Text>
          </Alert>
        )}
        {bedTaken && (
          <Alert color="yellow" variant="light" role="alert">
            <Text size="sm" c="gray.9">
              {t('placement.bedJustTaken')}
            </Text>
          </Alert>
        )}
        {!kindAnswer && !full && !bedTaken && !bedMisfit && (
          <FormProblem error={mutation.error} fields={PLACEMENT_FORM_FIELDS} onReload={reload} />
        )}
        {noShelters && (
          <Alert color="blue" variant="light" role="status" title={t('placement.noShelters')}>
            <Stack gap={4}>
              <Text size="sm" c="gray.9">
                {t(ability.can('create', 'Shelter') ? 'placement.noSheltersSupervisor' : 'placement.noSheltersAsk')}
              </Text>
              {ability.can('create', 'Shelter') && (
                <Anchor component={Link} to="/shelters?new=1" size="sm">
                  {t('placement.addShelter')}
                </Anchor>
              )}
            </Stack>
          </Alert>
        )}
        {shelters.isError && (
          <Text size="sm" c="red.9">
            {t('placement.sheltersError')}
          </Text>
        )}
        <Select
          label={t('placement.shelter')}
          placeholder={tApp('app.choose')}
          data={options}
          nothingFoundMessage={t('placement.noShelters')}
          searchable
          required
          allowDeselect={false}
          data-autofocus
          disabled={shelters.isPending}
          {...form.getInputProps('shelterId')}
          onChange={(value) => {
            form.setFieldValue('shelterId', value);
            form.setFieldValue('bedId', null);
            // Another shelter may fit: the override question starts over.
            setWithOverride(false);
            form.setFieldValue('overrideReason', '');
            mutation.reset();
          }}
        />
        {shelterId !== null && (
          <Select
            label={t('placement.bed')}
            description={t('placement.bedHint')}
            placeholder={tApp('app.choose')}
            data={beds}
            nothingFoundMessage={t('placement.noBeds')}
            required
            allowDeselect={false}
            disabled={rooms.isPending}
            {...form.getInputProps('bedId')}
            error={bedMisfit ?? form.getInputProps('bedId').error}
            onChange={(value) => {
              form.setFieldValue('bedId', value);
              setWithOverride(false);
              form.setFieldValue('overrideReason', '');
              mutation.reset();
            }}
          />
        )}
        <Checkbox
          label={t('placement.needsAccessibleBed')}
          {...form.getInputProps('needsAccessibleBed', { type: 'checkbox' })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label={t(current ? 'placement.moveDate' : 'placement.fromDate')}
            max={todayIso()}
            required
            {...form.getInputProps('fromDate')}
          />
          <TextInput
            type="date"
            label={t('placement.plannedDischargeOn')}
            description={t('placement.plannedDischargeHint')}
            {...form.getInputProps('plannedDischargeOn')}
          />
        </SimpleGrid>
        {withOverride && (
          <Stack gap={4}>
            <Alert color="yellow" variant="light">
              <Text size="sm" c="gray.9">
                {t('placement.overrideHint')}
              </Text>
            </Alert>
            <Textarea
              label={t('placement.overrideReason')}
              required
              autosize
              minRows={2}
              maxRows={8}
              {...form.getInputProps('overrideReason')}
            />
          </Stack>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t(current ? 'placement.move' : 'placement.place')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Ends the current placement, or (planned) only records the day it is expected to end. Ending it frees the
 * bed and cannot be undone, so it asks for confirmation first, saying what will happen.
 */
export function DischargeForm({
  caseId,
  current,
  planned,
  onDone,
}: {
  caseId: string;
  current: Placement;
  planned: boolean;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation('shelters');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const discharge = useDischarge(caseId);
  const [version, setVersion] = useState(current.version);
  const [confirming, setConfirming] = useState(false);
  const initial: DischargeFormValues = {
    toDate: planned ? (current.plannedDischargeOn ?? '') : todayIso(),
    exitReason: null,
  };

  const validate = (values: DischargeFormValues) => {
    const result = validateDischarge(values, version, planned, tApp);
    return result.ok
      ? result
      : { ok: false as const, errors: translateFeatureMessages(result.errors, featureMessages(t)) };
  };
  const form = useLiveForm<DischargeFormValues>(initial, (values) => {
    const result = validate(values);
    return result.ok ? {} : result.errors;
  });

  const send = () => {
    const result = validate(form.getValues());
    if (!result.ok) return;
    discharge.mutate(result.data, {
      onSuccess: () => {
        notifySaved(t(planned ? 'placement.dischargePlanned' : 'placement.discharged'));
        onDone();
      },
      onError: (error) => {
        setConfirming(false);
        const errors = translateFeatureMessages(serverFieldErrors(error, tApp, DISCHARGE_LAYOUT), featureMessages(t));
        form.setErrors(errors);
        focusFirstError(form, errors, DISCHARGE_FORM_FIELDS);
      },
    });
  };

  const submit = form.onSubmit(
    () => {
      if (planned) send();
      else setConfirming(true);
    },
    (errors) => focusFirstError(form, errors, DISCHARGE_FORM_FIELDS),
  );

  const reload = async () => {
    await queryClient.refetchQueries({ queryKey: shelterKeys.placements(caseId) });
    const fresh = queryClient.getQueryData<{ current: Placement | null }>(shelterKeys.placements(caseId));
    if (fresh?.current) setVersion(fresh.current.version);
    discharge.reset();
  };

  if (confirming) {
    const values = form.getValues();
    return (
      <Stack gap="md">
        <Text fw={600} id="discharge-confirm" data-autofocus tabIndex={-1}>
          {t('placement.confirmTitle')}
        </Text>
        <Text size="sm">
          {t('placement.confirmBody', {
            shelter: current.shelter.name,
            date: formatDate(values.toDate, i18n.language),
            reason: values.exitReason ? t(`exitReason.${values.exitReason}`) : '',
          })}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('placement.back')}
          </Button>
          <Button color="red" onClick={send} loading={discharge.isPending} aria-describedby="discharge-confirm">
            {t('placement.confirm')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={discharge.error} fields={DISCHARGE_FORM_FIELDS} onReload={reload} />
        <Text size="sm">
          <UserText>{current.shelter.name}</UserText> ·{' '}
          {t('board.since', { date: formatDate(current.fromDate, i18n.language) })}
        </Text>
        <TextInput
          type="date"
          label={t(planned ? 'placement.plannedDate' : 'placement.toDate')}
          min={current.fromDate}
          max={planned ? undefined : todayIso()}
          required
          data-autofocus
          {...form.getInputProps('toDate')}
        />
        {!planned && (
          <Select
            label={t('placement.exitReasonLabel')}
            placeholder={tApp('app.choose')}
            data={DISCHARGE_REASONS.map((reason) => ({ value: reason, label: t(`exitReason.${reason}`) }))}
            required
            allowDeselect={false}
            {...form.getInputProps('exitReason')}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tApp('app.cancel')}
          </Button>
          <Button type="submit" color={planned ? undefined : 'red'} loading={discharge.isPending}>
            {planned ? t('placement.save') : t('placement.discharge')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
