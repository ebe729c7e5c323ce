// Starts the built Worker under `wrangler dev` in bench mode on its own D1 and stops it again.
import { type ChildProcess, spawn } from "node:child_process";

export interface Server {
  origin: string;
  stop: () => Promise<void>;
  /** The last lines wrangler printed, to explain a failure. */
  output: () => string;
}

export async function startWorker(persistDir: string, port: number): Promise<Server> {
  const child: ChildProcess = spawn(
    "wrangler",
    ["dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistDir, "--var", "QADAM_BENCH:1", "--log-level", "warn"],
    { env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" }, stdio: ["ignore", "pipe", "pipe"], detached: false },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n"));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const origin = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${lines.join("\n")}`);
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) return { origin, stop, output: () => lines.join("\n") };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer /api/health within 60 s:\n${lines.join("\n")}`);
}
