import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, type ReactElement } from "react";
import { STUDIED_LISTEN_FRACTION } from "@hoiso/shared/domain";
import { errorMessage } from "../../api/http.js";
import { mediaObjectUrl, mediaQueries } from "../../api/media.js";
import { useRealDuration } from "../../components/VoicePlayer.js";
import { useLearnT } from "./i18n/index.js";

/** Report at most every fifth of the audio, and at the "listened to most of it" mark, so a slow line carries a handful of posts. */
const STEP = 0.2;

/**
 * The audio reading, with how far she listened reported as she goes (the furthest point, which the server keeps as a
 * maximum): a fraction at each fifth, at the studied mark, and 1 at the end.
 */
export function ReadingPlayer({
  mediaId,
  title,
  listened,
  onListened,
}: {
  mediaId: string;
  title: string;
  /** What the server already has. */
  listened: number;
  onListened: (fraction: number) => void;
}): ReactElement {
  const t = useLearnT();
  const bytes = useQuery(mediaQueries.bytes(mediaId));
  const src = bytes.data ? mediaObjectUrl(bytes.data) : "";
  const { ref } = useRealDuration(src);
  const reported = useRef(listened);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const report = (f: number) => {
      const sent = reported.current;
      if (f <= sent) return;
      if (f >= 1 || f - sent >= STEP || (f >= STUDIED_LISTEN_FRACTION && sent < STUDIED_LISTEN_FRACTION)) {
        reported.current = f;
        onListened(Math.min(1, f));
      }
    };
    const onTime = () => {
      // Only while playing: finding a recording's length seeks to its end (useRealDuration), which is not listening.
      if (!el.paused && Number.isFinite(el.duration) && el.duration > 0) report(el.currentTime / el.duration);
    };
    const onEnded = () => report(1);
    el.addEventListener("timeupdate", onTime);
    el.addEventListener("ended", onEnded);
    return () => {
      el.removeEventListener("timeupdate", onTime);
      el.removeEventListener("ended", onEnded);
    };
  }, [ref, src, onListened]);

  return (
    <section className="hs-card hs-learn-audio" data-testid="reading-player">
      <p className="hs-card-label">{t("reader.listen")}</p>
      {bytes.error && !bytes.data ? <p className="hs-muted">{errorMessage(bytes.error)}</p> : null}
      {!bytes.data && !bytes.error ? <p className="hs-muted">{t("reader.audioLoading")}</p> : null}
      {/* Kept mounted so its ref exists for the listeners; shown once the bytes are here. */}
      <audio ref={ref} className="hs-audio" controls preload="metadata" src={src || undefined} hidden={!src} aria-label={t("reader.audioLabel", { title })} />
    </section>
  );
}
