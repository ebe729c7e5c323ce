// GET /api/docs: the interactive API reference (Scalar), served whole by this Worker so it works offline and under a strict CSP.
import { SCALAR_SCRIPT_PATH } from "../docsAssets.ts";
import { createRoute, createRouter, z } from "../openapi.ts";

export const OPENAPI_DOCUMENT_PATH = "/api/openapi.json";

/**
 * Scalar reads this from the page (its HTML API) instead of an inline script, so the page needs no
 * 'unsafe-inline' for scripts. Everything that would reach scalar.com is switched off: the web fonts,
 * telemetry, the AI agent and MCP panels. Without a proxyUrl, "Test request" calls this origin directly
 * (and the page's connect-src would stop anything else).
 */
const scalarConfiguration = {
  url: OPENAPI_DOCUMENT_PATH,
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: "never",
  documentDownloadType: "json",
  defaultOpenAllTags: false,
  hideDarkModeToggle: false,
  // On a 390 px phone the hover-only "Copy link" button after a long operation title sticks out a few
  // pixels and would make the whole page scroll sideways; clip it inside the content column.
  customCss: ".references-rendered { overflow-x: clip; }",
};

/**
 * The page's own policy: scripts, data, fonts and images only from this origin. Styles need
 * 'unsafe-inline': Scalar's bundle injects several <style> elements (only one of them honours a nonce,
 * and a nonce would switch 'unsafe-inline' off for the rest) and Vue sets style attributes. Injected
 * CSS cannot run script, and scripts stay 'self' only.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const attribute = (value: string) => value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

export const docsPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Qadam API reference</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml">
</head>
<body>
<script id="api-reference" data-url="${OPENAPI_DOCUMENT_PATH}" data-configuration="${attribute(JSON.stringify(scalarConfiguration))}"></script>
<script src="${SCALAR_SCRIPT_PATH}"></script>
</body>
</html>
`;

export const docs = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/docs",
    operationId: "getApiReference",
    tags: ["System"],
    summary: "Interactive API reference",
    description: `This page: the OpenAPI document at ${OPENAPI_DOCUMENT_PATH} rendered by Scalar, with every asset served by this Worker.`,
    responses: {
      200: { description: "An HTML page", content: { "text/html": { schema: z.string() } } },
    },
  }),
  (c) => {
    c.header("Content-Security-Policy", DOCS_CSP);
    return c.html(docsPage);
  },
);

/** The document route itself (served by `doc31` in app.ts), declared so the document describes every /api route. */
export const openApiDocumentRoute = createRoute({
  method: "get",
  path: "/openapi.json",
  operationId: "getOpenApiDocument",
  security: [],
  tags: ["System"],
  summary: "This OpenAPI 3.1 document",
  responses: {
    200: {
      description: "The OpenAPI 3.1 document, generated from the same zod schemas that validate each route",
      content: {
        "application/json": {
          schema: z
            .looseObject({
              openapi: z.string().regex(/^3\.1\.\d+$/),
              info: z.looseObject({ title: z.string(), version: z.string() }),
              paths: z.record(z.string(), z.record(z.string(), z.unknown())),
            })
            .openapi("OpenAPIDocument"),
        },
      },
    },
  },
});
