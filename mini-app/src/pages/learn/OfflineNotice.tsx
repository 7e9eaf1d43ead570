import type { ReactElement } from "react";
import { ApiError } from "../../api/http.js";
import { useLearnT } from "./i18n/index.js";
import { useBrowserOnline } from "./offline.js";

const networkDown = (err: unknown) => err instanceof ApiError && (err.code === "NETWORK" || err.code === "TIMEOUT");

/** Shown over a saved copy when the phone is offline or the refresh could not reach the server. */
export function OfflineNotice({ query }: { query: { data: unknown; error: unknown } }): ReactElement | null {
  const t = useLearnT();
  const online = useBrowserOnline();
  if (query.data === undefined || (online && !networkDown(query.error))) return null;
  return (
    <p className="hs-learn-offline" role="status" data-testid="learn-offline">
      {t("offline")}
    </p>
  );
}
