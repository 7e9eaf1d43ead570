import { useEffect, useMemo, useSyncExternalStore } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { feedbackKeys } from "../../api/feedback.js";
import { ApiError, errorMessage } from "../../api/http.js";
import { useSession } from "../../state.js";
import { flushOutbox, nextDue, onSendNow, outboxEntries, outboxEntry, readOutbox, subscribeOutbox, type OutboxEntry, type SendFailure } from "./outbox.js";
import { dropMediaExcept } from "./outbox-media.js";
import { sendEntry } from "./outbox-send.js";

const send = sendEntry;
const toFailure = (err: unknown): SendFailure => ({ status: err instanceof ApiError ? err.status : 0, message: errorMessage(err) });
/** Never spin: even a due entry waits this long after a failed round. */
const MIN_WAIT_MS = 1_000;

/**
 * Sends what waits in the outbox (outbox.ts) once she has a session: at app start, when the connection returns, when
 * the app comes back to the front, when "Gửi ngay" is pressed, and on a timer with backoff. Shows nothing.
 */
export function OutboxSender(): null {
  const session = useSession();
  const memberId = session.status === "ready" ? session.me.id : null;
  const client = useQueryClient();

  useEffect(() => {
    if (!memberId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const schedule = () => {
      clearTimeout(timer);
      const due = nextDue(memberId);
      // Offline: the "online" event starts the next round.
      if (due === null || stopped || navigator.onLine === false) return;
      timer = setTimeout(() => void run(false), Math.max(MIN_WAIT_MS, due - Date.now()));
    };
    const run = async (force: boolean) => {
      clearTimeout(timer);
      // Known to be offline: wait for the "online" event instead of failing on purpose.
      if (navigator.onLine !== false) {
        const { sent } = await flushOutbox(memberId, send, toFailure, { force });
        if (sent.length > 0) void client.invalidateQueries({ queryKey: feedbackKeys.mine() }); // the list refetches by itself
      }
      schedule();
    };
    const online = () => void run(true);
    const visible = () => {
      if (document.visibilityState === "visible") void run(false);
    };
    window.addEventListener("online", online);
    document.addEventListener("visibilitychange", visible);
    const unNudge = onSendNow(() => void run(true));
    // A new entry (this tab or another) sets the timer; the round itself runs from the timer, never inside a write.
    const unsubscribe = subscribeOutbox(schedule);
    // Blobs whose entry is gone (a tab closed between writing them and the entry): freed; nobody waits for it.
    void dropMediaExcept(new Set(readOutbox().map((e) => e.key)));
    void run(false);
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener("online", online);
      document.removeEventListener("visibilitychange", visible);
      unNudge();
      unsubscribe();
    };
  }, [memberId, client]);
  return null;
}

/** Her entries waiting or refused (a sent one is in her list from the server). */
export function useOutbox(memberId: string): OutboxEntry[] {
  const all = useSyncExternalStore(subscribeOutbox, () => outboxEntries(memberId));
  return useMemo(() => all.filter((e) => e.state !== "sent"), [all]);
}

export function useOutboxEntry(key: string | null): OutboxEntry | undefined {
  return useSyncExternalStore(subscribeOutbox, () => (key ? outboxEntry(key) : undefined));
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (l) => {
      window.addEventListener("online", l);
      window.addEventListener("offline", l);
      return () => {
        window.removeEventListener("online", l);
        window.removeEventListener("offline", l);
      };
    },
    () => navigator.onLine !== false,
  );
}
