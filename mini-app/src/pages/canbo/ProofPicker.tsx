import { useState, type ReactElement } from "react";
import { useMutation } from "@tanstack/react-query";
import { errorMessage } from "../../api/http.js";
import { mediaMutations } from "../../api/media.js";
import { useCanboT } from "./i18n/index.js";

export interface ProofFile {
  id: string;
  name: string;
}

/**
 * Photos and PDFs a cán bộ attaches to her reply or resolution (issue 13: answers with proof): each uploaded as she
 * picks it; the server decides from the bytes what it is and refuses anything else.
 */
export function ProofPicker({ files, onChange }: { files: ProofFile[]; onChange: (f: ProofFile[]) => void }): ReactElement {
  const t = useCanboT();
  const upload = useMutation(mediaMutations.upload());
  const [error, setError] = useState<string | null>(null);
  async function pick(list: FileList | null) {
    setError(null);
    const added: ProofFile[] = [];
    for (const file of Array.from(list ?? []).slice(0, 6 - files.length)) {
      try {
        const up = await upload.mutateAsync({ file, name: file.name });
        added.push({ id: up.id, name: file.name });
      } catch (err) {
        setError(errorMessage(err));
      }
    }
    onChange([...files, ...added]);
  }
  return (
    <div className="hs-proof-picker" data-testid="proof-picker">
      <label className="hs-link">
        {upload.isPending ? t("actions.proofUploading") : t("actions.proofAdd")}
        <input type="file" accept="image/*,application/pdf" multiple hidden disabled={upload.isPending || files.length >= 6} onChange={(e) => void pick(e.target.files)} />
      </label>
      {files.map((f) => (
        <div key={f.id} className="hs-chip">
          <span>{f.name}</span>
          <button type="button" className="hs-link" aria-label={t("actions.proofRemove")} onClick={() => onChange(files.filter((x) => x.id !== f.id))}>
            ×
          </button>
        </div>
      ))}
      {error && <p className="hs-field-error">{error}</p>}
    </div>
  );
}
