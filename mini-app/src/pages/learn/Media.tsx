import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { mediaObjectUrl, mediaQueries } from "../../api/media.js";

/**
 * A cover through the query cache (content media needs her session: an article for one commune keeps its pictures
 * there). Nothing is shown until the bytes are here, and nothing when they cannot come (offline): the text matters more.
 */
export function Cover({ id, alt, className }: { id: string; alt: string; className: string }): ReactElement | null {
  const bytes = useQuery(mediaQueries.bytes(id));
  if (!bytes.data) return <div className={`${className} hs-learn-cover-empty`} aria-hidden="true" />;
  return <img className={className} src={mediaObjectUrl(bytes.data)} alt={alt} />;
}
