// Fail when src/api/schema.d.ts is not what openapi-typescript makes of src/api/openapi.json
// (run `make api-types` after changing the API models).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "la4ai-types-"));
try {
  const fresh = join(dir, "schema.d.ts");
  execFileSync(join(root, "node_modules", ".bin", "openapi-typescript"), ["src/api/openapi.json", "-o", fresh], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const committed = readFileSync(join(root, "src", "api", "schema.d.ts"), "utf8");
  if (readFileSync(fresh, "utf8") !== committed) {
    console.error("src/api/schema.d.ts is stale: run `make api-types` and commit the result.");
    process.exit(1);
  }
  console.error("src/api/schema.d.ts matches src/api/openapi.json");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
