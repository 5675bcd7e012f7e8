import { useEffect } from 'react';

/** The browser tab's title: "<parts> · Cadence". */
export function useTitle(...parts: (string | undefined | null)[]) {
  const title = [...parts.filter(Boolean), 'Cadence'].join(' · ');
  useEffect(() => { document.title = title; }, [title]);
}
