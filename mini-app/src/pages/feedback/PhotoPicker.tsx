import { useRef, useState, type ReactElement } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button } from "zmp-ui";
import { MAX_PHOTOS, MEDIA_LIMITS } from "@hoiso/shared/domain";
import { ApiError, errorMessage } from "../../api/http.js";
import { mediaMutations } from "../../api/media.js";
import { useNotify } from "../../components/notify.js";
import { useCommonT } from "../../i18n/common/index.js";
import { FieldError } from "./FieldError.js";
import { useFeedbackT } from "./i18n/index.js";
import { pickWithZalo, shrinkPhoto } from "./pickPhotos.js";

export interface Photo {
  key: string;
  previewUrl: string;
  /** "local": no connection to upload it; kept (shrunk) to upload when she sends, or with the item if it waits offline. */
  status: "uploading" | "done" | "error" | "local";
  mediaId?: string;
  error?: string;
  /** The shrunk photo, while it is not uploaded. */
  blob?: Blob;
  name: string;
}

/** The request never reached the server (no connection, a timeout): not the photo's fault. */
export const isNetworkError = (err: unknown) => err instanceof ApiError && err.status === 0 && err.code !== "CANCELLED";

let seq = 0;

/**
 * Up to four photos, each uploaded as soon as she picks it (so a failure shows on that photo, not at the end),
 * with a thumbnail and a big "Bỏ ảnh" button.
 */
export function PhotoPicker({
  photos,
  setPhotos,
  inZalo,
  error,
}: {
  photos: Photo[];
  setPhotos: (fn: (p: Photo[]) => Photo[]) => void;
  inZalo: boolean;
  error?: string;
}): ReactElement {
  const notify = useNotify();
  const uploadMedia = useMutation(mediaMutations.upload()).mutateAsync;
  const t = useFeedbackT();
  const tc = useCommonT();
  const input = useRef<HTMLInputElement>(null);
  // While Zalo's picker is open; pickWithZalo always settles (a cancel included), so this never spins forever.
  const [picking, setPicking] = useState(false);
  const room = MAX_PHOTOS - photos.length;

  async function upload(files: File[]) {
    const take = files.slice(0, room);
    if (files.length > room) notify.warn(t("photos.tooMany", { max: MAX_PHOTOS, taken: take.length }));
    for (const f of take) {
      const key = `p${++seq}`;
      const name = f.name || "anh.jpg";
      const previewUrl = URL.createObjectURL(f);
      setPhotos((p) => [...p, { key, previewUrl, status: "uploading", name }]);
      const update = (patch: Partial<Photo>) => setPhotos((p) => p.map((x) => (x.key === key ? { ...x, ...patch } : x)));
      let blob: Blob | undefined;
      try {
        blob = await shrinkPhoto(f);
        if (blob.size > MEDIA_LIMITS.imageMaxBytes) throw new ApiError(413, "FILE_TOO_LARGE", t("photos.tooLarge", { mb: MEDIA_LIMITS.imageMaxBytes / 2 ** 20 }));
        // Known to be offline: not even tried, it waits with the form.
        if (navigator.onLine === false) {
          update({ status: "local", blob });
          continue;
        }
        const saved = await uploadMedia({ file: blob, name });
        update({ status: "done", mediaId: saved.id, blob: undefined });
      } catch (err) {
        update(blob && isNetworkError(err) ? { status: "local", blob } : { status: "error", error: errorMessage(err) });
      }
    }
  }

  async function choose() {
    if (inZalo) {
      setPicking(true);
      const files = await pickWithZalo(room).finally(() => setPicking(false));
      if (files) {
        await upload(files);
        return;
      }
    }
    input.current?.click();
  }

  function remove(key: string) {
    setPhotos((p) => {
      const gone = p.find((x) => x.key === key);
      if (gone) URL.revokeObjectURL(gone.previewUrl);
      return p.filter((x) => x.key !== key);
    });
  }

  return (
    <div className="hs-photos" data-testid="photos">
      <p className="hs-card-label">{t("photos.label", { max: MAX_PHOTOS })}</p>
      {photos.length > 0 && (
        <ul className="hs-thumbs">
          {photos.map((p, i) => (
            <li key={p.key} className={`hs-thumb-item hs-thumb-${p.status}`}>
              <img src={p.previewUrl} alt={tc("media.photo", { n: i + 1 })} />
              {p.status === "uploading" && <span className="hs-thumb-state">{t("photos.uploading")}</span>}
              {p.status === "local" && <span className="hs-thumb-state" data-testid="photo-local">{t("photos.waiting")}</span>}
              {p.status === "error" && <span className="hs-thumb-state hs-thumb-bad">{p.error}</span>}
              <button type="button" className="hs-thumb-remove" onClick={() => remove(p.key)} aria-label={t("photos.removeN", { n: i + 1 })}>
                {t("photos.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {room > 0 && (
        <Button variant="secondary" fullWidth loading={picking} disabled={picking} onClick={() => void choose()}>
          {photos.length === 0 ? t("photos.add") : t("photos.addMore")}
        </Button>
      )}
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        hidden
        data-testid="photo-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = "";
          void upload(files);
        }}
      />
      <p className="hs-muted hs-small">{t("photos.stripped")}</p>
      <FieldError text={error} />
    </div>
  );
}
