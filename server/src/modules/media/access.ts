import type { AppDeps } from "../../deps.js";
import type { AuthContext } from "../../http/types.js";

/** Why a caller may read a media item; "public" answers may be cached by anyone, the others only by her device. */
export type MediaGrant = "owner" | "public" | "module";

/**
 * The uploader always; anyone at all when a module says the item is public (published content); another signed-in
 * caller when a module vouches for her (feedback: the cán bộ handling the submission). Modules are asked in
 * registration order and the first yes wins; null means no (the route answers as for an unknown id).
 */
export async function mediaGrant(deps: AppDeps, auth: AuthContext | null, media: { id: string; ownerId: string }): Promise<MediaGrant | null> {
  if (auth && media.ownerId === auth.memberId) return "owner";
  for (const m of deps.modules) {
    if (m.media?.isPublic && (await m.media.isPublic(deps, media.id))) return "public";
  }
  if (!auth) return null;
  for (const m of deps.modules) {
    if (m.media?.mayRead && (await m.media.mayRead(deps, auth, media.id))) return "module";
  }
  return null;
}
