import { useEffect, useState } from "react";
import { errorMessage } from "../../api.js";

export type Load<T> = { status: "loading" } | { status: "done"; data: T } | { status: "error"; message: string };

/** One fetch tied to its inputs; `reload` runs it again (after a change, or "Thử lại"). */
export function useLoad<T>(fetcher: () => Promise<T>, deps: readonly unknown[]): [Load<T>, () => void] {
  const [state, setState] = useState<Load<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => (s.status === "done" ? s : { status: "loading" }));
    fetcher()
      .then((data) => live && setState({ status: "done", data }))
      .catch((err) => live && setState({ status: "error", message: errorMessage(err) }));
    return () => {
      live = false;
    };
    // The caller lists what the fetch depends on, as with useEffect; `fetcher` itself is a new closure each render.
  }, [...deps, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}
