import { zaloLocation } from "../../zalo.js";
import { useCallback, useEffect, useRef, useState, type ReactElement } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button, Input } from "zmp-ui";
import type { Category, SubmissionCreated, SubmissionKind } from "@hoiso/shared";
import { MAX_BODY_LENGTH, mayOfferPublish } from "@hoiso/shared/domain";
import { feedbackMutations } from "../../api/feedback.js";
import { uploadMedia } from "../../api/media.js";
import { ApiError, errorMessage, newIdempotencyKey } from "../../api/http.js";
import { useMe, useSession } from "../../state.js";
import { HelpEntry } from "../safety/HelpEntry.js";
import { CategoryPicker } from "./CategoryPicker.js";
import { clearDraft, loadDraft, saveDraft } from "./draft.js";
import { FieldError } from "./FieldError.js";
import { useFeedbackT } from "./i18n/index.js";
import { KindPicker } from "./KindPicker.js";
import { OfflineNote } from "./OfflineNote.js";
import { keepForLater, mayKeepOffline, removeEntry } from "./outbox.js";
import { dropMedia, keepMedia, type LocalMedia } from "./outbox-media.js";
import { useOutboxEntry } from "./OutboxSender.js";
import { Pending } from "./Pending.js";
import { isNetworkError, PhotoPicker, type Photo } from "./PhotoPicker.js";
import { PrivacyChoice } from "./PrivacyChoice.js";
import { PublishConsent } from "./PublishConsent.js";
import { Sent } from "./Sent.js";
import { SimilarItems } from "./SimilarItems.js";
import { UnitChoice, type ChosenUnit } from "./UnitChoice.js";
import { VoiceNote, type Voice } from "./VoiceNote.js";

/** A photo or voice note not yet uploaded; `photoKey` ties a photo back to its thumbnail. */
type LocalFile = { blob: Blob; kind: LocalMedia["kind"]; name: string; photoKey?: string };

type Errors = Partial<Record<"kind" | "category" | "body" | "unitId" | "mediaIds" | "voice" | "form", string>>;

export function SendForm(): ReactElement {
  const me = useMe();
  const t = useFeedbackT();
  const session = useSession();
  const inZalo = session.status === "ready" && !session.dev;
  const [draft] = useState(loadDraft);
  const [kind, setKind] = useState<SubmissionKind | null>(draft?.kind ?? null);
  const [category, setCategory] = useState<Category | null>(draft?.category ?? null);
  const [body, setBody] = useState(draft?.body ?? "");
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [voice, setVoice] = useState<Voice>({ status: "none" });
  const [unit, setUnit] = useState<ChosenUnit | null>(draft?.unit ?? (me.unitId && me.unitName ? { id: me.unitId, name: me.unitName } : null));
  const [anonymous, setAnonymous] = useState(false);
  /** Issue 13: where, only if she ticks it; Zalo then asks her itself. */
  const [shareLocation, setShareLocation] = useState(false);
  const [sensitive, setSensitive] = useState(false);
  const [publish, setPublish] = useState(false);
  const publishOffered = kind !== "petition" && mayOfferPublish({ anonymous, sensitive, categoryPrivate: category?.private ?? false });
  const [errors, setErrors] = useState<Errors>({});
  const [sent, setSent] = useState<SubmissionCreated | null>(null);
  const submit = useMutation(feedbackMutations.submit());
  /** Issue 13: the outbox key of an item kept on the phone to send later ("Chờ gửi"), and whether a location was dropped. */
  const [queued, setQueued] = useState<{ key: string; locationDropped: boolean } | null>(null);
  const queuedEntry = useOutboxEntry(queued?.key ?? null);
  const sending = submit.isPending;

  // One key per form, sent again with every retry of it: if an answer is lost on a bad connection, pressing Gửi
  // again returns the item already stored instead of sending it twice. A new form gets a new key.
  const formKey = useRef(newIdempotencyKey());

  // Her draft on the phone (draft.ts): saved as she writes, never once anything makes the item sensitive or anonymous.
  useEffect(() => {
    if (sent) return;
    const timer = setTimeout(() => saveDraft({ kind, category, body, unit }, sensitive || anonymous), 400);
    return () => clearTimeout(timer);
  }, [kind, category, body, unit, sensitive, anonymous, sent]);
  useEffect(() => {
    if (sensitive || anonymous || category?.private) clearDraft();
  }, [sensitive, anonymous, category]);

  // Thumbnails are blob URLs: free them when she leaves the form.
  const shown = useRef(photos);
  useEffect(() => {
    shown.current = photos;
  }, [photos]);
  useEffect(() => () => shown.current.forEach((p) => URL.revokeObjectURL(p.previewUrl)), []);

  // An error stays only until she touches the field it is about: each change below clears its own.
  const clear = useCallback(
    (...keys: Array<keyof Errors>) =>
      setErrors((e) => (keys.some((k) => e[k]) ? Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k as keyof Errors))) : e)),
    [],
  );
  function chooseKind(k: SubmissionKind) {
    setKind(k);
    // A petition cannot be about a private matter, nor kept private: drop such choices rather than let the server
    // refuse them later.
    if (k === "petition") {
      if (category?.private) setCategory(null);
      setSensitive(false);
    }
    clear("kind", "form");
  }
  function chooseCategory(c: Category) {
    setCategory(c);
    clear("category", "form");
  }
  function chooseUnit(u: ChosenUnit) {
    setUnit(u);
    clear("unitId", "form");
  }
  const changePhotos = useCallback(
    (fn: (p: Photo[]) => Photo[]) => {
      setPhotos(fn);
      clear("mediaIds", "form");
    },
    [clear],
  );
  const changeVoice = useCallback(
    (v: Voice) => {
      setVoice(v);
      if (v.status === "done") clear("body", "voice", "form");
    },
    [clear],
  );

  // After a refused send, bring the first message into view: the field may be far above the button.
  const jumpToError = useRef(false);
  useEffect(() => {
    if (!jumpToError.current) return;
    jumpToError.current = false;
    document.querySelector(".hs-form .hs-field-error, .hs-form [role=alert]")?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [errors]);

  function check(): Errors {
    const e: Errors = {};
    if (!kind) e.kind = t("errors.kind");
    if (!category) e.category = t("errors.category");
    if (!body.trim() && voice.status !== "done" && voice.status !== "local") e.body = t("errors.body");
    if (!unit) e.unitId = t("errors.unit");
    if (photos.some((p) => p.status === "uploading") || voice.status === "uploading") e.form = t("errors.uploading");
    if (photos.some((p) => p.status === "error")) e.mediaIds = t("errors.photo");
    if (voice.status === "error") e.voice = t("errors.voice");
    return e;
  }

  async function send() {
    const e = check();
    jumpToError.current = true;
    setErrors(e);
    if (Object.keys(e).length > 0 || !kind || !category || !unit) return;
    const mediaIds = [...photos.flatMap((p) => (p.mediaId ? [p.mediaId] : [])), ...(voice.status === "done" ? [voice.mediaId] : [])];
    // Photos and a voice note picked without a connection: uploaded first when she sends, or kept with the item.
    let local: LocalFile[] = [
      ...photos.flatMap((p) => (p.status === "local" && p.blob ? [{ blob: p.blob, kind: "image" as const, name: p.name, photoKey: p.key }] : [])),
      ...(voice.status === "local" ? [{ blob: voice.blob, kind: "audio" as const, name: voice.name }] : []),
    ];
    const item = {
      kind,
      category: category.code,
      // When she only talked the server still needs text; the cán bộ reads it, so it is Vietnamese whatever her language.
      body: body.trim() || t("content.voiceOnlyBody", { lng: "vi" }),
      unitId: unit.id,
      anonymous,
      sensitive: sensitive || category.private,
      mediaIds,
      ...(publishOffered && publish ? { publishConsent: true } : {}),
    };
    // No connection (known, or the request never reached the server): keep it on the phone to send later.
    const later = async (triedNow: boolean) => {
      if (!mayKeepOffline(item, category)) {
        setErrors({ form: t("outbox.notKept") });
        return;
      }
      const key = formKey.current;
      const media = await keepMedia(key, local);
      if ("refused" in media) {
        setErrors({ form: media.refused === "too-big" ? t("outbox.mediaTooBig") : t("outbox.notKept") });
        return;
      }
      if (!keepForLater({ key, memberId: me.id, body: item, category, unit, localMedia: media.kept }, { triedNow })) {
        void dropMedia(key); // nobody waits: the item was not kept, its blobs must not be either
        setErrors({ form: t("outbox.notKept") });
        return;
      }
      clearDraft();
      setQueued({ key, locationDropped: shareLocation });
      window.scrollTo({ top: 0 });
    };
    if (!navigator.onLine && mayKeepOffline(item, category)) return later(false);
    try {
      // The connection is back: what waited on the form goes up first, each one marked done as it lands.
      for (const f of local) {
        const saved = await uploadMedia(f.blob, f.name);
        item.mediaIds.push(saved.id);
        local = local.filter((x) => x !== f);
        if (f.kind === "image") setPhotos((ps) => ps.map((p) => (p.key === f.photoKey ? { ...p, status: "done", mediaId: saved.id, blob: undefined } : p)));
        else setVoice({ status: "done", mediaId: saved.id });
      }
      const location = shareLocation ? await zaloLocation() : null;
      const created = await submit.mutateAsync({ key: formKey.current, body: { ...item, ...(location ? { location } : {}) } });
      clearDraft();
      setSent(created);
      window.scrollTo({ top: 0 });
    } catch (err) {
      if (isNetworkError(err)) return later(true);
      const key: keyof Errors = (err instanceof ApiError && err.field && FIELD_OF[err.field]) || "form";
      jumpToError.current = true;
      setErrors({ [key]: errorMessage(err) });
    }
  }

  /** The server refused the kept item: it comes back into the form (photos must be added again) with the message. */
  function fixQueued() {
    if (!queuedEntry) return;
    setKind(queuedEntry.body.kind);
    setCategory(queuedEntry.category);
    setBody(queuedEntry.body.body);
    setUnit(queuedEntry.unit);
    setErrors({ form: queuedEntry.error });
    removeEntry(queuedEntry.key);
    formKey.current = newIdempotencyKey();
    setQueued(null);
  }

  function again() {
    formKey.current = newIdempotencyKey();
    photos.forEach((p) => URL.revokeObjectURL(p.previewUrl));
    setKind(null);
    setCategory(null);
    setBody("");
    setPhotos([]);
    setVoice({ status: "none" });
    setAnonymous(false);
    setSensitive(false);
    setPublish(false);
    setErrors({});
    setSent(null);
    setQueued(null);
  }

  if (sent) return <Sent created={sent} kind={kind ?? "feedback"} onAgain={again} />;
  if (queuedEntry?.sent) return <Sent created={queuedEntry.sent} kind={queuedEntry.body.kind} onAgain={again} />;
  if (queued && queuedEntry) {
    return <Pending entry={queuedEntry} kind={queuedEntry.body.kind} locationDropped={queued.locationDropped} onFix={fixQueued} onAgain={again} />;
  }

  return (
    <div className="hs-form" data-testid="send-form">
      <HelpEntry />
      <KindPicker value={kind} onChange={chooseKind} error={errors.kind} />
      <CategoryPicker kind={kind} value={category} onChange={chooseCategory} error={errors.category} />
      <section className="hs-card" data-testid="content">
        <p className="hs-card-title">{t("content.title")}</p>
        <Input.TextArea
          label={t("content.label")}
          placeholder={t("content.placeholder")}
          value={body}
          onChange={(ev) => {
            setBody(ev.target.value);
            clear("body", "form");
          }}
          maxLength={MAX_BODY_LENGTH}
          showCount
          autoHeight
          status={errors.body ? "error" : undefined}
          errorText={errors.body}
          data-testid="body"
        />
        <VoiceNote voice={voice} setVoice={changeVoice} error={errors.voice} />
        <PhotoPicker photos={photos} setPhotos={changePhotos} inZalo={inZalo} error={errors.mediaIds} />
      </section>
      <SimilarItems text={body} unitId={unit?.id ?? null} />
      <UnitChoice
        unit={unit}
        onChange={chooseUnit}
        category={category?.code ?? null}
        sensitive={sensitive || (category?.private ?? false)}
        error={errors.unitId}
      />
      <PrivacyChoice
        anonymous={anonymous}
        setAnonymous={setAnonymous}
        sensitive={sensitive}
        setSensitive={setSensitive}
        forcedPrivate={category?.private ?? false}
        petition={kind === "petition"}
      />
      {publishOffered && <PublishConsent on={publish} onChange={setPublish} />}
      <label className="hs-check hs-card" data-testid="share-location">
        <input type="checkbox" checked={shareLocation} onChange={(e) => setShareLocation(e.target.checked)} />
        <span>{t("location.share")}</span>
      </label>
      <OfflineNote keepable={!anonymous && !sensitive && !category?.private} />
      <FieldError text={errors.form} />
      <Button fullWidth size="large" loading={sending} disabled={sending} onClick={() => void send()}>
        {t("send")}
      </Button>
    </div>
  );
}

/** The server names the field that was wrong; show the message next to it. */
const FIELD_OF: Record<string, keyof Errors> = {
  kind: "kind",
  category: "category",
  body: "body",
  unitId: "unitId",
  mediaIds: "mediaIds",
  sensitive: "form",
  location: "form",
};
