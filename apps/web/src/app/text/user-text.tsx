import type { ReactNode } from 'react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * One value typed by a person, isolated from its neighbours and laid out in its own direction
 * (`<bdi>` is `dir="auto"` and `unicode-bidi: isolate`). Use it wherever such a value shares a
 * line with other text; see isolation.ts for why.
 */
export function UserText({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <bdi className={className} data-user-text="">
      {children}
    </bdi>
  );
}

/**
 * Several values typed by people (aliases, say) on one line, each isolated, so one can never
 * reorder another; separated by the comma of the reader's script.
 */
export function UserTextList({ items }: { items: readonly string[] }) {
  const { i18n } = useTranslation();
  const separator = i18n.dir() === 'rtl' ? '\u060c ' : ', ';
  return (
    <>
      {items.map((item, index) => (
        <Fragment key={index}>
          {index > 0 && separator}
          <UserText>{item}</UserText>
        </Fragment>
      ))}
    </>
  );
}
