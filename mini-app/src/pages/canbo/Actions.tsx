import { useState, type ReactElement } from "react";
import { Button, Input } from "zmp-ui";
import type { AssignmentDetail, Unit } from "@hoiso/shared";
import { api, ApiError, errorMessage } from "../../api.js";
import { ConfirmModal } from "../../components/ConfirmModal.js";
import { useNotify } from "../../components/notify.js";
import { UnitFinder } from "../../components/UnitFinder.js";
import { FieldError } from "../feedback/FieldError.js";

type Panel = "reply" | "forward" | "reroute" | "resolve" | null;
type Pending = { title: string; text: string; confirm: string; run: () => Promise<unknown>; done: string } | null;

function PickedUnit({ unit, onClear }: { unit: Unit; onClear: () => void }): ReactElement {
  return (
    <div className="hs-row hs-picked">
      <span className="hs-grow hs-choice-title">{unit.name}</span>
      <button type="button" className="hs-link" onClick={onClear}>
        Đổi
      </button>
    </div>
  );
}

/** Tiếp nhận, Trả lời, Chuyển, Chuyển đúng nơi, Giải quyết xong — each refreshes the timeline afterwards. */
export function Actions({ detail, onDone }: { detail: AssignmentDetail; onDone: () => void }): ReactElement {
  const notify = useNotify();
  const a = detail.assignment;
  const [panel, setPanel] = useState<Panel>(null);
  const [text, setText] = useState("");
  const [isPublic, setPublic] = useState(false);
  const [unit, setUnit] = useState<Unit | null>(null);
  const [agency, setAgency] = useState("");
  const [toAgency, setToAgency] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState<Pending>(null);

  function open(p: Panel) {
    setPanel((cur) => (cur === p ? null : p));
    setText("");
    setPublic(false);
    setUnit(null);
    setAgency("");
    setToAgency(false);
    setError(undefined);
  }

  async function act(run: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(undefined);
    try {
      await run();
      notify.ok(done);
      setPanel(null);
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (a.status === "closed") {
    return <p className="hs-card hs-muted">Việc này đã được chuyển cho đơn vị khác hoặc đã kết thúc; không cần thao tác thêm.</p>;
  }

  const note = text.trim();
  return (
    <section className="hs-card hs-actions" data-testid="actions">
      <p className="hs-card-title">Xử lý</p>
      {a.status === "new" && (
        <Button fullWidth size="large" loading={busy && panel === null} disabled={busy} onClick={() => void act(() => api.ack(a.id), "Đã tiếp nhận. Người gửi được báo là Hội đang xử lý.")}>
          Tiếp nhận
        </Button>
      )}
      <div className="hs-action-grid">
        <Button variant={panel === "reply" ? "primary" : "secondary"} onClick={() => open("reply")}>
          Trả lời
        </Button>
        {a.status !== "resolved" && (
          <>
            <Button variant={panel === "forward" ? "primary" : "secondary"} onClick={() => open("forward")}>
              Chuyển
            </Button>
            <Button className="hs-action-wide" variant={panel === "resolve" ? "primary" : "secondary"} onClick={() => open("resolve")}>
              Giải quyết xong
            </Button>
          </>
        )}
      </div>
      {a.status !== "resolved" && (
        <Button variant={panel === "reroute" ? "primary" : "tertiary"} fullWidth onClick={() => open("reroute")}>
          Không thuộc thẩm quyền — chuyển đúng nơi
        </Button>
      )}

      {panel === "reply" && (
        <div className="hs-panel" data-testid="reply-panel">
          <Input.TextArea label="Trả lời người gửi" placeholder="Viết rõ Hội đã làm gì, chị cần làm gì tiếp…" value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} autoHeight />
          <label className="hs-check">
            <input type="checkbox" checked={isPublic} onChange={(e) => setPublic(e.target.checked)} />
            <span>Công khai — chị em khác cũng xem được câu trả lời này (không kèm tên người gửi)</span>
          </label>
          <Button fullWidth loading={busy} disabled={busy || !note} onClick={() => void act(() => api.reply(a.id, { message: note, public: isPublic }), "Đã gửi trả lời.")}>
            Gửi trả lời
          </Button>
        </div>
      )}

      {panel === "forward" && (
        <div className="hs-panel" data-testid="forward-panel">
          <div className="hs-segments hs-segments-full hs-segments-fit" role="tablist" aria-label="Chuyển tới">
            <button type="button" role="tab" aria-selected={!toAgency} className="hs-segment" onClick={() => setToAgency(false)}>
              Đơn vị Hội khác
            </button>
            <button type="button" role="tab" aria-selected={toAgency} className="hs-segment" onClick={() => setToAgency(true)}>
              Cơ quan bên ngoài
            </button>
          </div>
          {toAgency ? (
            <Input label="Cơ quan" placeholder="Ví dụ: UBND xã Bản Mế, Công an xã, Trạm y tế…" value={agency} onChange={(e) => setAgency(e.target.value)} maxLength={200} />
          ) : unit ? (
            <PickedUnit unit={unit} onClear={() => setUnit(null)} />
          ) : (
            <UnitFinder label="Chuyển tới đơn vị" excludeId={a.unitId} onPick={setUnit} />
          )}
          <Input.TextArea label="Ghi chú cho nơi nhận (người gửi không thấy)" value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} autoHeight />
          <Button
            fullWidth
            disabled={busy || !note || (toAgency ? !agency.trim() : !unit)}
            onClick={() =>
              setPending({
                title: "Chuyển việc này?",
                text: toAgency
                  ? `Hội vẫn theo dõi việc này sau khi chuyển tới ${agency.trim()}.`
                  : `${unit?.name ?? ""} sẽ cùng xử lý việc này với đơn vị của chị.`,
                confirm: "Chuyển",
                run: () => api.forward(a.id, toAgency ? { agency: agency.trim(), note } : { unitId: unit!.id, note }),
                done: "Đã chuyển.",
              })
            }
          >
            Chuyển
          </Button>
        </div>
      )}

      {panel === "reroute" && (
        <div className="hs-panel" data-testid="reroute-panel">
          <p className="hs-muted">Việc sẽ rời hộp việc của đơn vị chị và chuyển sang đơn vị đúng thẩm quyền; người gửi được báo.</p>
          {unit ? <PickedUnit unit={unit} onClear={() => setUnit(null)} /> : <UnitFinder label="Đơn vị đúng thẩm quyền" excludeId={a.unitId} onPick={setUnit} />}
          <Input.TextArea label="Lý do (người gửi không thấy)" value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} autoHeight />
          <Button
            fullWidth
            disabled={busy || !note || !unit}
            onClick={() =>
              setPending({
                title: "Chuyển đúng nơi?",
                text: `Việc này sẽ được chuyển hẳn sang ${unit?.name ?? ""}; đơn vị chị không xử lý nữa.`,
                confirm: "Chuyển đúng nơi",
                run: () => api.reroute(a.id, { unitId: unit!.id, note }),
                done: `Đã chuyển sang ${unit?.name ?? "đơn vị mới"}.`,
              })
            }
          >
            Chuyển đúng nơi
          </Button>
        </div>
      )}

      {panel === "resolve" && (
        <div className="hs-panel" data-testid="resolve-panel">
          <Input.TextArea label="Kết quả giải quyết (người gửi sẽ đọc)" value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} autoHeight />
          <Button
            fullWidth
            disabled={busy || !note}
            onClick={() =>
              setPending({
                title: "Đánh dấu đã giải quyết?",
                text: "Người gửi sẽ nhận kết quả này; ít ngày sau Hội Số hỏi lại chị ấy vấn đề đã được giải quyết chưa.",
                confirm: "Giải quyết xong",
                run: () => api.resolve(a.id, { message: note }),
                done: "Đã ghi nhận giải quyết xong.",
              })
            }
          >
            Giải quyết xong
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
          if (p) void act(p.run, p.done);
        }}
      />
    </section>
  );
}
