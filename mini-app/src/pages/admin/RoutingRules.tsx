import { useState, type ReactElement } from "react";
import { Button, Input } from "zmp-ui";
import type { Category, Unit } from "@hoiso/shared";
import { api } from "../../api.js";
import { ErrorState, Loading } from "../../components/States.js";
import { UnitFinder } from "../../components/UnitFinder.js";
import { LEVEL_LABEL } from "./labels.js";
import { useAction } from "./useAction.js";
import { useLoad } from "./useLoad.js";

const LEVELS: Unit["level"][] = ["to", "chi_hoi", "xa", "tinh"];

/** Exceptions to a category's defaults: "vay vốn from Sa Pa goes to the xã in 24 h, then the province". */
export function RoutingRules({ categories }: { categories: Category[] }): ReactElement {
  const [rules, reload] = useLoad(() => api.routingRules(), []);
  const [adding, setAdding] = useState(false);
  const [category, setCategory] = useState("");
  const [origin, setOrigin] = useState<Unit | null>(null);
  const [target, setTarget] = useState<Unit["level"]>("xa");
  const [sla, setSla] = useState("");
  const nameOf = (code: string) => categories.find((c) => c.code === code)?.name ?? code;

  const { busy, run } = useAction();
  const act = (action: () => Promise<unknown>, done: string) => run(action, done, reload);

  return (
    <>
      <h2 className="hs-section-title">Quy tắc chuyển</h2>
      <p className="hs-muted hs-small">Không có quy tắc thì phản ánh đi theo cấp xử lý và thời hạn của lĩnh vực.</p>
      {rules.status === "loading" && <Loading />}
      {rules.status === "error" && <ErrorState message={rules.message} onRetry={reload} />}
      {rules.status === "done" && (
        <ul className="hs-choices">
          {rules.data.items.map((r) => (
            <li key={r.id} className="hs-card hs-row">
              <span className="hs-grow">
                <span className="hs-choice-title">{nameOf(r.category)}</span>
                <span className="hs-choice-hint">
                  {r.originUnitName ? `Gửi từ ${r.originUnitName}` : "Mọi nơi"} → {LEVEL_LABEL[r.targetLevel]}
                  {r.slaHours ? ` · ${r.slaHours} giờ` : ""}
                  {r.escalationLevels.length > 0 ? ` · quá hạn chuyển ${r.escalationLevels.map((l) => LEVEL_LABEL[l]).join(" → ")}` : ""}
                </span>
              </span>
              <Button size="small" variant="tertiary" disabled={busy} onClick={() => void act(() => api.deleteRule(r.id), "Đã xóa quy tắc.")}>
                Xóa
              </Button>
            </li>
          ))}
        </ul>
      )}
      {!adding ? (
        <Button variant="secondary" fullWidth onClick={() => setAdding(true)}>
          Thêm quy tắc
        </Button>
      ) : (
        <section className="hs-card hs-form">
          <label className="hs-select">
            <span className="hs-card-label">Lĩnh vực</span>
            <select value={category} onChange={(e) => setCategory(e.target.value)}>
              <option value="">Chọn lĩnh vực</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          {origin ? (
            <p>
              Gửi từ {origin.name}{" "}
              <button type="button" className="hs-link" onClick={() => setOrigin(null)}>
                Bỏ chọn
              </button>
            </p>
          ) : (
            <UnitFinder label="Chỉ áp dụng cho nơi gửi (để trống: mọi nơi)" onPick={setOrigin} />
          )}
          <label className="hs-select">
            <span className="hs-card-label">Chuyển tới cấp</span>
            <select value={target} onChange={(e) => setTarget(e.target.value as Unit["level"])}>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {LEVEL_LABEL[l]}
                </option>
              ))}
            </select>
          </label>
          <Input label="Thời hạn (giờ, để trống: theo lĩnh vực)" type="number" value={sla} onChange={(e) => setSla(e.target.value)} />
          <Button
            fullWidth
            disabled={busy || !category}
            onClick={() =>
              void act(
                () => api.createRule({ category, originUnitId: origin?.id ?? null, targetLevel: target, slaHours: sla ? Number(sla) : null }),
                "Đã thêm quy tắc.",
              ).then((ok) => ok && (setAdding(false), setOrigin(null), setSla("")))
            }
          >
            Lưu quy tắc
          </Button>
        </section>
      )}
    </>
  );
}
