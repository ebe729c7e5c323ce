// The router's pure parts (web/src/routing.ts): which route a path picks, with what parameters; link states;
// query-cache keys; search edits.
import { describe, expect, it } from "vitest";
import { compile, keyOf, linkState, matchRoute, pickRoute, withSearch } from "../../web/src/routing.ts";

const paths = [
  "/",
  "/modules",
  "/modules/:slug",
  "/modules/:slug/quiz",
  "/classes/:id/assignments/new",
  "/classes/:id/assignments/:assignmentId",
  "/attempts/:id",
  "/attempts/:id/result",
  "*404",
];
const routes = paths.map((path) => compile({ path }));
const pick = (pathname: string) => {
  const found = pickRoute(routes, pathname);
  return found && { path: found.route.path, params: found.params };
};

describe("pickRoute", () => {
  it.each([
    ["/", "/", {}],
    ["/modules", "/modules", {}],
    ["/modules/", "/modules", {}],
    ["/modules/m1-basics", "/modules/:slug", { slug: "m1-basics" }],
    ["/modules/m1-basics/quiz", "/modules/:slug/quiz", { slug: "m1-basics" }],
    ["/attempts/a1/result", "/attempts/:id/result", { id: "a1" }],
  ])("%s → %s", (pathname, path, params) => {
    expect(pick(pathname)).toEqual({ path, params });
  });

  it("prefers a static segment to a parameter, whatever the order of declaration", () => {
    expect(pick("/classes/c1/assignments/new")).toEqual({ path: "/classes/:id/assignments/new", params: { id: "c1" } });
    expect(pick("/classes/c1/assignments/x9")?.path).toBe("/classes/:id/assignments/:assignmentId");
    const reversed = [...routes].reverse();
    expect(pickRoute(reversed, "/classes/c1/assignments/new")?.route.path).toBe("/classes/:id/assignments/new");
  });

  it("matches static segments case-insensitively and decodes parameters", () => {
    expect(pick("/MODULES/a%20b")).toEqual({ path: "/modules/:slug", params: { slug: "a b" } });
    // A malformed escape is kept as it came rather than throwing.
    expect(pick("/attempts/%E0%A4%A")?.params).toEqual({ id: "%E0%A4%A" });
  });

  it("sends anything else to the catch-all, with the rest of the path", () => {
    expect(pick("/nope/deeper")).toEqual({ path: "*404", params: { 404: "nope/deeper" } });
    expect(pick("/modules/m1/quiz/extra")?.path).toBe("*404");
  });

  it("a route without a catch-all matches only its own length", () => {
    const route = compile({ path: "/attempts/:id" });
    expect(matchRoute(route, "/attempts")).toBeNull();
    expect(matchRoute(route, "/attempts/a/b")).toBeNull();
  });
});

describe("linkState", () => {
  it("is active at or under the link, current only exactly at it", () => {
    expect(linkState("/modules", "/modules")).toEqual({ active: true, current: true });
    expect(linkState("/modules", "/modules/m1")).toEqual({ active: true, current: false });
    expect(linkState("/modules", "/modulesx")).toEqual({ active: false, current: false });
  });

  it("with end, is active only exactly at it; query and fragment do not count", () => {
    expect(linkState("/", "/modules", true)).toEqual({ active: false, current: false });
    expect(linkState("/", "/", true)).toEqual({ active: true, current: true });
    expect(linkState("/modules/m1#p-2", "/modules/m1/")).toEqual({ active: true, current: true });
  });
});

describe("keyOf", () => {
  it("keys by name and arguments, whatever the order of object keys", () => {
    expect(keyOf("lesson", ["m1", "ru"])).toBe('lesson["m1","ru"]');
    expect(keyOf("items", [{ b: 1, a: 2 }])).toBe(keyOf("items", [{ a: 2, b: 1 }]));
    expect(keyOf("items", [{ a: 1 }])).not.toBe(keyOf("items", [{ a: 2 }]));
  });

  it("starts with the query's name, so revalidating the name reaches every argument list", () => {
    expect(keyOf("review", ["a1"]).startsWith("review")).toBe(true);
  });
});

describe("withSearch", () => {
  it("sets, replaces and removes parameters and keeps the fragment", () => {
    expect(withSearch("/attempts/a1", "?q=2&view=overview", "#top", { q: "3", view: undefined })).toBe("/attempts/a1?q=3#top");
    expect(withSearch("/x", "", "", { view: "" })).toBe("/x");
    expect(withSearch("/x", "?a=1", "", { b: "two words" })).toBe("/x?a=1&b=two+words");
  });
});
