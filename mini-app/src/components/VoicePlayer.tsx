import { useEffect, useRef, useState, type ReactElement, type RefObject } from "react";
import { useCommonT } from "../i18n/common/index.js";

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

/**
 * Chromium's MediaRecorder writes WebM without a duration, so a fresh voice note reports `Infinity` (the player shows
 * no length and its bar cannot be dragged) until the browser has read it to the end. Seeking far past the end makes
 * it do exactly that; once the real duration is known, go back to the start. Other formats report theirs at once.
 */
export function useRealDuration(src: string): { ref: RefObject<HTMLAudioElement>; seconds: number | null } {
  const ref = useRef<HTMLAudioElement>(null);
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setSeconds(null);
    let probing = false;
    const check = () => {
      if (Number.isFinite(el.duration) && el.duration > 0) {
        setSeconds(el.duration);
        if (probing) {
          probing = false;
          el.currentTime = 0;
        }
      } else if (el.duration === Infinity && !probing) {
        probing = true;
        el.currentTime = Number.MAX_SAFE_INTEGER;
      }
    };
    el.addEventListener("loadedmetadata", check);
    el.addEventListener("durationchange", check);
    el.addEventListener("timeupdate", check);
    if (el.readyState >= 1) check();
    return () => {
      el.removeEventListener("loadedmetadata", check);
      el.removeEventListener("durationchange", check);
      el.removeEventListener("timeupdate", check);
    };
  }, [src]);
  return { ref, seconds };
}

/** A voice note with its real length written beside it, in words she reads at a glance. */
export function VoicePlayer({ src, label, className = "hs-audio" }: { src: string; label: string; className?: string }): ReactElement {
  const { ref, seconds } = useRealDuration(src);
  const t = useCommonT();
  return (
    <div className="hs-voice-player">
      <audio ref={ref} className={className} controls preload="metadata" src={src} aria-label={label} />
      <p className="hs-muted hs-small" data-testid="voice-duration">
        {seconds === null ? t("media.readingLength") : t("media.length", { clock: clock(seconds) })}
      </p>
    </div>
  );
}
