import { useState, type ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button, Input } from "zmp-ui";
import { normalizeTrackingCode } from "@hoiso/shared/domain";
import { api, errorMessage } from "../../api.js";

/** She wrote the code on paper, or sent from another phone: find her item by it. */
export function CodeLookup(): ReactElement {
  const navigate = useNavigate();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function find() {
    const canonical = normalizeTrackingCode(code);
    if (!canonical) {
      setError("Mã này chưa đúng. Mã có dạng PA-7KM3QX9 (chữ đầu là PA, BC hoặc KN). Chị kiểm tra lại nhé.");
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const item = await api.track(canonical);
      navigate(`/phan-anh/theo-doi/${item.id}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="hs-card" data-testid="code-lookup">
      <p className="hs-card-title">Tìm theo mã theo dõi</p>
      <Input
        label="Mã theo dõi"
        placeholder="Ví dụ: PA-7KM3QX9"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        status={error ? "error" : undefined}
        errorText={error}
        autoCapitalize="characters"
      />
      <Button variant="secondary" fullWidth loading={busy} disabled={busy || code.trim().length < 4} onClick={() => void find()}>
        Tìm
      </Button>
    </section>
  );
}
