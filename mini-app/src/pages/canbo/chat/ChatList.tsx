import type { ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { chatQueries } from "../../../api/chat.js";
import { EntryCard } from "../../../components/EntryCard.js";
import { Icon } from "../../../components/icons.js";
import { QueryState } from "../../../components/States.js";
import { formatDateTime } from "../../../i18n/format.js";
import { useChatT } from "./i18n/index.js";

/** The way into Tin nhắn from the cán bộ's overview, with how many wait for an answer. */
export function ChatCard(): ReactElement {
  const t = useChatT();
  const list = useQuery(chatQueries.list()).data ?? null;
  const waiting = list?.items.filter((c) => !c.answered).length ?? 0;
  return (
    <EntryCard
      to="/can-bo/tin-nhan"
      icon="feedback"
      title={t("card.title")}
      hint={waiting > 0 ? t("card.waiting", { count: waiting }) : t("card.hint")}
      testId="chat-card"
      className="hs-inbox-card"
    />
  );
}

/** Conversations handed over to her units, newest first. */
export function ChatList(): ReactElement {
  const t = useChatT();
  const navigate = useNavigate();
  const query = useQuery(chatQueries.list());
  return (
    <QueryState query={query}>
      {(data) =>
        data.items.length === 0 ? (
          <p className="hs-muted">{t("empty")}</p>
        ) : (
          <ul className="hs-list">
            {data.items.map((c) => (
              <li key={c.id}>
                <button type="button" className="hs-choice hs-item" data-testid="chat-item" onClick={() => navigate(`/can-bo/tin-nhan/${c.id}`)}>
                  <span className="hs-grow">
                    <span className="hs-choice-title">{c.who ?? t("unknown")}</span>
                    <span className="hs-choice-hint hs-clamp">{c.lastText}</span>
                    <span className="hs-choice-hint">
                      {c.unitName} · {formatDateTime(c.lastMessageAt)}
                    </span>
                    {!c.answered && <span className="hs-overdue">{t("waitingChip")}</span>}
                    {c.escalated && <span className="hs-choice-hint">{t("escalatedChip")}</span>}
                  </span>
                  <Icon name="chevron" />
                </button>
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}
