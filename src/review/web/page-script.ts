/**
 * The page's one script, a progressive enhancement served from the page's own origin (the CSP allows no
 * inline script). Without it every form posts as plain HTML, which is all the local server needs. With it, a
 * form is sent by fetch with `x-amz-content-sha256` (the body's SHA-256): behind CloudFront, the origin
 * access control of a Lambda Function URL signs requests but Lambda takes no unsigned payload, so a plain
 * form POST would be refused there. The answer page replaces the body (the same HTML a plain post gets), and
 * after the link is used the address bar shows the page's clean URL. `aria-busy` marks the page while an
 * answer is on its way.
 */
export const REVIEW_JS = `'use strict';
const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
document.addEventListener('submit', async (event) => {
  const form = event.target;
  // getAttribute: the answer buttons are named "action", which shadows form.action.
  if (!(form instanceof HTMLFormElement) || (form.getAttribute('method') || '').toLowerCase() !== 'post' || form.dataset.native || !(window.crypto && crypto.subtle)) return;
  event.preventDefault();
  const submitter = event.submitter;
  const body = new URLSearchParams(new FormData(form, submitter)).toString();
  document.body.setAttribute('aria-busy', 'true');
  try {
    const hash = hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
    const res = await fetch(form.getAttribute('action') || location.href, { method: 'POST', body, credentials: 'same-origin', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-amz-content-sha256': hash } });
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    document.title = doc.title;
    document.body.replaceWith(document.adoptNode(doc.body));
    // A used link answers with a redirect to the page: the address bar shows it (and no longer the token).
    if (res.redirected) history.replaceState(null, '', res.url);
    const notice = document.querySelector('.notice');
    if (notice) notice.focus();
  } catch (e) {
    // Whatever went wrong on the way, the plain form still works where no signature is needed.
    document.body.removeAttribute('aria-busy');
    form.dataset.native = '1';
    form.requestSubmit(submitter);
  }
});
`;
