// The web app's API client (web/src/api.ts): the requests its proxy builds, and (checked by tsc through
// tests/tsconfig.web.json) the calls its type refuses because the proxy could not send them.
import { describe, expect, it } from "vitest";
import { api, requestOf } from "../../../web/src/api.ts";

describe("requestOf", () => {
  it("puts the method last and encodes path parameters", () => {
    const { method, url, init } = requestOf("/api", ["attempts", ":id", "answers", ":questionId", "$put"], {
      param: { id: "a b", questionId: "q/1" },
      json: { answer: "x", revision: 2 },
    });
    expect(method).toBe("PUT");
    expect(url).toBe("/api/attempts/a%20b/answers/q%2F1");
    expect(init.body).toBe('{"answer":"x","revision":2}');
    expect(new Headers(init.headers).get("content-type")).toBe("application/json");
  });

  it("writes query values, repeating a key for a list and leaving out undefined ones", () => {
    const { method, url, init } = requestOf("/api", ["modules", "$get"], { query: { lang: "ru", tag: ["a", "b"], none: undefined } });
    expect(method).toBe("GET");
    expect(url).toBe("/api/modules?lang=ru&tag=a&tag=b");
    expect(init.body).toBeUndefined();
  });

  it("refuses a call without one of its path parameters", () => {
    expect(() => requestOf("/api", ["attempts", ":id", "$get"], {})).toThrow(/:id/);
  });
});

/** Never run: tsc checks that the client type takes what the proxy sends and refuses the rest. */
const typeChecks = () => {
  void api.attempts[":id"].$get({ param: { id: "a1" } });
  void api.attempts.$post({ json: { module: "m1" } }, { init: { signal: AbortSignal.timeout(1000) } });
  void api.modules.$get({ query: { lang: "ru" } });
  // @ts-expect-error: a header argument would be dropped by the proxy
  void api.attempts[":id"].$get({ param: { id: "a1" }, header: { "x-any": "1" } });
  // @ts-expect-error: so would fetch options other than `init`
  void api.attempts[":id"].$get({ param: { id: "a1" } }, { headers: { "x-any": "1" } });
  // @ts-expect-error: the proxy builds no URLs for other code
  void api.attempts.$url();
  // @ts-expect-error: a path the Worker does not serve
  void api.nowhere.$get();
  // @ts-expect-error: a body of the wrong shape
  void api.attempts.$post({ json: { module: 1 } });
};
void typeChecks;
