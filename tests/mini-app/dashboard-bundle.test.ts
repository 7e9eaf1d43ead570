import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/process.js";

/** Tổng hợp draws its trend with chart.js: that library must stay out of everything a member downloads. */
describe("the chart library of Quản trị › Tổng hợp", () => {
  const www = path.join(ROOT, "mini-app/www");
  const assets = path.join(www, "assets");

  it("is a chunk of its own, imported by the lazy chart component, and not part of the first screen", () => {
    expect(fs.existsSync(path.join(www, "index.html")), "run `npm run build:app` first").toBe(true);
    const js = fs.readdirSync(assets).filter((f) => f.endsWith(".js"));
    // chart.js announces itself in its bundle (its version banner and the `Chart.register` registry)
    const withChart = js.filter((f) => fs.readFileSync(path.join(assets, f), "utf8").includes("kurkle"));
    expect(withChart.map((f) => f.replace(/\.[^.]+\.module\.js$/, ""))).toEqual(["vendor-chart"]);
    const html = fs.readFileSync(path.join(www, "index.html"), "utf8");
    expect(html).not.toContain("vendor-chart");
    // the lazily imported chart component is what imports it statically
    const chartJs = js.find((f) => f.startsWith("TrendChart."));
    expect(chartJs && fs.readFileSync(path.join(assets, chartJs), "utf8")).toMatch(/from\s*"\.\/vendor-chart\./);
  });
});
