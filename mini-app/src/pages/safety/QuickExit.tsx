import type { ReactElement } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { forgetSensitive } from "../../api/safety.js";
import { useSafetyT } from "./i18n/index.js";
import "./safety.css";

/** Where quick exit lands: the news list, a screen anyone may be seen reading. */
export const NEUTRAL_SCREEN = "/tim-hieu";

/**
 * On every sensitive screen: one tap drops what the app holds in memory about her sensitive items and replaces the
 * current history entry with the news list, so Back does not lead to the screen she left (the sensitive screens
 * move between themselves with replace, so they are one history entry).
 */
export function QuickExit(): ReactElement {
  const t = useSafetyT();
  const navigate = useNavigate();
  const client = useQueryClient();
  return (
    <button
      type="button"
      className="hs-quick-exit"
      data-testid="quick-exit"
      aria-label={t("quickExit.aria")}
      onClick={() => {
        forgetSensitive(client);
        navigate(NEUTRAL_SCREEN, { replace: true });
      }}
    >
      {t("quickExit.label")}
    </button>
  );
}
