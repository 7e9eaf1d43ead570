import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./http.js";

/**
 * How long data stays fresh, by kind. On a slow line a screen she opens again shows what it had at once; data that
 * changes under her (her items' status, an inbox) is fetched again in the background each time it is shown
 * (`changing`), the rest only now and then.
 */
export const STALE = {
  /** Statuses, inboxes, counts, notifications: shown from cache, refreshed whenever shown. */
  changing: 0,
  /** Lists an admin edits (members, units, audit): refreshed after a quick back and forth. */
  default: 30_000,
  /** Categories, routing rules, settings, the unit tree's names: change a few times a year. */
  reference: 10 * 60_000,
  /** A photo or voice note never changes. */
  forever: Number.POSITIVE_INFINITY,
} as const;

/** A 4xx is the server's answer (not found, forbidden, a wrong field): asking again changes nothing. */
const worthRetrying = (err: unknown) => !(err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429);

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: STALE.default,
        gcTime: 10 * 60_000,
        // One quiet retry for a dropped connection; each call already waits up to 25 s, so more would keep her
        // looking at a spinner for minutes. After that the screen says what went wrong, with "Thử lại".
        retry: (failures, err) => failures < 1 && worthRetrying(err),
        // navigator.onLine is unreliable in Zalo's webview; our own timeout says when the network is down.
        networkMode: "always",
      },
      mutations: { retry: false, networkMode: "always" },
    },
  });
}

/** The app's one cache; cleared when the member changes (login, logout, expired session). */
export const queryClient = createQueryClient();
