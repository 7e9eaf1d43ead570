/**
 * Profile tags: what a member may say about herself in Cá nhân so that content meant for her reaches her (issue 10:
 * "optional tags such as ethnic group or age group that a member may set in her profile"). A fixed vocabulary, kept as
 * data here so the server, the editor and the profile page agree. Codes are `<group>:<value>` and match `ContentTag`.
 *
 * Personal data: ethnicity especially. She chooses freely, may clear them at any time, and they are never shown to
 * anyone else — not to other members, not to cán bộ (who target content by tag but never see who holds one). Household
 * poverty ("hộ nghèo/cận nghèo") is deliberately left out: it is an official classification, stigmatising if it leaks,
 * and support programmes reach those households through the commune's own lists, not through self-declared tags.
 */
export const PROFILE_TAG_GROUPS = ["dan_toc", "tuoi", "hoan_canh"] as const;
export type ProfileTagGroup = (typeof PROFILE_TAG_GROUPS)[number];

/** The values of each group; `single` groups take at most one tag (one ethnic group, one age group). */
export const PROFILE_TAG_VOCABULARY = {
  dan_toc: {
    single: true,
    values: ["kinh", "tay", "mong", "dao", "giay", "nung", "phu_la", "ha_nhi", "xa_pho", "la_chi", "bo_y", "pa_di", "thai", "muong", "khac"],
  },
  tuoi: { single: true, values: ["duoi_30", "30_45", "46_60", "tren_60"] },
  hoan_canh: { single: false, values: ["con_nho"] },
} as const satisfies Record<ProfileTagGroup, { single: boolean; values: readonly string[] }>;

/** Names as the union writes them (proper names: shown as they are in every language of the app). */
export const PROFILE_TAG_GROUP_LABEL = {
  dan_toc: "Dân tộc",
  tuoi: "Độ tuổi",
  hoan_canh: "Hoàn cảnh",
} as const satisfies Record<ProfileTagGroup, string>;

export const PROFILE_TAG_LABEL: Readonly<Record<string, string>> = {
  "dan_toc:kinh": "Kinh",
  "dan_toc:tay": "Tày",
  "dan_toc:mong": "H'Mông",
  "dan_toc:dao": "Dao",
  "dan_toc:giay": "Giáy",
  "dan_toc:nung": "Nùng",
  "dan_toc:phu_la": "Phù Lá",
  "dan_toc:ha_nhi": "Hà Nhì",
  "dan_toc:xa_pho": "Xá Phó",
  "dan_toc:la_chi": "La Chí",
  "dan_toc:bo_y": "Bố Y",
  "dan_toc:pa_di": "Pa Dí",
  "dan_toc:thai": "Thái",
  "dan_toc:muong": "Mường",
  "dan_toc:khac": "Dân tộc khác",
  "tuoi:duoi_30": "Dưới 30 tuổi",
  "tuoi:30_45": "30–45 tuổi",
  "tuoi:46_60": "46–60 tuổi",
  "tuoi:tren_60": "Trên 60 tuổi",
  "hoan_canh:con_nho": "Có con nhỏ (dưới 6 tuổi)",
};

/** Every tag of the vocabulary, group by group, in the order the screens show them. */
export const PROFILE_TAGS: readonly string[] = PROFILE_TAG_GROUPS.flatMap((g) => PROFILE_TAG_VOCABULARY[g].values.map((v) => `${g}:${v}`));

export function isProfileTag(x: unknown): x is string {
  return typeof x === "string" && PROFILE_TAGS.includes(x);
}

export const profileTagGroupOf = (tag: string): string => tag.slice(0, Math.max(0, tag.indexOf(":")));

/**
 * Who an item with target tags is for. An item without tags is for everyone of its units. Otherwise, for each group
 * the item names she must hold one of the item's tags of that group: "H'Mông or Dao" (one group) admits either; "H'Mông"
 * and "dưới 30" (two groups) admits a H'Mông woman under 30 only. A member without tags sees only untagged items.
 * The SQL twin is `tagsAdmit` in server/src/modules/content/access.ts.
 */
export function tagsAdmit(itemTags: readonly string[], memberTags: readonly string[]): boolean {
  if (itemTags.length === 0) return true;
  const groups = new Map<string, boolean>();
  for (const t of itemTags) {
    const g = profileTagGroupOf(t);
    groups.set(g, (groups.get(g) ?? false) || memberTags.includes(t));
  }
  return [...groups.values()].every(Boolean);
}
