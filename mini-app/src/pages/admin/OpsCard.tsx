import type { ReactElement } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button } from "zmp-ui";
import { adminMutations } from "../../api/admin.js";
import { errorMessage, serverUrl } from "../../api/http.js";
import { ErrorState } from "../../components/States.js";
import { useAdminT } from "./i18n/index.js";

/** The province admin's way into the queue board: a one-time link the server makes, opened in a new window. */
export function OpsCard(): ReactElement {
  const t = useAdminT();
  const open = useMutation({
    ...adminMutations.queueBoardLink(),
    onSuccess: ({ url }) => {
      window.open(serverUrl(url), "_blank", "noopener");
    },
  });
  return (
    <section className="hs-card" aria-label={t("ops.title")}>
      <p className="hs-card-title">{t("ops.title")}</p>
      <p className="hs-muted">{t("ops.help")}</p>
      {open.isError && <ErrorState message={errorMessage(open.error)} onRetry={() => open.mutate()} />}
      <Button size="small" variant="secondary" loading={open.isPending} onClick={() => open.mutate()}>
        {open.isPending ? t("ops.opening") : t("ops.open")}
      </Button>
    </section>
  );
}
