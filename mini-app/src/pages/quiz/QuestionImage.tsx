import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ReactElement } from "react";
import { mediaObjectUrl, mediaQueries } from "../../api/media.js";

/**
 * A question's picture, fetched only when it comes near the screen (a cheap phone on a slow line: ten questions' photos
 * are not downloaded up front). The bytes need her session, so `loading="lazy"` on the <img> alone could not do it: the
 * query waits for an IntersectionObserver. The box keeps its place while loading so the choices below do not jump.
 */
export function QuestionImage({ id, alt }: { id: string; alt: string }): ReactElement {
  const box = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(() => typeof IntersectionObserver === "undefined");
  useEffect(() => {
    const el = box.current;
    if (near || !el) return;
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setNear(true);
    }, { rootMargin: "200px 0px" });
    seen.observe(el);
    return () => seen.disconnect();
  }, [near]);
  const bytes = useQuery({ ...mediaQueries.bytes(id), enabled: near });
  return (
    <div ref={box} className="hs-quiz-image" data-testid="question-image-box">
      {bytes.data && <img src={mediaObjectUrl(bytes.data)} alt={alt} decoding="async" data-testid="question-image-shown" />}
    </div>
  );
}
