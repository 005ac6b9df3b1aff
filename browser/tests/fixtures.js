/* The real contract, as the site build writes it (python -m safeguarding_site.browser_contract), so the
 * tests never keep a copy of it. PYTHON names the interpreter; by default the project's .venv. */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const python = process.env.PYTHON || path.join(project, ".venv", "bin", "python");
const output = execFileSync(python, ["-m", "safeguarding_site.browser_contract"], { cwd: project, encoding: "utf8" });

export const { contract, longDates, nextReviews, book } = JSON.parse(output);
export const projectRoot = project;

/* A stand-in for window.localStorage. */
export function memoryStorage(initial = {}, { full = false } = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => (data.has(key) ? data.get(key) : null),
    setItem(key, value) {
      if (full) throw new Error("QuotaExceededError");
      data.set(key, String(value));
    },
    removeItem: (key) => data.delete(key),
  };
}
