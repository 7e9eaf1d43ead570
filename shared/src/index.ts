export * from "./errors.js";
export * from "./domain/text.js";
export * from "./domain/units.js";
export * from "./schemas/common.js";
export * from "./schemas/units.js";
export * from "./schemas/auth.js";
export * from "./schemas/health.js";
export * from "./schemas/media.js";
