import { useCallback, useEffect, useRef, useState } from "react";
import { MEDIA_LIMITS } from "@hoiso/shared/domain";
import { t } from "../../i18n/index.js";
import "./i18n/index.js";

/** Stop a little before the server's 2 MB, and after five minutes whatever the size: enough to tell a story. */
const STOP_AT_BYTES = MEDIA_LIMITS.audioMaxBytes - 150 * 1024;
const MAX_SECONDS = 300;
/** Speech stays clear at this rate, and 2 MB holds several minutes of it. */
const BITS_PER_SECOND = 32_000;
const TYPES = ["audio/webm;codecs=opus", "audio/mp4", "audio/ogg;codecs=opus", "audio/webm", "audio/aac"];

export type Recording =
  | { status: "idle" }
  | { status: "starting" }
  | { status: "recording"; seconds: number }
  | { status: "recorded"; blob: Blob; url: string; seconds: number; stoppedAtLimit: boolean }
  | { status: "error"; message: string };

export const canRecord = () =>
  typeof window !== "undefined" && typeof window.MediaRecorder === "function" && typeof navigator.mediaDevices?.getUserMedia === "function";

function pickType(): string | undefined {
  return TYPES.find((t) => MediaRecorder.isTypeSupported?.(t));
}

export function extensionFor(type: string): string {
  if (type.includes("mp4") || type.includes("aac")) return "m4a";
  if (type.includes("ogg")) return "ogg";
  return "webm";
}

/** MediaRecorder with a running timer and an automatic stop before the upload limit. */
export function useRecorder() {
  const [state, setState] = useState<Recording>({ status: "idle" });
  const rec = useRef<MediaRecorder | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const urlRef = useRef<string | null>(null);

  const cleanup = useCallback(() => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
  }, []);

  useEffect(
    () => () => {
      if (rec.current && rec.current.state !== "inactive") rec.current.stop();
      cleanup();
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [cleanup],
  );

  const stop = useCallback(() => {
    if (rec.current && rec.current.state !== "inactive") rec.current.stop();
  }, []);

  const start = useCallback(async () => {
    if (!canRecord()) {
      setState({ status: "error", message: t("feedback:voice.cannotRecord") });
      return;
    }
    if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    urlRef.current = null;
    setState({ status: "starting" });
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      cleanup();
      setState({
        status: "error",
        message: t("feedback:voice.noMicrophone"),
      });
      return;
    }
    const mimeType = pickType();
    const r = new MediaRecorder(stream.current, { ...(mimeType ? { mimeType } : {}), audioBitsPerSecond: BITS_PER_SECOND });
    rec.current = r;
    const chunks: Blob[] = [];
    let bytes = 0;
    let seconds = 0;
    let atLimit = false;
    r.ondataavailable = (e) => {
      if (e.data.size === 0) return;
      chunks.push(e.data);
      bytes += e.data.size;
      if (bytes >= STOP_AT_BYTES && r.state === "recording") {
        atLimit = true;
        r.stop();
      }
    };
    r.onstop = () => {
      cleanup();
      const blob = new Blob(chunks, { type: r.mimeType || mimeType || "audio/webm" });
      if (blob.size === 0) {
        setState({ status: "error", message: t("feedback:voice.empty") });
        return;
      }
      const url = URL.createObjectURL(blob);
      urlRef.current = url;
      setState({ status: "recorded", blob, url, seconds: Math.max(1, seconds), stoppedAtLimit: atLimit });
    };
    r.start(1000);
    setState({ status: "recording", seconds: 0 });
    timer.current = setInterval(() => {
      seconds += 1;
      setState((s) => (s.status === "recording" ? { status: "recording", seconds } : s));
      if (seconds >= MAX_SECONDS && r.state === "recording") {
        atLimit = true;
        r.stop();
      }
    }, 1000);
  }, [cleanup]);

  const reset = useCallback(() => {
    if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    urlRef.current = null;
    setState({ status: "idle" });
  }, []);

  return { state, start, stop, reset, maxSeconds: MAX_SECONDS };
}

export const clock = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
