import { useQuery } from "@tanstack/react-query";
import { BROADCAST_LIMITS, BROADCAST_WHO, LANGUAGES, PROFILE_TAG_GROUP_LABEL, PROFILE_TAG_GROUPS, PROFILE_TAG_LABEL, PROFILE_TAG_VOCABULARY } from "@hoiso/shared/domain";
import type { BroadcastAudience, BroadcastLinkOption, BroadcastPreview, BroadcastWriteBody } from "@hoiso/shared";
import { useMemo, useState, type ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import { broadcastMutations, broadcastQueries } from "../../../api/broadcasts.js";
import { unitQueries } from "../../../api/units.js";
import { QueryState } from "../../../components/States.js";
import { useChange } from "../../../components/useChange.js";
import { useDebounced } from "../../../components/useDebounced.js";
import { useMe } from "../../../state.js";
import { useAdminBroadcastsT } from "./i18n/index.js";
import { LinkPicker } from "./LinkPicker.js";
import type vi from "./i18n/vi.js";

type Who = (typeof BROADCAST_WHO)[number];
type Lang = (typeof LANGUAGES)[number];
type Reason = keyof (typeof vi)["reason"];

const toggle = <T,>(xs: T[], x: T): T[] => (xs.includes(x) ? xs.filter((y) => y !== x) : [...xs, x]);

function Preview({ p }: { p: BroadcastPreview }): ReactElement {
  const t = useAdminBroadcastsT();
  return (
    <section className="hs-card" data-testid="broadcast-preview">
      <span className="hs-card-title">{t("compose.previewTotal", { n: p.total })}</span>
      {(["in_app", "oa", "zns"] as const).map((c) => {
        const ch = p.channels[c];
        const reasons = "reasons" in ch ? Object.entries(ch.reasons).filter(([r]) => r !== "not_chosen") : [];
        return (
          <div key={c} data-testid={`preview-${c}`}>
            <p>{t("compose.reach", { channel: t(`channel.${c}`), n: ch.count })}</p>
            {reasons.length > 0 && (
              <ul className="hs-muted hs-small">
                {reasons.map(([r, n]) => (
                  <li key={r}>{t("compose.notReached", { n, reason: t(`reason.${r as Reason}`) })}</li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </section>
  );
}

/** Compose: the audience (her unit, chosen units under it, who, languages), channels, text, link and time; who it reaches before she sends. */
export function Compose(): ReactElement {
  const t = useAdminBroadcastsT();
  const me = useMe();
  const navigate = useNavigate();
  const units = [...new Map(me.roles.map((r) => [r.unitId, r.unitName])).entries()];
  const [unitId, setUnitId] = useState(units[0]?.[0] ?? "");
  const [targets, setTargets] = useState<string[]>([]);
  const [who, setWho] = useState<Who>("all");
  const [languages, setLanguages] = useState<Lang[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [oa, setOa] = useState(true);
  const [urgent, setUrgent] = useState(false);
  const [zns, setZns] = useState(false);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [link, setLink] = useState<BroadcastLinkOption | null>(null);
  const [sendAt, setSendAt] = useState("");
  const children = useQuery({ ...unitQueries.list({ parentId: unitId }), enabled: unitId !== "" });
  const channels: BroadcastAudience["channels"] = [...(oa ? (["oa"] as const) : []), ...(urgent && zns ? (["zns"] as const) : [])];
  // debounced as text: a new object each render would never settle
  const audienceText = useDebounced(JSON.stringify({ unitId, targetUnitIds: targets, who, languages, channels, urgent, tags }), 300);
  const audience = useMemo(() => JSON.parse(audienceText) as BroadcastAudience, [audienceText]);
  const preview = useQuery(broadcastQueries.preview(audience));
  const send = useChange(broadcastMutations.send());

  const submit = () => {
    const b: BroadcastWriteBody = {
      unitId,
      targetUnitIds: targets,
      who,
      languages,
      channels,
      urgent,
      tags,
      title,
      body,
      ...(link ? { link: { kind: link.kind, id: link.id } } : {}),
      ...(sendAt ? { sendAt: new Date(sendAt).toISOString() } : {}),
    };
    void send.run(b, sendAt ? t("compose.scheduled") : t("compose.sent"), (r) => navigate(`/quan-tri/thong-bao/${r.id}`));
  };

  return (
    <div className="hs-form" data-testid="broadcast-compose">
      <label className="hs-select">
        <span className="hs-card-label">{t("compose.unit")}</span>
        <select
          value={unitId}
          data-testid="broadcast-unit"
          onChange={(e) => {
            setUnitId(e.target.value);
            setTargets([]);
            // what she may attach depends on the sending unit
            setLink(null);
          }}
        >
          {units.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="hs-bc-checks">
        <legend className="hs-card-label">{t("compose.targets")}</legend>
        <QueryState query={children}>
          {(l) => (
            <>
              {l.items
                .filter((u) => u.active)
                .map((u) => (
                  <label key={u.id}>
                    <input type="checkbox" checked={targets.includes(u.id)} onChange={() => setTargets(toggle(targets, u.id))} data-testid="broadcast-target" />
                    {u.name}
                  </label>
                ))}
            </>
          )}
        </QueryState>
        <span className="hs-muted hs-small">{t("compose.targetsHint")}</span>
      </fieldset>
      <label className="hs-select">
        <span className="hs-card-label">{t("compose.who")}</span>
        <select value={who} onChange={(e) => setWho(e.target.value as Who)}>
          {BROADCAST_WHO.map((w) => (
            <option key={w} value={w}>
              {t(`who.${w}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="hs-bc-checks">
        <legend className="hs-card-label">{t("compose.languages")}</legend>
        {LANGUAGES.map((l) => (
          <label key={l}>
            <input type="checkbox" checked={languages.includes(l)} onChange={() => setLanguages(toggle(languages, l))} />
            {t(`language.${l}`)}
          </label>
        ))}
        <span className="hs-muted hs-small">{t("compose.languagesHint")}</span>
      </fieldset>
      <fieldset className="hs-bc-checks" data-testid="broadcast-tags">
        <legend className="hs-card-label">{t("compose.tags")}</legend>
        {PROFILE_TAG_GROUPS.map((g) => (
          <div key={g}>
            <span className="hs-muted hs-small">{PROFILE_TAG_GROUP_LABEL[g]}</span>
            {PROFILE_TAG_VOCABULARY[g].values.map((v) => {
              const tag = `${g}:${v}`;
              return (
                <label key={tag}>
                  <input type="checkbox" checked={tags.includes(tag)} onChange={() => setTags(toggle(tags, tag))} />
                  {PROFILE_TAG_LABEL[tag] ?? tag}
                </label>
              );
            })}
          </div>
        ))}
        <span className="hs-muted hs-small">{t("compose.tagsHint")}</span>
      </fieldset>
      <fieldset className="hs-bc-checks">
        <legend className="hs-card-label">{t("compose.channels")}</legend>
        <label>
          <input type="checkbox" checked={oa} onChange={() => setOa(!oa)} />
          {t("channel.oa")}
        </label>
        <label>
          <input type="checkbox" checked={urgent} onChange={() => setUrgent(!urgent)} />
          {t("compose.urgent")}
        </label>
        {urgent && (
          <label>
            <input type="checkbox" checked={zns} onChange={() => setZns(!zns)} />
            {t("channel.zns")}
          </label>
        )}
      </fieldset>
      <Input label={t("compose.heading")} value={title} maxLength={BROADCAST_LIMITS.titleMax} onChange={(e) => setTitle(e.target.value)} data-testid="broadcast-title" />
      <Input.TextArea label={t("compose.body")} value={body} maxLength={BROADCAST_LIMITS.bodyMax} onChange={(e) => setBody(e.target.value)} data-testid="broadcast-body" />
      <LinkPicker unitId={unitId} value={link} onChange={setLink} />
      <label className="hs-select">
        <span className="hs-card-label">{t("compose.sendAt")}</span>
        <input type="datetime-local" value={sendAt} onChange={(e) => setSendAt(e.target.value)} />
      </label>
      <span className="hs-card-label">{t("compose.preview")}</span>
      <QueryState query={preview}>{(p) => <Preview p={p} />}</QueryState>
      <Button fullWidth loading={send.busy} onClick={submit} data-testid="broadcast-send">
        {sendAt ? t("compose.schedule") : t("compose.send")}
      </Button>
      <Button variant="tertiary" fullWidth onClick={() => navigate("/quan-tri/thong-bao")}>
        {t("compose.back")}
      </Button>
    </div>
  );
}
