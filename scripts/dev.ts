// `npm run dev`: wrangler dev (the Worker and local D1 on :8787) beside Vite (hot reload on :5173, /api proxied).
import { spawn } from "node:child_process";

const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };
const children = [
  spawn("wrangler", ["dev", "--port", "8787"], { stdio: "inherit", env }),
  spawn("vite", ["--host", "127.0.0.1"], { stdio: "inherit", env }),
];
console.log("\nQadam dev: open http://localhost:5173 (the API runs on http://localhost:8787)\n");

const stop = () => {
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children)
  child.on("exit", (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
