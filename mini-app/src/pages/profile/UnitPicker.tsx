import { useEffect, useState, type ReactElement } from "react";
import { Button, Input } from "zmp-ui";
import type { Unit } from "@hoiso/shared";
import { api, errorMessage } from "../../api.js";
import { useNotify } from "../../components/notify.js";
import { Icon } from "../../components/icons.js";
import { ErrorState, Loading } from "../../components/States.js";
import { setMe } from "../../state.js";

type Load<T> = { status: "idle" } | { status: "loading" } | { status: "done"; data: T } | { status: "error"; message: string };

/** Waits until she stops typing, so a slow network is not flooded with one request per letter. */
function useDebounced(value: string, ms: number): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function CommuneSearch({ onPick }: { onPick: (u: Unit) => void }): ReactElement {
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim(), 350);
  const [res, setRes] = useState<Load<Unit[]>>({ status: "idle" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (query.length < 2) {
      setRes({ status: "idle" });
      return;
    }
    let live = true;
    setRes({ status: "loading" });
    api
      .units({ q: query })
      .then((r) => live && setRes({ status: "done", data: r.items.filter((u) => u.active && u.level === "xa") }))
      .catch((err) => live && setRes({ status: "error", message: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, [query, attempt]);

  return (
    <div>
      <Input
        label="Xã/phường nơi chị sinh hoạt"
        placeholder="Ví dụ: Bản Mế, Sa Pa, Bac Ha…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        prefix={<span className="hs-input-icon"><Icon name="search" size={20} /></span>}
        clearable
      />
      <p className="hs-muted">Gõ không dấu cũng được; tên xã cũ trước khi sáp nhập cũng tìm được.</p>
      {res.status === "loading" && <Loading text="Đang tìm…" />}
      {res.status === "error" && <ErrorState message={res.message} onRetry={() => setAttempt((n) => n + 1)} />}
      {res.status === "done" && res.data.length === 0 && <p className="hs-muted">Chưa tìm thấy “{query}”. Chị thử gõ tên khác nhé.</p>}
      {res.status === "done" && res.data.length > 0 && (
        <ul className="hs-choices" aria-label="Kết quả tìm kiếm">
          {res.data.map((u) => (
            <li key={u.id}>
              <button type="button" className="hs-choice" onClick={() => onPick(u)}>
                <span className="hs-grow">
                  <span className="hs-choice-title">{u.name}</span>
                  {u.formerNames.length > 0 && <span className="hs-choice-hint">Trước đây: {u.formerNames.join(", ")}</span>}
                </span>
                <Icon name="chevron" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ChiHoiList({ commune, onBack, onChosen }: { commune: Unit; onBack: () => void; onChosen: () => void }): ReactElement {
  const notify = useNotify();
  const [res, setRes] = useState<Load<Unit[]>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setRes({ status: "loading" });
    api
      .units({ parentId: commune.id })
      .then((r) => live && setRes({ status: "done", data: r.items.filter((u) => u.active) }))
      .catch((err) => live && setRes({ status: "error", message: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, [commune.id, attempt]);

  async function choose(u: Unit) {
    setSaving(u.id);
    try {
      setMe(await api.chooseUnit({ unitId: u.id }));
      notify.ok(`Đã gửi đăng ký vào ${u.name}. Chị chờ cán bộ xác nhận nhé.`);
      onChosen();
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setSaving(null);
    }
  }

  return (
    <div>
      <button type="button" className="hs-link" onClick={onBack}>
        <Icon name="back" size={18} /> Chọn xã/phường khác
      </button>
      <p className="hs-card-title">{commune.name}</p>
      <p className="hs-muted">Chị sinh hoạt ở chi hội nào?</p>
      {res.status === "loading" && <Loading />}
      {res.status === "error" && <ErrorState message={res.message} onRetry={() => setAttempt((n) => n + 1)} />}
      {res.status === "done" && (
        <ul className="hs-choices" aria-label="Chi hội">
          {res.data.map((u) => (
            <li key={u.id}>
              <button type="button" className="hs-choice" disabled={saving !== null} onClick={() => void choose(u)}>
                <span className="hs-grow hs-choice-title">{u.name}</span>
                {saving === u.id ? <span className="hs-muted">Đang lưu…</span> : <Icon name="chevron" />}
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="hs-choice hs-choice-soft" disabled={saving !== null} onClick={() => void choose(commune)}>
              <span className="hs-grow">
                <span className="hs-choice-title">Chị chưa rõ chi hội</span>
                <span className="hs-choice-hint">Đăng ký vào {commune.name}, cán bộ xã sẽ xếp chi hội giúp chị</span>
              </span>
              <Icon name="chevron" />
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}

/** Find the xã/phường (also by old names, diacritics optional), then her chi hội; a cán bộ confirms later. */
export function UnitPicker({ onDone }: { onDone: () => void }): ReactElement {
  const [commune, setCommune] = useState<Unit | null>(null);
  return (
    <section className="hs-card" data-testid="unit-picker">
      {commune ? (
        <ChiHoiList commune={commune} onBack={() => setCommune(null)} onChosen={onDone} />
      ) : (
        <CommuneSearch onPick={setCommune} />
      )}
      <Button variant="tertiary" fullWidth onClick={onDone}>
        Để sau
      </Button>
    </section>
  );
}
