// Builds the dashboard front end into ../wwwroot, which the .NET build embeds into SpineSense.Server.
// Pages are static HTML; each page's script is bundled with uPlot by esbuild (no CDN, works offline).
import { build } from "esbuild";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "wwwroot");
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "assets"), { recursive: true });

const entries = readdirSync(join(here, "src")).filter((f) => f.endsWith(".page.js"));
await build({
  entryPoints: entries.map((f) => join(here, "src", f)),
  outdir: join(out, "assets"),
  entryNames: "[name]",
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["chrome110", "firefox110", "safari16"],
  logLevel: "warning",
});

for (const f of readdirSync(join(here, "pages"))) cpSync(join(here, "pages", f), join(out, f));
cpSync(join(here, "src", "app.css"), join(out, "assets", "app.css"));
cpSync(join(here, "node_modules", "uplot", "dist", "uPlot.min.css"), join(out, "assets", "uPlot.min.css"));
console.log(`built ${entries.length} page scripts into ${out}`);
