import { useState, type ReactElement } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Button, Input } from "zmp-ui";
import { CHATBOT_SETTING_LIMITS, foldVietnamese, type ChatbotSettingName } from "@hoiso/shared/domain";
import type { BotIntent, BotPreview, BotSettings, BotTextEntry } from "@hoiso/shared";
import { chatbotMutations, chatbotQueries } from "../../../api/chatbot.js";
import { errorMessage } from "../../../api/http.js";
import { QueryState } from "../../../components/States.js";
import { useChange } from "../../../components/useChange.js";
import { useNotify } from "../../../components/notify.js";
import { useAdminChatbotT } from "./i18n/index.js";
import type vi from "./i18n/vi.js";
import "./chatbot.css";

/** Quản trị → Trợ lý OA (province admin): try a question, the keywords, the settings, every sentence of the bot. */
export function ChatbotAdmin(): ReactElement {
  const t = useAdminChatbotT();
  return (
    <div className="hs-bot-admin" data-testid="chatbot-admin">
      <p className="hs-bot-intro">{t("intro")}</p>
      <TryQuestion />
      <Intents />
      <SettingsCard />
      <Texts />
    </div>
  );
}

function TryQuestion(): ReactElement {
  const t = useAdminChatbotT();
  const notify = useNotify();
  const [text, setText] = useState("");
  const [result, setResult] = useState<BotPreview | null>(null);
  const preview = useMutation(chatbotMutations.preview());
  const run = async () => {
    if (text.trim() === "") return notify.fail(t("try.empty"));
    try {
      setResult(await preview.mutateAsync({ text }));
    } catch (err) {
      notify.fail(errorMessage(err));
    }
  };
  return (
    <section className="hs-card hs-form" data-testid="bot-try">
      <p className="hs-card-title">{t("try.title")}</p>
      <Input label={t("try.label")} value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} />
      <Button fullWidth loading={preview.isPending} disabled={preview.isPending} onClick={() => void run()}>
        {t("try.run")}
      </Button>
      {result && (
        <div className="hs-bot-result" data-testid="bot-try-result" data-kind={result.kind}>
          <p>{t("try.folded", { text: result.folded })}</p>
          <p className={result.kind === "danger" ? "hs-bot-danger" : undefined}>
            {t("try.kind", { kind: t(`kinds.${result.kind as Kind}`) })}
            {result.verdict ? ` — ${t(`verdict.${result.verdict}`)}` : ""}
          </p>
          {result.guides.length > 0 && (
            <>
              <p className="hs-card-label">{t("try.guides")}</p>
              <ol className="hs-bot-guides">
                {result.guides.map((g) => (
                  <li key={g.id}>
                    {g.title} <span className="hs-bot-score">{g.score.toFixed(2)}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
          <p className="hs-card-label">{t("try.reply")}</p>
          <pre className="hs-bot-reply">{result.reply}</pre>
        </div>
      )}
    </section>
  );
}

type Kind = keyof (typeof vi)["kinds"];

function Intents(): ReactElement {
  const t = useAdminChatbotT();
  const q = useQuery(chatbotQueries.intents());
  return (
    <section className="hs-card hs-form" data-testid="bot-intents">
      <p className="hs-card-title">{t("intents.title")}</p>
      <p className="hs-bot-hint">{t("intents.hint")}</p>
      <QueryState query={q}>{(d) => <>{d.items.map((i) => <IntentForm key={`${i.intent}-${i.updatedAt}`} intent={i} />)}</>}</QueryState>
    </section>
  );
}

function IntentForm({ intent }: { intent: BotIntent }): ReactElement {
  const t = useAdminChatbotT();
  const [text, setText] = useState(intent.keywords.join("\n"));
  const { busy, run } = useChange(chatbotMutations.saveIntent());
  const kind = intent.intent as Kind;
  return (
    <div className="hs-bot-intent" data-testid={`bot-intent-${intent.intent}`}>
      <Input.TextArea label={t(`kinds.${kind}`)} value={text} onChange={(e) => setText(e.target.value)} />
      {intent.builtIn.length > 0 && <p className="hs-bot-hint">{t("intents.builtIn", { list: intent.builtIn.join(", ") })}</p>}
      <Button size="small" variant="secondary" loading={busy} disabled={busy} onClick={() => void run({ intent: intent.intent, keywords: text.split("\n").filter((k) => k.trim() !== "") }, t("intents.saved"))}>
        {t("intents.save")}
      </Button>
    </div>
  );
}

const SETTING_NAMES = Object.keys(CHATBOT_SETTING_LIMITS) as ChatbotSettingName[];

function SettingsCard(): ReactElement {
  const q = useQuery(chatbotQueries.settings());
  return <QueryState query={q}>{(s) => <SettingsForm key={q.dataUpdatedAt} settings={s} />}</QueryState>;
}

function SettingsForm({ settings }: { settings: BotSettings }): ReactElement {
  const t = useAdminChatbotT();
  const notify = useNotify();
  const [form, setForm] = useState<BotSettings>(settings);
  const { busy, run } = useChange(chatbotMutations.saveSettings());
  const inRange = (n: ChatbotSettingName) => Number.isInteger(form[n]) && form[n] >= CHATBOT_SETTING_LIMITS[n].min && form[n] <= CHATBOT_SETTING_LIMITS[n].max;
  const save = () => (SETTING_NAMES.every(inRange) ? void run(form, t("settings.saved")) : notify.fail(t("settings.outOfRange")));
  return (
    <section className="hs-card hs-form" data-testid="bot-settings">
      <p className="hs-card-title">{t("settings.title")}</p>
      {SETTING_NAMES.map((n) => (
        <Input
          key={n}
          label={t(`settings.${n}`)}
          type="number"
          value={String(form[n])}
          status={inRange(n) ? undefined : "error"}
          helperText={t("settings.range", CHATBOT_SETTING_LIMITS[n])}
          onChange={(e) => setForm({ ...form, [n]: Number(e.target.value) })}
        />
      ))}
      <Button fullWidth loading={busy} disabled={busy} onClick={save}>
        {t("settings.save")}
      </Button>
    </section>
  );
}

function Texts(): ReactElement {
  const t = useAdminChatbotT();
  const q = useQuery(chatbotQueries.texts());
  const [filter, setFilter] = useState("");
  const f = foldVietnamese(filter);
  return (
    <section className="hs-card hs-form" data-testid="bot-texts">
      <p className="hs-card-title">{t("texts.title")}</p>
      <Input label={t("texts.filter")} value={filter} onChange={(e) => setFilter(e.target.value)} />
      <QueryState query={q}>
        {(d) => (
          <ul className="hs-bot-texts">
            {d.items
              .filter((x) => f === "" || foldVietnamese(`${x.key} ${x.text}`).includes(f))
              .map((x) => (
                <TextRow key={`${x.key}.${x.language}.${x.updatedAt}`} entry={x} />
              ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

function TextRow({ entry }: { entry: BotTextEntry }): ReactElement {
  const t = useAdminChatbotT();
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(entry.text);
  const [draft, setDraft] = useState(entry.needsReview);
  const { busy, run } = useChange(chatbotMutations.saveText());
  const save = async () => {
    if (text.trim() === "") return notify.fail(t("texts.empty"));
    const ok = await run({ key: entry.key, language: entry.language, text, ...(entry.language === "vi" ? {} : { needsReview: draft }) }, t("texts.saved"));
    if (ok) setEditing(false);
  };
  return (
    <li className="hs-bot-text" data-testid={`bot-text-${entry.key}-${entry.language}`}>
      <p className="hs-bot-text-head">
        <code>{entry.key}</code> · {t(`texts.language.${entry.language}`)}
        {entry.needsReview && <span className="hs-bot-draft">{t("texts.needsReview")}</span>}
      </p>
      {editing ? (
        <>
          <Input.TextArea value={text} maxLength={1900} onChange={(e) => setText(e.target.value)} />
          {entry.language !== "vi" && (
            <label className="hs-bot-check">
              <input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} /> {t("texts.keepDraft")}
            </label>
          )}
          <div className="hs-bot-actions">
            <Button size="small" loading={busy} disabled={busy} onClick={() => void save()}>
              {t("texts.save")}
            </Button>
            <Button size="small" variant="tertiary" onClick={() => setEditing(false)}>
              {t("texts.cancel")}
            </Button>
          </div>
        </>
      ) : (
        <button type="button" className="hs-bot-text-open" aria-label={t("texts.edit")} onClick={() => setEditing(true)}>
          <span className="hs-bot-clamp">{entry.text}</span>
        </button>
      )}
    </li>
  );
}
