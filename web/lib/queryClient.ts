import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api.js';

/**
 * THE query client of the web app (issue 13): every read from the server goes through TanStack Query with this
 * client, keyed as in ./data.ts. Server-sent events mark what they affect stale (../comments/useEventStream.ts),
 * writes invalidate what they change, sign-out clears it all. Nothing refetches on window focus.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // An answer is fresh for 2 s: a page mounting right after its data was prefetched (first load) or put in by
      // the shell does not ask again. Staleness after that is as before (events and writes invalidate at once).
      staleTime: 2_000,
      // A refusal (4xx) is an answer, not a hiccup: only transport failures and 5xx are tried again.
      retry: (count, e) => count < 2 && !(e instanceof ApiError && e.status >= 400 && e.status < 500),
    },
  },
});
