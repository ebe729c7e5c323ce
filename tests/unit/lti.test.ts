// The LTI pieces that are plain functions: role mapping, the claim rules after the signature, backoff, URLs, key sets.
import { describe, expect, it } from "vitest";
import { LaunchRefused, qadamRole, readLaunch } from "../../worker/lti/claims.ts";
import { parsePrivateKeySet, publicKeySet } from "../../worker/lti/keys.ts";
import { gradePostBackoffMs, MAX_GRADE_POST_ATTEMPTS } from "../../worker/lti/messages.ts";
import { scoresUrl } from "../../worker/lti/services.ts";

const LIS = "http://purl.imsglobal.org/vocab/lis/v2/";
const LTI = "https://purl.imsglobal.org/spec/lti/claim/";

describe("qadamRole", () => {
  it.each([
    [[`${LIS}membership#Instructor`], "instructor"],
    [[`${LIS}membership/Instructor#TeachingAssistant`], "instructor"],
    [[`${LIS}institution/person#Administrator`], "instructor"],
    [["Instructor"], "instructor"],
    [[`${LIS}membership#Learner`], "student"],
    [[`${LIS}membership#Mentor`], "student"],
    [[`${LIS}institution/person#Instructor`], "student"],
    [[], "student"],
  ] as const)("%j → %s", (roles, role) => {
    expect(qadamRole(roles)).toBe(role);
  });
});

describe("readLaunch", () => {
  const now = 1_800_000_000_000;
  const base = {
    iss: "https://lms",
    aud: "client",
    sub: "u1",
    iat: now / 1000,
    exp: now / 1000 + 60,
    nonce: "n",
    [`${LTI}message_type`]: "LtiResourceLinkRequest",
    [`${LTI}version`]: "1.3.0",
    [`${LTI}deployment_id`]: "d",
    [`${LTI}roles`]: [],
    [`${LTI}resource_link`]: { id: "r" },
    [`${LTI}context`]: { id: "c", label: "C-1" },
  };
  const read = (over: Record<string, unknown>) => readLaunch({ ...base, ...over }, { clientId: "client", nonce: "n", now });
  const refusal = (over: Record<string, unknown>) => {
    try {
      read(over);
    } catch (error) {
      if (error instanceof LaunchRefused) return error.reason;
      throw error;
    }
    return null;
  };

  it("reads the launch: the context's label when it has no title, a name from given and family names", () => {
    expect(read({ given_name: "Aru", family_name: "Sadyk" })).toMatchObject({
      messageType: "LtiResourceLinkRequest",
      name: "Aru Sadyk",
      role: "student",
      context: { id: "c", title: "C-1" },
      resourceLinkId: "r",
      assignmentId: null,
      lineItemUrl: null,
    });
  });

  it("refuses what the signature does not cover", () => {
    expect(refusal({ nonce: "other" })).toContain("nonce");
    expect(refusal({ aud: ["client", "x"] })).toContain("azp");
    expect(refusal({ aud: ["client", "x"], azp: "client" })).toBeNull();
    expect(refusal({ azp: "x" })).toContain("azp");
    expect(refusal({ iat: now / 1000 + 3600 })).toContain("iat");
    expect(refusal({ [`${LTI}message_type`]: "LtiStartProctoring" })).toContain("LtiStartProctoring");
    expect(refusal({ [`${LTI}version`]: "1.3.1" })).toContain("1.3.0");
    expect(refusal({ [`${LTI}deployment_id`]: "" })).toContain("deployment_id");
    expect(refusal({ [`${LTI}roles`]: undefined })).toContain("roles");
    expect(refusal({ [`${LTI}resource_link`]: {} })).toContain("resource_link.id");
    expect(refusal({ [`${LTI}message_type`]: "LtiDeepLinkingRequest" })).toContain("deep_link_return_url");
    expect(
      refusal({
        [`${LTI}message_type`]: "LtiDeepLinkingRequest",
        "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": { deep_link_return_url: "javascript:alert(1)" },
      }),
    ).toContain("deep_link_return_url");
  });

  it("keeps only http(s) service URLs", () => {
    const launch = read({
      "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": { lineitem: "ftp://x/1" },
      "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": { context_memberships_url: "https://lms/m" },
    });
    expect(launch.lineItemUrl).toBeNull();
    expect(launch.membershipsUrl).toBe("https://lms/m");
  });
});

describe("grade posts", () => {
  it("back off 1, 2, 4 … minutes, at most 6 hours", () => {
    expect([1, 2, 3, 4].map(gradePostBackoffMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(gradePostBackoffMs(20)).toBe(6 * 60 * 60_000);
    expect(MAX_GRADE_POST_ATTEMPTS).toBe(8);
  });

  it("post to the line item's /scores, keeping its query", () => {
    expect(scoresUrl("https://m.kz/mod/lti/services.php/2/lineitems/5/lineitem?type_id=3")).toBe(
      "https://m.kz/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=3",
    );
    expect(scoresUrl("https://canvas/api/lti/courses/1/line_items/9/")).toBe("https://canvas/api/lti/courses/1/line_items/9/scores");
  });
});

describe("key sets", () => {
  it("name what is wrong with the secret", () => {
    expect(parsePrivateKeySet(undefined)).toEqual({ problem: expect.stringContaining("npm run lti:keys") });
    expect(parsePrivateKeySet("{")).toEqual({ problem: "LTI_PRIVATE_JWKS is not JSON." });
    expect(parsePrivateKeySet('{"keys":[]}')).toEqual({ problem: "LTI_PRIVATE_JWKS has no keys." });
    expect(parsePrivateKeySet('{"keys":[{"kty":"RSA","kid":"a","n":"x","e":"AQAB"}]}')).toEqual({
      problem: expect.stringContaining("private RSA JWK"),
    });
  });

  it("publish every key without its private members", () => {
    const set = { keys: [{ kty: "RSA", kid: "a", n: "n", e: "AQAB", d: "d", p: "p", q: "q", dp: "dp", dq: "dq", qi: "qi" }] };
    expect(publicKeySet(set)).toEqual({ keys: [{ kty: "RSA", kid: "a", n: "n", e: "AQAB", alg: "RS256", use: "sig" }] });
  });
});
