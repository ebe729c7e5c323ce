// The HTML the LMS shows in its frame: a refusal that says why, the landing after a launch, the activity picker,
// and the self-submitting form that hands a signed message back to the platform. hono/html escapes every value.
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { course } from "../course.ts";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1.5rem;color:#1b1f24;background:#fff;max-width:40rem}
h1{font-size:1.35rem;margin:0 0 .75rem}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
select,input{font:inherit;padding:.4rem;border:1px solid #8a94a0;border-radius:.3rem;width:100%;box-sizing:border-box}
.button{display:inline-block;margin-top:1rem;padding:.6rem 1.1rem;border:0;border-radius:.4rem;background:#0b5cad;color:#fff;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.why{padding:.75rem 1rem;border-left:4px solid #b3261e;background:#fdf0ef}.muted{color:#56606b;font-size:.9rem}`;

/** The policy of an LTI page: framed only by `frameAncestors`, with its own style and (when it has one) script nonce. */
export function ltiPageCsp(nonce: string, frameAncestors: string[], formAction: string[] = ["'self'"]): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "img-src 'self'",
    "base-uri 'none'",
    `form-action ${formAction.join(" ")}`,
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(" ") : "'none'"}`,
  ].join("; ");
}

function page(title: string, nonce: string, body: Html, script?: string): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · Qadam</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
${body}
${script ? html`<script nonce="${nonce}">${script}</script>` : ""}
</body>
</html>
`;
}

export const refusalPage = (reason: string, nonce: string) =>
  page(
    "Launch refused",
    nonce,
    html`<h1>Qadam could not open this activity</h1>
<p class="why">${reason}</p>
<p class="muted">If it keeps happening, show this message to whoever added Qadam to your LMS: it names the setting to check (docs/lti.md in Qadam's repository lists them all).</p>`,
  );

export const landingPage = (who: { name: string; place: string; handoffUrl: string; action: string }, nonce: string) =>
  page(
    "Qadam",
    nonce,
    html`<h1>${who.place}</h1>
<p>Signed in to Qadam as <strong>${who.name}</strong>.</p>
<a class="button" href="${who.handoffUrl}" target="_blank" rel="noopener">${who.action}</a>
<p class="muted">Qadam opens in a new window (works even when the browser blocks cookies in frames). The link works once; to open it again, launch the activity again from your course.</p>`,
  );

export const pickerPage = (form: { token: string; action: string; error: string | null }, nonce: string) =>
  page(
    "Add a Qadam activity",
    nonce,
    html`<h1>Add a Qadam activity</h1>
${form.error ? html`<p class="why">${form.error}</p>` : ""}
<form method="post" action="${form.action}">
<input type="hidden" name="token" value="${form.token}">
<label for="module">Module</label>
<select id="module" name="module" required>
${[...course.modules].sort((a, b) => a.order - b.order).map((m) => html`<option value="${m.slug}">${m.title.en}</option>`)}
</select>
<label for="mode">Mode</label>
<select id="mode" name="mode"><option value="assessment">Assessment (graded, sent to the LMS gradebook)</option><option value="practice">Practice (feedback after each answer, not graded)</option></select>
<label for="maxAttempts">Attempts allowed (empty: unlimited)</label>
<input id="maxAttempts" name="maxAttempts" type="number" min="1" max="100" value="1">
<label for="timeLimitMinutes">Time limit in minutes (empty: none)</label>
<input id="timeLimitMinutes" name="timeLimitMinutes" type="number" min="1" max="600">
<label for="gradingMethod">Grade sent to the LMS</label>
<select id="gradingMethod" name="gradingMethod"><option value="best">Best attempt</option><option value="last">Last attempt</option><option value="average">Average of attempts</option></select>
<label for="reviewPolicy">Correct answers shown</label>
<select id="reviewPolicy" name="reviewPolicy"><option value="after_submit">After each submit</option><option value="after_due">After the due date</option><option value="never">Never</option></select>
<button class="button" type="submit">Add to the course</button>
</form>`,
  );

/** Posts `fields` to `action` as soon as the page loads (a button does it without script). */
export const autoPostPage = (action: string, fields: Record<string, string>, nonce: string) =>
  page(
    "Returning to your course",
    nonce,
    html`<form id="back" method="post" action="${action}">
${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<p>Returning to your course…</p>
<noscript><button class="button" type="submit">Continue</button></noscript>
</form>`,
    'document.getElementById("back").submit();',
  );

export const messagePage = (title: string, text: string, nonce: string, script?: string) =>
  page(title, nonce, html`<h1>${title}</h1><p>${text}</p>`, script);
