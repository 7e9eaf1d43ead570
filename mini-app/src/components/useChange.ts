import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
import { errorMessage } from "../api/http.js";
import { useNotify } from "./notify.js";

/**
 * A change she makes (a mutation from api/<domain>.ts, which invalidates what it changed): `busy` while it runs, a
 * toast saying what happened, `after` with the answer. `run` resolves true when it went through, false when the server
 * refused (the toast says why).
 */
export function useChange<TData, TVariables>(options: UseMutationOptions<TData, Error, TVariables, unknown>) {
  const notify = useNotify();
  const mutation = useMutation(options);
  async function run(variables: TVariables, done: string | ((r: TData) => string), after?: (r: TData) => void): Promise<boolean> {
    try {
      const r = await mutation.mutateAsync(variables);
      notify.ok(typeof done === "string" ? done : done(r));
      after?.(r);
      return true;
    } catch (err) {
      notify.fail(errorMessage(err));
      return false;
    }
  }
  return { busy: mutation.isPending, run };
}
