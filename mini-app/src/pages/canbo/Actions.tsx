import { useState, type ReactElement } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button, Input } from "zmp-ui";
import type { AssignmentDetail, Unit } from "@hoiso/shared";
import { errorMessage } from "../../api/http.js";
import { inboxMutations, type AssignmentAction } from "../../api/inbox.js";
import { ConfirmModal } from "../../components/ConfirmModal.js";
import { useNotify } from "../../components/notify.js";
import { UnitFinder } from "../../components/UnitFinder.js";
import { FieldError } from "../feedback/FieldError.js";
import { useCanboT } from "./i18n/index.js";
import { ProofPicker, type ProofFile } from "./ProofPicker.js";

type Panel = "reply" | "forward" | "reroute" | "resolve" | null | "legal";
type Pending = { title: string; text: string; confirm: string; action: AssignmentAction; done: string } | null;

function PickedUnit({ unit, onClear }: { unit: Unit; onClear: () => void }): ReactElement {
  const t = useCanboT();
  return (
    <div className="hs-row hs-picked">
      <span className="hs-grow hs-choice-title">{unit.name}</span>
      <button type="button" className="hs-link" onClick={onClear}>
        {t("actions.change")}
      </button>
    </div>
  );
}

/** Tiếp nhận, Trả lời, Chuyển, Chuyển đúng nơi, Giải quyết xong — each refreshes the item, its timeline and the inbox. */
export function Actions({ detail }: { detail: AssignmentDetail }): ReactElement {
  const notify = useNotify();
  const t = useCanboT();
  const a = detail.assignment;
  const [panel, setPanel] = useState<Panel>(null);
  const [text, setText] = useState("");
  const [isPublic, setPublic] = useState(false);
  const [unit, setUnit] = useState<Unit | null>(null);
  const [agency, setAgency] = useState("");
  const [toAgency, setToAgency] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState<Pending>(null);
  const [proof, setProof] = useState<ProofFile[]>([]);
  const mutation = useMutation(inboxMutations.act());
  const busy = mutation.isPending;

  function open(p: Panel) {
    setPanel((cur) => (cur === p ? null : p));
    setText("");
    setPublic(false);
    setUnit(null);
    setAgency("");
    setToAgency(false);
    setError(undefined);
    setProof([]);
  }

  async function act(action: AssignmentAction, done: string) {
    setError(undefined);
    try {
      await mutation.mutateAsync(action);
      notify.ok(done);
      setPanel(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  if (a.status === "closed") {
    return <p className="hs-card hs-muted">{t("actions.finished")}</p>;
  }

  const note = text.trim();
  return (
    <section className="hs-card hs-actions" data-testid="actions">
      <p className="hs-card-title">{t("actions.title")}</p>
      {a.status === "new" && (
        <Button fullWidth size="large" loading={busy && panel === null} disabled={busy} onClick={() => void act({ kind: "ack", id: a.id }, t("actions.acked"))}>
          {t("actions.ack")}
        </Button>
      )}
      <div className="hs-action-grid">
        <Button variant={panel === "reply" ? "primary" : "secondary"} onClick={() => open("reply")}>
          {t("actions.reply")}
        </Button>
        {a.status !== "resolved" && (
          <>
            <Button variant={panel === "forward" ? "primary" : "secondary"} onClick={() => open("forward")}>
              {t("actions.forward")}
            </Button>
            <Button className="hs-action-wide" variant={panel === "resolve" ? "primary" : "secondary"} onClick={() => open("resolve")}>
              {t("actions.resolve")}
            </Button>
          </>
        )}
      </div>
      {a.status !== "resolved" && (
        <Button variant={panel === "reroute" ? "primary" : "tertiary"} fullWidth onClick={() => open("reroute")}>
          {t("actions.reroute")}
        </Button>
      )}
      {a.status !== "resolved" && (
        <Button variant={panel === "legal" ? "primary" : "tertiary"} fullWidth onClick={() => open("legal")}>
          {t("actions.legal")}
        </Button>
      )}
      {panel === "legal" && (
        <div className="hs-panel" data-testid="legal-panel">
          <p className="hs-muted">{t("actions.legalText")}</p>
          <div className="hs-segments hs-segments-full" role="tablist" aria-label={t("actions.legal")}>
            <button type="button" role="tab" aria-selected={!toAgency} className="hs-segment" onClick={() => setToAgency(false)}>
              {t("actions.khieuNai")}
            </button>
            <button type="button" role="tab" aria-selected={toAgency} className="hs-segment" onClick={() => setToAgency(true)}>
              {t("actions.toCao")}
            </button>
          </div>
          <Input.TextArea label={t("actions.legalNote")} placeholder={t("actions.legalNotePlaceholder")} value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} autoHeight />
          <Button
            fullWidth
            disabled={busy}
            onClick={() =>
              setPending({
                title: t("actions.legalAsk"),
                text: t("actions.legalConfirmText"),
                confirm: t("actions.legal"),
                action: { kind: "legal", id: a.id, body: { route: toAgency ? "to_cao" : "khieu_nai", note } },
                done: t("actions.legalDone"),
              })
            }
          >
            {t("actions.legal")}
          </Button>
        </div>
      )}

      {panel === "reply" && (
        <div className="hs-panel" data-testid="reply-panel">
          <Input.TextArea label={t("actions.replyLabel")} placeholder={t("actions.replyPlaceholder")} value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} autoHeight />
          <label className="hs-check">
            <input type="checkbox" checked={isPublic} onChange={(e) => setPublic(e.target.checked)} />
            <span>{t("actions.public")}</span>
          </label>
          <ProofPicker files={proof} onChange={setProof} />
          <Button fullWidth loading={busy} disabled={busy || !note} onClick={() => void act({ kind: "reply", id: a.id, body: { message: note, public: isPublic, mediaIds: proof.map((p) => p.id) } }, t("actions.replied"))}>
            {t("actions.sendReply")}
          </Button>
        </div>
      )}

      {panel === "forward" && (
        <div className="hs-panel" data-testid="forward-panel">
          <div className="hs-segments hs-segments-full hs-segments-fit" role="tablist" aria-label={t("actions.forwardTo")}>
            <button type="button" role="tab" aria-selected={!toAgency} className="hs-segment" onClick={() => setToAgency(false)}>
              {t("actions.toUnit")}
            </button>
            <button type="button" role="tab" aria-selected={toAgency} className="hs-segment" onClick={() => setToAgency(true)}>
              {t("actions.toAgency")}
            </button>
          </div>
          {toAgency ? (
            <Input label={t("actions.agency")} placeholder={t("actions.agencyPlaceholder")} value={agency} onChange={(e) => setAgency(e.target.value)} maxLength={200} />
          ) : unit ? (
            <PickedUnit unit={unit} onClear={() => setUnit(null)} />
          ) : (
            <UnitFinder label={t("actions.forwardUnit")} excludeId={a.unitId} onPick={setUnit} />
          )}
          <Input.TextArea label={t("actions.forwardNote")} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} autoHeight />
          <Button
            fullWidth
            disabled={busy || !note || (toAgency ? !agency.trim() : !unit)}
            onClick={() =>
              setPending({
                title: t("actions.forwardAsk"),
                text: toAgency ? t("actions.forwardAgencyText", { agency: agency.trim() }) : t("actions.forwardUnitText", { unit: unit?.name ?? "" }),
                confirm: t("actions.forward"),
                action: { kind: "forward", id: a.id, body: toAgency ? { agency: agency.trim(), note } : { unitId: unit!.id, note } },
                done: t("actions.forwarded"),
              })
            }
          >
            {t("actions.forward")}
          </Button>
        </div>
      )}

      {panel === "reroute" && (
        <div className="hs-panel" data-testid="reroute-panel">
          <p className="hs-muted">{t("actions.rerouteText")}</p>
          {unit ? <PickedUnit unit={unit} onClear={() => setUnit(null)} /> : <UnitFinder label={t("actions.rerouteUnit")} excludeId={a.unitId} onPick={setUnit} />}
          <Input.TextArea label={t("actions.rerouteReason")} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} autoHeight />
          <Button
            fullWidth
            disabled={busy || !note || !unit}
            onClick={() =>
              setPending({
                title: t("actions.rerouteAsk"),
                text: t("actions.rerouteConfirmText", { unit: unit?.name ?? "" }),
                confirm: t("actions.rerouteConfirm"),
                action: { kind: "reroute", id: a.id, body: { unitId: unit!.id, note } },
                done: t("actions.rerouted", { unit: unit?.name ?? t("actions.newUnit") }),
              })
            }
          >
            {t("actions.rerouteConfirm")}
          </Button>
        </div>
      )}

      {panel === "resolve" && (
        <div className="hs-panel" data-testid="resolve-panel">
          <Input.TextArea label={t("actions.resultLabel")} value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} autoHeight />
          <ProofPicker files={proof} onChange={setProof} />
          <Button
            fullWidth
            disabled={busy || !note}
            onClick={() =>
              setPending({
                title: t("actions.resolveAsk"),
                text: t("actions.resolveText"),
                confirm: t("actions.resolve"),
                action: { kind: "resolve", id: a.id, body: { message: note, mediaIds: proof.map((p) => p.id) } },
                done: t("actions.resolved"),
              })
            }
          >
            {t("actions.resolve")}
          </Button>
        </div>
      )}

      <FieldError text={error} />
      <ConfirmModal
        open={pending !== null}
        title={pending?.title ?? ""}
        text={pending?.text ?? ""}
        confirm={pending?.confirm ?? ""}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          const p = pending;
          setPending(null);
          if (p) void act(p.action, p.done);
        }}
      />
    </section>
  );
}
