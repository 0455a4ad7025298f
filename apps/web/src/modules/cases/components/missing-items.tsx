import type { CaseDetail, MissingItem } from '@haven/contracts';
import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { caseTabHref, MISSING_ITEM_KEY, MISSING_ITEM_TAB, type FocusTabState } from '../utils/case-tabs';

/**
 * Intake records the minimum; this says what is left, each item a link to the tab where it is completed,
 * so the profile gets completed over the next days without hunting for the right place.
 */
export function MissingItems({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('cases');
  const missing = detail.missing ?? [];
  if (missing.length === 0) return null;
  const focusState: FocusTabState = { focusTab: true };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="missing-heading" bg="yellow.0">
      <Stack gap={6}>
        <Title order={2} size="h5" id="missing-heading">
          {t('missing.title')}
        </Title>
        <Text size="sm" c="gray.8">
          {t('missing.hint')}
        </Text>
        <List size="sm" spacing={2}>
          {missing.map((item) => {
            const key = MISSING_ITEM_KEY[item as MissingItem];
            const tab = MISSING_ITEM_TAB[item as MissingItem];
            // A code this version does not know is still worth showing: something is missing either way.
            if (!key || !tab) return <List.Item key={item}>{item}</List.Item>;
            return (
              <List.Item key={item}>
                <Anchor component={Link} to={caseTabHref(detail.id, tab)} state={focusState} replace>
                  {t(`missing.items.${key}`)}
                </Anchor>
              </List.Item>
            );
          })}
        </List>
      </Stack>
    </Paper>
  );
}
