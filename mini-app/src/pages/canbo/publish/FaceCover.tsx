import { useEffect, useRef, useState, type PointerEvent, type ReactElement } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Button } from "zmp-ui";
import { errorMessage } from "../../../api/http.js";
import { mediaMutations, mediaObjectUrl, mediaQueries } from "../../../api/media.js";
import { FieldError } from "../../feedback/FieldError.js";
import { usePublishT } from "./i18n/index.js";

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A box from two corners, in the photo's own pixels. */
const boxOf = (a: { x: number; y: number }, b: { x: number; y: number }): Box => ({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) });

/**
 * Hides faces on a proof photo before it goes public (issue 13): she drags a box over each face (or a number plate,
 * a house number); the boxes are filled solid in a copy drawn on the phone, the copy is uploaded as her own photo and
 * stands for the proof photo on the record. The original stays private to the item.
 */
export function FaceCover({ id, n, onDone, onCancel }: { id: string; n: number; onDone: (copyId: string) => void; onCancel: () => void }): ReactElement {
  const t = usePublishT();
  const bytes = useQuery(mediaQueries.bytes(id));
  const upload = useMutation(mediaMutations.upload());
  const canvas = useRef<HTMLCanvasElement>(null);
  const [image, setImage] = useState<HTMLImageElement | null>(null);
  const [boxes, setBoxes] = useState<Box[]>([]);
  const [start, setStart] = useState<{ x: number; y: number } | null>(null);
  const [drag, setDrag] = useState<Box | null>(null);
  const [error, setError] = useState<string | undefined>();
  const url = bytes.data ? mediaObjectUrl(bytes.data) : null;

  // Decodes the cached bytes once (nothing is fetched here: the bytes come from the query above).
  useEffect(() => {
    if (!url) return;
    const img = new Image();
    img.onload = () => setImage(img);
    img.src = url;
  }, [url]);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext("2d");
    if (!c || !ctx || !image) return;
    c.width = image.naturalWidth;
    c.height = image.naturalHeight;
    ctx.drawImage(image, 0, 0);
    ctx.fillStyle = "#111";
    for (const b of drag ? [...boxes, drag] : boxes) ctx.fillRect(b.x, b.y, b.w, b.h);
  }, [image, boxes, drag]);

  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * e.currentTarget.width, y: ((e.clientY - r.top) / r.height) * e.currentTarget.height };
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    setStart(at(e));
    setError(undefined);
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (start) setDrag(boxOf(start, at(e)));
  };
  const up = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!start) return;
    const b = boxOf(start, at(e));
    setStart(null);
    setDrag(null);
    // a tap is not a box
    if (b.w >= 4 && b.h >= 4) setBoxes((all) => [...all, b]);
  };

  async function save() {
    const c = canvas.current;
    if (!c || !image) return;
    if (boxes.length === 0) return setError(t("cover.empty"));
    const blob = await new Promise<Blob | null>((resolve) => c.toBlob(resolve, "image/jpeg", 0.9));
    if (!blob) return setError(t("cover.failed"));
    try {
      const saved = await upload.mutateAsync({ file: blob, name: `anh-${n}-da-che.jpg` });
      onDone(saved.id);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="hs-face-cover" data-testid="face-cover">
      <p className="hs-card-title">{t("cover.title")}</p>
      <p className="hs-muted hs-small">{t("cover.hint")}</p>
      {image ? (
        <canvas
          ref={canvas}
          className="hs-face-canvas"
          aria-label={t("cover.alt", { n })}
          data-testid="face-canvas"
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={() => {
            setStart(null);
            setDrag(null);
          }}
        />
      ) : (
        <p className="hs-muted">{bytes.error ? errorMessage(bytes.error) : t("cover.loading")}</p>
      )}
      <p className="hs-muted hs-small" data-testid="face-count">{t("cover.count", { count: boxes.length })}</p>
      <FieldError text={error} />
      <div className="hs-face-actions">
        <Button variant="tertiary" size="small" disabled={boxes.length === 0 || upload.isPending} onClick={() => setBoxes((all) => all.slice(0, -1))}>
          {t("cover.undo")}
        </Button>
        <Button variant="secondary" size="small" disabled={upload.isPending} onClick={onCancel}>
          {t("cover.cancel")}
        </Button>
        <Button size="small" loading={upload.isPending} disabled={!image || upload.isPending} onClick={() => void save()}>
          {t("cover.save")}
        </Button>
      </div>
    </div>
  );
}
