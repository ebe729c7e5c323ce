// Sessions and headers: expired, revoked and orphaned sessions refused; cookie attributes; security headers on
// every API answer (errors too); the static app's _headers file; stored markup kept as data.
/// <reference types="vite/client" />
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import staticHeaders from "../../web/public/_headers?raw";
import { openApiDocument } from "./contract.ts";
import { docOperations, urlOf } from "./hardening.ts";
import { api, call, PASSWORD, sessionCookie, signUp, type TestUser, uniqueEmail } from "./helpers.ts";

const doc = await openApiDocument();
const operations = docOperations(doc);

/** A class owned by `teacher` with `student` in it; its id and name. */
async function classWith(teacher: TestUser, student: TestUser, name: string) {
  const created = await api(teacher).classes.$post({ json: { name } });
  expect(created.status).toBe(201);
  const body = await created.json();
  if (!("class" in body)) throw new Error("class not created");
  await api(student).classes.join.$post({ json: { code: body.class.joinCode ?? "" } });
  return body.class;
}

/** The Set-Cookie header's attributes, lower-cased names → values ("" for flags). */
function cookieAttributes(header: string): { name: string; value: string; attributes: Map<string, string> } {
  const [pair = "", ...rest] = header.split(";").map((p) => p.trim());
  const [name = "", value = ""] = pair.split("=");
  const attributes = new Map(
    rest.map((p) => {
      const [k = "", ...v] = p.split("=");
      return [k.toLowerCase(), v.join("=")] as const;
    }),
  );
  return { name, value, attributes };
}

const login = (email: string, ip = "198.51.100.200") =>
  call("/api/auth/login", { method: "POST", body: { email, password: PASSWORD }, headers: { "cf-connecting-ip": ip } });

// Sessions, cookies and headers are what these tests are about: their requests stay raw, each header as sent.
describe("sessions", () => {
  it("signing in again issues a new token (no fixation) and each device signs out on its own", async () => {
    const user = await signUp("student");
    const phone = await login(user.email);
    const laptopCookie = sessionCookie(await login(user.email, "198.51.100.201"));
    const phoneCookie = sessionCookie(phone);
    expect(new Set([user.cookie, phoneCookie, laptopCookie]).size).toBe(3);
    // A cookie the client sends before signing in is never adopted as the new session.
    const planted = `qadam_session=${"P".repeat(43)}`;
    const fresh = await call("/api/auth/login", { method: "POST", cookie: planted, body: { email: user.email, password: PASSWORD } });
    expect(sessionCookie(fresh)).not.toBe(planted);

    const out = await call("/api/auth/logout", { method: "POST", cookie: phoneCookie });
    expect(out.status).toBe(204);
    expect((await call("/api/me", { cookie: phoneCookie })).status).toBe(401);
    expect((await call("/api/me", { cookie: laptopCookie })).status).toBe(200);
    expect((await call("/api/me", { cookie: user.cookie })).status).toBe(200);
    // The revoked session's row is gone, not merely flagged.
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE user_id = ?").bind(user.id).first<{ n: number }>();
    expect(rows?.n).toBe(3);
  });

  it("signing out clears the cookie with the same attributes it was set with", async () => {
    const user = await signUp("instructor");
    const out = await call("/api/auth/logout", { method: "POST", cookie: user.cookie });
    const { name, value, attributes } = cookieAttributes(out.headers.get("set-cookie") ?? "");
    expect(name).toBe("qadam_session");
    expect(value).toBe("");
    expect(attributes.get("max-age")).toBe("0");
    for (const flag of ["httponly", "secure", "path"]) expect(attributes.has(flag), flag).toBe(true);
    expect(attributes.get("samesite")).toBe("Lax");
  });

  it("an expired session is refused for writes too, and the write does not happen", async () => {
    const user = await signUp("instructor");
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = ?").bind(Date.now(), user.id).run();
    const res = await call("/api/classes", { method: "POST", cookie: user.cookie, body: { name: "After expiry" } });
    expect(res.status).toBe(401);
    const made = await env.DB.prepare("SELECT count(*) AS n FROM classes WHERE instructor_id = ?").bind(user.id).first<{ n: number }>();
    expect(made?.n).toBe(0);
  });

  it("a session works until its own expiry and not a moment after, even once this isolate has cached it", async () => {
    const user = await signUp("student");
    const expiresAt = Date.now() + 1500;
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = ?").bind(expiresAt, user.id).run();
    expect((await call("/api/me", { cookie: user.cookie })).status).toBe(200);
    expect((await call("/api/attempts", { cookie: user.cookie })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 50));
    expect((await call("/api/me", { cookie: user.cookie })).status).toBe(401);
    expect((await call("/api/attempts", { cookie: user.cookie })).status).toBe(401);
  });

  it("a session whose account is deleted is gone with it", async () => {
    const user = await signUp("student");
    await env.DB.prepare("DELETE FROM users WHERE id = ?").bind(user.id).run();
    expect((await call("/api/me", { cookie: user.cookie })).status).toBe(401);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE user_id = ?").bind(user.id).first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it("the token is only read from the cookie: not from a header, the query or the body", async () => {
    const user = await signUp("student");
    const token = user.cookie.split("=")[1] as string;
    expect((await call("/api/me", { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await call(`/api/me?qadam_session=${token}`)).status).toBe(401);
    expect((await call("/api/me", { headers: { "x-qadam-session": token } })).status).toBe(401);
  });

  it("a stolen session hash is useless as a cookie", async () => {
    const user = await signUp("student");
    const row = await env.DB.prepare("SELECT token_hash FROM sessions WHERE user_id = ?").bind(user.id).first<{ token_hash: string }>();
    expect((await call("/api/me", { cookie: `qadam_session=${row?.token_hash}` })).status).toBe(401);
  });
});

describe("session cookie attributes", () => {
  it.each(["signup", "login"])("%s sets HttpOnly, Secure, SameSite=Lax, Path=/ and a bounded lifetime", async (how) => {
    const email = uniqueEmail("cookie");
    const signup = await call("/api/auth/signup", {
      method: "POST",
      body: { email, password: PASSWORD, name: "Cookie", role: "student" },
      headers: { "cf-connecting-ip": "198.51.100.210" },
    });
    const res = how === "signup" ? signup : await login(email, "198.51.100.211");
    const { name, value, attributes } = cookieAttributes(res.headers.get("set-cookie") ?? "");
    expect(name).toBe("qadam_session");
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(attributes.has("httponly")).toBe(true);
    expect(attributes.has("secure")).toBe(true);
    expect(attributes.get("samesite")).toBe("Lax");
    expect(attributes.get("path")).toBe("/");
    expect(attributes.has("domain")).toBe(false);
    const maxAge = Number(attributes.get("max-age"));
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(30 * 24 * 3600);
  });
});

// ---------------------------------------------------------------------------------------------------------------

/** Parses a CSP header into directive → sources. */
function parseCsp(header: string): Map<string, string[]> {
  return new Map(
    header
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = "", ...sources]) => [name.toLowerCase(), sources]),
  );
}

/** Pages an LMS shows in its frame (routes/lti.ts): their CSP names who may frame them instead of 'none'. */
const FRAMED_BY_AN_LMS = ["/api/lti/login", "/api/lti/launch", "/api/lti/deep-link", "/api/lti/register"];

function headerFaults(res: Response, path = ""): string[] {
  const faults: string[] = [];
  const csp = res.headers.get("content-security-policy");
  if (!csp) faults.push("no Content-Security-Policy");
  else {
    const policy = parseCsp(csp);
    const scripts = policy.get("script-src") ?? policy.get("default-src") ?? [];
    if (scripts.some((s) => s === "'unsafe-inline'" || s === "'unsafe-eval'" || s === "*")) faults.push(`scripts allowed by "${csp}"`);
    const framing = policy.get("frame-ancestors");
    if (FRAMED_BY_AN_LMS.includes(path)) {
      if (!framing?.length || framing.includes("*")) faults.push(`LTI page framing not limited by frame-ancestors: "${csp}"`);
    } else if (!(framing?.length === 1 && framing[0] === "'none'") && res.headers.get("x-frame-options")?.toUpperCase() !== "DENY") {
      faults.push("framing allowed (no frame-ancestors 'none' or X-Frame-Options: DENY)");
    }
  }
  if (res.headers.get("x-content-type-options") !== "nosniff") faults.push("no X-Content-Type-Options: nosniff");
  if (!res.headers.get("referrer-policy")) faults.push("no Referrer-Policy");
  if (res.headers.get("access-control-allow-origin")) faults.push(`CORS open to ${res.headers.get("access-control-allow-origin")}`);
  return faults;
}

/** Rules as Cloudflare reads them: an unindented URL pattern, then indented `Name: value` lines. */
function parseHeadersFile(text: string) {
  const rules: { pattern: string; headers: Map<string, string> }[] = [];
  const faults: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.trimStart().startsWith("#")) return;
    if (line.length > 2000) faults.push(`line ${i + 1} is over 2,000 characters`);
    if (!/^\s/.test(line)) {
      if (!/^(\/|https:\/\/)\S*$/.test(line)) faults.push(`line ${i + 1}: "${line}" is not a URL pattern`);
      rules.push({ pattern: line, headers: new Map() });
      return;
    }
    const match = /^\s+([A-Za-z0-9-]+):\s*(.+)$/.exec(line);
    const rule = rules.at(-1);
    if (!match || !rule) faults.push(`line ${i + 1}: "${line.trim()}" is not a header of a rule`);
    else if (match[1] && match[2]) {
      const name = match[1].toLowerCase();
      if (rule.headers.has(name)) faults.push(`line ${i + 1}: ${name} set twice for ${rule.pattern}`);
      rule.headers.set(name, match[2].trim());
    }
  });
  if (rules.length > 100) faults.push("more than 100 rules");
  return { rules, faults };
}

describe("security headers on every API answer", () => {
  it("every documented GET, signed in or not, carries CSP, nosniff, Referrer-Policy and frame protection, and no CORS", async () => {
    const user = await signUp("instructor");
    let checked = 0;
    for (const op of operations.filter((o) => o.method === "GET")) {
      const url = urlOf(op, Object.fromEntries(op.pathParams.map((p) => [p.name, p.name === "slug" ? "risks" : "x"])));
      for (const cookie of [undefined, user.cookie]) {
        const res = await call(url, { cookie, headers: { origin: "https://evil.example" } });
        expect(headerFaults(res, new URL(url, "http://x").pathname), `GET ${url} → ${res.status}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("so do the error answers: 400, 401, 403, 404, 409, 413, 415 and 429", async () => {
    const user = await signUp("student");
    const answers: Record<string, Response> = {
      "400": await call("/api/modules?lang=xx"),
      "401": await call("/api/me"),
      "403": await call("/api/classes", { method: "POST", cookie: user.cookie, body: { name: "x" } }),
      csrf: await call("/api/auth/logout", { method: "POST", headers: { origin: "https://evil.example" } }),
      "404": await call("/api/no/such/route"),
      "413": await call("/api/auth/login", { method: "POST", body: "x".repeat(70 * 1024) }),
      "415": await call("/api/auth/login", { method: "POST", body: "{}", headers: { "content-type": "text/plain" } }),
    };
    const attempt = await (await api(user).attempts.$post({ json: { module: "risks" } })).json();
    if (!("id" in attempt)) throw new Error("no attempt");
    await api(user).attempts[":id"].submit.$post({ param: { id: attempt.id } });
    answers["409"] = await call(`/api/attempts/${attempt.id}/answers/x`, { method: "PUT", cookie: user.cookie, body: { answer: "a" } });
    let limited: Response | undefined;
    for (let i = 0; i < 12; i++) {
      limited = await call("/api/auth/signup", {
        method: "POST",
        body: { email: uniqueEmail("flood"), password: PASSWORD, name: "Flood", role: "student" },
        headers: { "cf-connecting-ip": "192.0.2.250" },
      });
    }
    answers["429"] = limited as Response;
    for (const [what, res] of Object.entries(answers)) {
      expect(res.status, what).toBe(what === "csrf" ? 403 : Number(what));
      expect(headerFaults(res), `${what} → ${res.status}`).toEqual([]);
    }
  });

  it("HSTS: the API and every static file (pages, assets, sw.js) ask for HTTPS for a year, subdomains included", async () => {
    const api = (await call("/api/health")).headers.get("strict-transport-security") ?? "";
    const all = parseHeadersFile(staticHeaders).rules.find((r) => r.pattern === "/*");
    const pages = all?.headers.get("strict-transport-security") ?? "";
    for (const value of [api, pages]) {
      expect(Number(/max-age=(\d+)/.exec(value)?.[1])).toBeGreaterThanOrEqual(31_536_000);
      expect(value).toMatch(/includeSubDomains/);
    }
    expect(pages).toBe(api);
    // `/*` covers every static path; no narrower rule may detach it (Cloudflare's `! Name` syntax).
    expect(staticHeaders).not.toMatch(/!\s*Strict-Transport-Security/i);
  });

  it("the API's own policy forbids everything a JSON answer never needs", async () => {
    const policy = parseCsp((await call("/api/health")).headers.get("content-security-policy") ?? "");
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("the static app's _headers file", () => {
  it("is well-formed", () => {
    const { rules, faults } = parseHeadersFile(staticHeaders);
    expect(faults).toEqual([]);
    expect(rules.map((r) => r.pattern)).toContain("/*");
  });

  it("gives every page a strict CSP (scripts from this origin only, no framing), nosniff, Referrer-Policy and DENY", () => {
    const all = parseHeadersFile(staticHeaders).rules.find((r) => r.pattern === "/*");
    const csp = parseCsp(all?.headers.get("content-security-policy") ?? "");
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")?.every((s) => s === "'self'" || s === "'none'")).toBe(true);
    for (const [directive, sources] of csp) {
      expect(sources, directive).not.toContain("*");
      expect(sources, directive).not.toContain("'unsafe-eval'");
      if (directive !== "style-src") expect(sources, directive).not.toContain("'unsafe-inline'");
    }
    expect(all?.headers.get("x-content-type-options")).toBe("nosniff");
    expect(all?.headers.get("referrer-policy")).toBeTruthy();
    expect(all?.headers.get("x-frame-options")).toBe("DENY");
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("stored markup stays data", () => {
  const markupName = "<img src=x onerror=alert(1)>";
  const markupClass = "<script>alert('class')</script>";

  it("names and class names come back byte for byte inside JSON, never as HTML", async () => {
    const teacher = await signUp("instructor", `T ${markupName}`);
    const student = await signUp("student", markupName);
    const k = await classWith(teacher, student, markupClass);
    expect(k.name).toBe(markupClass);

    const me = await api(student).me.$get();
    expect(me.headers.get("content-type")).toMatch(/^application\/json/);
    const current = await me.json();
    expect("user" in current && current.user.name).toBe(markupName);
    const roster = await api(teacher).classes[":id"].$get({ param: { id: k.id } });
    expect(roster.headers.get("content-type")).toMatch(/^application\/json/);
    const detail = await roster.json();
    if (!("members" in detail)) throw new Error("no class detail");
    expect(detail.class.name).toBe(markupClass);
    expect(detail.members?.map((m) => m.name)).toContain(markupName);
    const mine = await (await api(student).classes.$get()).json();
    if (!("classes" in mine)) throw new Error("no class list");
    expect(mine.classes[0]).toMatchObject({ name: markupClass, instructorName: `T ${markupName}` });
  });

  it("an error that repeats what was sent is problem+json, nosniff, under a CSP of default-src 'none'", async () => {
    const res = await call(`/api/modules/${encodeURIComponent("<script>alert(1)</script>")}`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(headerFaults(res)).toEqual([]);
    expect(parseCsp(res.headers.get("content-security-policy") ?? "").get("default-src")).toEqual(["'none'"]);
  });

  it("the gradebook CSV keeps a name with `;` in one quoted cell, with no formula once split on `;` (Russian Excel)", async () => {
    const teacher = await signUp("instructor");
    const evil = await signUp("student", "x;=1+1;");
    const k = await classWith(teacher, evil, "Semicolons");
    const res = await api(teacher).classes[":id"]["gradebook.csv"].$get({ param: { id: k.id }, query: {} });
    expect(res.status).toBe(200);
    const lines = (await res.text()).split("\r\n");
    const line = lines.find((l) => l.includes("x;")) ?? "";
    expect(line.startsWith(`"x;'=1+1;"`), line).toBe(true);
    // Whatever a spreadsheet splits on, no piece of any line starts a formula.
    for (const piece of lines.flatMap((l) => l.split(/[;,\t]/))) expect(piece.replace(/^[\s"]+/, ""), piece).not.toMatch(/^[=+@]/);
  });

  it("the gradebook CSV, if there is one, defuses formulas and keeps the file name safe", async () => {
    const csvOp = operations.find((o) => o.method === "GET" && o.path.endsWith(".csv"));
    if (!csvOp) return;
    const teacher = await signUp("instructor");
    const evil = await signUp("student", '=HYPERLINK("http://evil.example","x")');
    const k = await classWith(teacher, evil, 'Group "1"; filename=evil.exe');
    // Raw: the CSV route is the one the document lists, whatever its path.
    const res = await call(urlOf(csvOp, { id: k.id }), { cookie: teacher.cookie });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/(^|[\n,])"?=HYPERLINK/);
    expect(text).toContain("'=HYPERLINK");
    const disposition = res.headers.get("content-disposition") ?? "";
    expect(disposition).not.toContain('evil.exe"');
    expect(disposition.match(/filename=/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
