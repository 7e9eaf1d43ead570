import type { Migration } from "../migrate.js";
import { m001 } from "./001_core.js";

/** Append new migrations here; never edit one that has shipped. */
export const migrations: Migration[] = [m001];
