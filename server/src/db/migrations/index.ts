import type { Migration } from "../migrate.js";
import { m001 } from "./001_core.js";
import { m010 } from "./010_feedback.js";

/** Append new migrations here; never edit one that has shipped. */
export const migrations: Migration[] = [m001, m010];
