import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import { pollQueries } from "../../api/polls.js";
import { usePollsT } from "./i18n/index.js";

/** Trang chủ: shown only while a poll waits for her answer. */
export function PollsCard(): ReactElement | null {
  const t = usePollsT();
  const navigate = useNavigate();
  const list = useQuery(pollQueries.list()).data;
  const waiting = list?.items.filter((p) => p.status === "open" && !p.answered) ?? [];
  if (waiting.length === 0) return null;
  return (
    <section className="hs-card" data-testid="polls-card">
      <span className="hs-card-title">{t("card.title")}</span>
      <p>{t("card.waiting", { count: waiting.length })}</p>
      <Button fullWidth onClick={() => navigate(waiting.length === 1 ? `/khao-sat/${waiting[0]!.id}` : "/khao-sat")}>
        {t("card.open")}
      </Button>
    </section>
  );
}
