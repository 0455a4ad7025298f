import { useEffect } from 'react';

/** A distinct document title per screen is what screen readers announce first after navigation. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Haven`;
  }, [title]);
}
