import { useState, type ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useParams } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import { chatMutations, chatQueries } from "../../../api/chat.js";
import { QueryState } from "../../../components/States.js";
import { useChange } from "../../../components/useChange.js";
import { formatDateTime } from "../../../i18n/format.js";
import { useChatT } from "./i18n/index.js";
import "./chat.css";

/** One conversation: the history (without anything she sent inside a guided feedback), a reply box, and closing. */
export function ChatThread(): ReactElement {
  const { id = "" } = useParams();
  const t = useChatT();
  const navigate = useNavigate();
  const query = useQuery(chatQueries.detail(id));
  const reply = useChange(chatMutations.reply(id));
  const close = useChange(chatMutations.close(id));
  const [text, setText] = useState("");
  return (
    <QueryState query={query}>
      {(data) => (
        <>
          <p className="hs-card-title">{data.conversation.who ?? t("unknown")}</p>
          <p className="hs-section-note">{data.conversation.unitName}</p>
          <p className="hs-muted">{t("privateNote")}</p>
          <ol className="hs-chat" data-testid="chat-history">
            {data.messages.map((m) => (
              <li key={m.id} className={`hs-chat-msg hs-chat-${m.author}`}>
                <span className="hs-chat-who">
                  {t(`author.${m.author}`)} · {formatDateTime(m.at)}
                  {m.status === "failed" || m.status === "skipped" ? ` · ${t("notSent")}` : ""}
                </span>
                <span className="hs-chat-text">{m.text}</span>
              </li>
            ))}
          </ol>
          <Input.TextArea label={t("replyLabel")} placeholder={t("replyPlaceholder")} value={text} maxLength={1900} onChange={(e) => setText(e.target.value)} data-testid="chat-reply" />
          <Button
            fullWidth
            loading={reply.busy}
            disabled={text.trim() === "" || reply.busy}
            onClick={() => void reply.run(text.trim(), t("sent"), () => setText(""))}
            data-testid="chat-send"
          >
            {t("send")}
          </Button>
          <Button fullWidth variant="tertiary" loading={close.busy} onClick={() => void close.run(undefined, t("closed"), () => navigate("/can-bo/tin-nhan", { replace: true }))}>
            {t("close")}
          </Button>
        </>
      )}
    </QueryState>
  );
}
