import type { AppDeps } from "../../deps.js";
import type { AuthContext } from "../../http/types.js";

/**
 * Lets another module vouch for a caller who is not the owner, e.g. feedback: the cán bộ whose unit handles a
 * submission may see its attachments. Return true only when the caller may see this media; never throw for "no".
 */
export type MediaAccessCheck = (deps: AppDeps, auth: AuthContext, mediaId: string) => Promise<boolean>;

const checks = new Set<MediaAccessCheck>();

/**
 * Adds a policy; registering the same function again is a no-op (apps are built many times in tests).
 * Returns a function that removes it.
 */
export function registerMediaAccess(check: MediaAccessCheck): () => void {
  checks.add(check);
  return () => {
    checks.delete(check);
  };
}

/** The owner always; anyone else only when some registered policy says yes. */
export async function mayView(deps: AppDeps, auth: AuthContext, media: { id: string; ownerId: string }): Promise<boolean> {
  if (media.ownerId === auth.memberId) return true;
  for (const check of checks) {
    if (await check(deps, auth, media.id)) return true;
  }
  return false;
}
