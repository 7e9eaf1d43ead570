import { ContentErrorCode, isProfileTag, PROFILE_TAG_GROUP_LABEL, PROFILE_TAG_VOCABULARY, profileTagGroupOf, type ProfileTagGroup, type ProfileTags } from "@hoiso/shared";
import type { Db } from "../../db/pool.js";
import { badRequest } from "../../http/errors.js";
import { unknownTag } from "./audience.js";

/**
 * Her profile tags (shared/src/domain/profile-tags.ts): read and written by her alone. Nobody else's route reads
 * `members.profile_tags`; the content queries only compare them with an item's target tags.
 */
export async function profileTagsOf(db: Db, memberId: string): Promise<ProfileTags> {
  const row = await db.selectFrom("members").select("profile_tags").where("id", "=", memberId).executeTakeFirst();
  return { tags: [...(row?.profile_tags ?? [])].sort() };
}

/** Replaces her tags (an empty list clears them): each of the vocabulary, at most one of a one-tag group. */
export async function setProfileTags(db: Db, memberId: string, body: ProfileTags): Promise<ProfileTags> {
  const tags = [...new Set(body.tags)].sort();
  if (!tags.every(isProfileTag)) throw unknownTag("tags");
  for (const g of Object.keys(PROFILE_TAG_VOCABULARY) as ProfileTagGroup[]) {
    if (PROFILE_TAG_VOCABULARY[g].single && tags.filter((t) => profileTagGroupOf(t) === g).length > 1) {
      throw badRequest(`Mục "${PROFILE_TAG_GROUP_LABEL[g]}" chị chỉ chọn một.`, "tags", ContentErrorCode.PROFILE_TAG_ONE_PER_GROUP);
    }
  }
  await db.updateTable("members").set({ profile_tags: tags, updated_at: new Date() }).where("id", "=", memberId).execute();
  return { tags };
}
