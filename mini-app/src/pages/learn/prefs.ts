import { useState } from "react";

const LARGE_TEXT = "hoiso.learn.largeText";

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // A full or blocked storage only means it is not remembered.
  }
}

/** Chữ to, remembered on the phone for every article. */
export function useLargeText(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => read(LARGE_TEXT) === "1");
  return [
    on,
    (v: boolean) => {
      write(LARGE_TEXT, v ? "1" : "0");
      setOn(v);
    },
  ];
}

/** A guide's ticked steps, on the phone only; keyed by the step's title too, so an edited guide does not tick the wrong step. */
export function useTicks(guideId: string): [ReadonlySet<string>, (step: string, on: boolean) => void] {
  const key = `hoiso.guide.${guideId}`;
  const [ticks, setTicks] = useState<ReadonlySet<string>>(() => {
    try {
      const v: unknown = JSON.parse(read(key) ?? "[]");
      return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
    } catch {
      return new Set();
    }
  });
  return [
    ticks,
    (step, on) => {
      const next = new Set(ticks);
      if (on) next.add(step);
      else next.delete(step);
      write(key, JSON.stringify([...next]));
      setTicks(next);
    },
  ];
}
