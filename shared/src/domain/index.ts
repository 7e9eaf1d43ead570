/**
 * `@hoiso/shared/domain`: the pure half of shared (enums, labels, limits, formatters, routing). Nothing here imports
 * TypeBox or a schema, so the Mini App takes what it needs at runtime from this entry; types may still come from
 * `@hoiso/shared` with `import type`. Every file of this folder is re-exported here.
 */
export * from "./content.js";
export * from "./dates.js";
export * from "./kinds.js";
export * from "./language.js";
export * from "./limits.js";
export * from "./phone.js";
export * from "./profile-tags.js";
export * from "./routing.js";
export * from "./text.js";
export * from "./tracking.js";
export * from "./units.js";
export * from "./safety.js";
export * from "./broadcasts.js";
export * from "./contest-ranking.js";
export * from "./contests.js";
export * from "./consultations.js";
export * from "./public-record.js";
export * from "./polls.js";
export * from "./chatbot.js";
export * from "./dashboard.js";
