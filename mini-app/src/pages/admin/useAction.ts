import { useState } from "react";
import { errorMessage } from "../../api.js";
import { useNotify } from "../../components/notify.js";

/**
 * A change made from an admin screen: `busy` while it runs, a toast with what happened, `after` with the answer when
 * it went through. Resolves true when it did, false when the server refused (the toast says why).
 */
export function useAction(): {
  busy: boolean;
  run<T>(action: () => Promise<T>, done: string | ((r: T) => string), after?: (r: T) => void): Promise<boolean>;
} {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  async function run<T>(action: () => Promise<T>, done: string | ((r: T) => string), after?: (r: T) => void): Promise<boolean> {
    setBusy(true);
    try {
      const r = await action();
      notify.ok(typeof done === "string" ? done : done(r));
      after?.(r);
      return true;
    } catch (err) {
      notify.fail(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, run };
}
