// The islands router: once it has run, following a link or sending a form
// fetches the next page and patches the current one in place instead of
// loading a new document, and islands that appear are hydrated.
//
// Adapted from Leptos 0.8's islands_routing.js (MIT). Changed here:
// - a form sends the clicked button's value, and a form with files is sent
//   as multipart (Leptos' version posts URL-encoded text only);
// - the page is patched by walking both trees together (Leptos' version
//   walks branch markers, which lose their place in lists whose length
//   changed): children with an id (or a data-key) are matched by it, so an
//   item of a list that changed order keeps its element, with what was
//   typed in it and the focus; the others are matched by position;
//   attributes the new page no longer has are removed;
// - only HTML answers are patched in; anything else (JSON, a photo) is
//   opened as a document;
// - a POST is sent once: a form that is still being sent ignores another
//   submit, and when the connection fails the form says so and offers to
//   try again, sending again only when asked (a GET that fails becomes a
//   normal load);
// - a new page scrolls to the top and moves focus to <main>; back and
//   forward return to the scroll position the page was left at; after a
//   form that succeeded (no error shown) that form is cleared;
// - `window.grassroots.refresh()` patches the current page again (used by
//   the live-update island) and links to a place on the same page are left
//   to the browser.
let NAVIGATION = 0;
// Navigations the user started that have not finished yet.
let USER_NAVIGATIONS = 0;

window.addEventListener('click', async (ev) => {
  const req = clickToReq(ev);
  if (!req) return;
  ev.preventDefault();
  await navigateToPage(req, { push: true });
});

// Back and forward return to where the reader was on that page: each
// history entry remembers its scroll position.
window.history.scrollRestoration = 'manual';
window.addEventListener('popstate', async (ev) => {
  await navigateToPage(new Request(window.location.href), { push: false, scrollY: ev.state?.scrollY ?? 0 });
});

window.addEventListener('submit', async (ev) => {
  if (ev.defaultPrevented) return;
  const form = ev.target;
  // A double tap: the form is already on its way.
  if (form instanceof HTMLFormElement && form.getAttribute('aria-busy') === 'true') {
    ev.preventDefault();
    return;
  }
  const req = submitToReq(ev);
  if (!req) return;
  ev.preventDefault();
  clearConnectionAlerts(form);
  form.setAttribute('aria-busy', 'true');
  try {
    await navigateToPage(req, { push: true, form, submitter: ev.submitter });
  } finally {
    form.removeAttribute('aria-busy');
  }
});

// One refresh at a time: changes that arrive meanwhile make one more.
let REFRESHING = false;
let REFRESH_AGAIN = false;

window.grassroots = {
  /**
   * Fetches the current page again and patches it, keeping scroll and
   * input. Skipped while the user's own navigation is under way: that one
   * brings a fresh page anyway and must not be overtaken.
   */
  refresh: async () => {
    if (USER_NAVIGATIONS > 0) return;
    if (REFRESHING) {
      REFRESH_AGAIN = true;
      return;
    }
    REFRESHING = true;
    try {
      await navigateToPage(new Request(window.location.href), { push: false, quiet: true });
    } finally {
      REFRESHING = false;
    }
    if (REFRESH_AGAIN) {
      REFRESH_AGAIN = false;
      await window.grassroots.refresh();
    }
  },
};

async function navigateToPage(req, options) {
  if (options.quiet) return patchIn(req, options);
  USER_NAVIGATIONS += 1;
  try {
    await patchIn(req, options);
  } finally {
    USER_NAVIGATIONS -= 1;
  }
}

async function patchIn(req, { push, form, submitter, quiet, scrollY }) {
  NAVIGATION += 1;
  const currentNav = NAVIGATION;
  const before = new URL(window.location.href);
  const leavingY = window.scrollY;
  let resp;
  let htmlString;
  try {
    resp = await fetch(req);
    const type = resp.headers.get('content-type') || '';
    if (!type.startsWith('text/html')) {
      // Not a page: open it as a document (a GET), or show where the
      // page stands after a POST the server has already acted on.
      if (quiet) return;
      window.location.assign(req.method === 'GET' ? resp.url : window.location.href);
      return;
    }
    htmlString = await resp.text();
  } catch (e) {
    if (quiet) return;
    if (req.method === 'GET') {
      // Reading a page again changes nothing: let the browser load it.
      window.location.assign(req.url);
    } else if (form) {
      // The POST may or may not have reached the server: never send it
      // again on our own.
      showConnectionFailed(form, submitter);
    }
    return;
  }
  if (NAVIGATION !== currentNav) return;
  // A POST answered without a redirect stays at the page it was sent from.
  const url = new URL(resp.redirected ? resp.url : req.method === 'GET' ? req.url : window.location.href);
  const newPage = url.pathname !== before.pathname || url.search !== before.search;
  if (newPage && !quiet) clearConnectionAlerts(document);
  try {
    diffPages(htmlString);
    hydrateNewIslands();
  } catch (e) {
    console.error(e);
  }
  if (push) {
    window.history.replaceState({ scrollY: leavingY }, '', before);
    window.history.pushState({ scrollY: 0 }, '', url);
  } else {
    window.history.replaceState(window.history.state, '', url);
  }
  // Only the form that was sent is cleared: what was typed in the others stays.
  if (form && form.isConnected && req.method === 'POST' && !document.querySelector(PAGE_ERROR)) {
    form.reset();
  }
  if (scrollY !== undefined) {
    window.scrollTo(0, scrollY);
  } else if (newPage && !quiet) {
    window.scrollTo(0, 0);
  }
  if ((newPage || scrollY !== undefined) && !quiet) {
    document.getElementById('main')?.focus({ preventScroll: true });
  }
}

// An error the server rendered on the page (not the router's own notice).
const PAGE_ERROR = '[aria-invalid="true"], .form-error:not([data-router-alert])';

// Says, inside the form, that it could not be sent, with a button that
// sends it again. The texts come from <main> (rendered in the page's
// language), or a short bilingual default.
function showConnectionFailed(form, submitter) {
  if (!form.isConnected) return;
  clearConnectionAlerts(form);
  const main = document.getElementById('main');
  const alert = document.createElement('div');
  alert.className = 'form-error connection-failed';
  alert.setAttribute('role', 'alert');
  alert.setAttribute('data-router-alert', '');
  const text = document.createElement('span');
  text.textContent =
    main?.dataset.connectionFailed || 'Không kết nối được với máy chủ. / Could not reach the server.';
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.textContent = main?.dataset.tryAgain || 'Thử lại / Try again';
  retry.addEventListener('click', () => {
    alert.remove();
    const again = submitter && submitter.isConnected && submitter.form === form ? submitter : undefined;
    form.requestSubmit(again);
  });
  alert.append(text, ' ', retry);
  form.append(alert);
}

function clearConnectionAlerts(root) {
  for (const el of root.querySelectorAll('[data-router-alert]')) el.remove();
}

function hydrateNewIslands() {
  for (const island of document.querySelectorAll('leptos-island')) {
    if (!island.$$hydrated && window.__hydrateIsland) {
      window.__hydrateIsland(island, island.dataset.component);
      island.$$hydrated = true;
    }
  }
}

function clickToReq(ev) {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.altKey || ev.ctrlKey || ev.shiftKey) return;
  const a = ev.composedPath().find((el) => el instanceof Node && el.nodeName.toUpperCase() === 'A');
  if (!a) return;
  const svg = a.namespaceURI === 'http://www.w3.org/2000/svg';
  const href = svg ? a.href.baseVal : a.href;
  const target = svg ? a.target.baseVal : a.target;
  if (target || !href) return;
  const rel = (a.getAttribute('rel') || '').split(/\s+/);
  if (a.hasAttribute('download') || rel.includes('external')) return;
  const url = new URL(href, document.baseURI);
  if (url.origin !== window.location.origin) return;
  // A place on this page: the browser scrolls there.
  const here = new URL(window.location.href);
  if (url.hash && url.pathname === here.pathname && url.search === here.search) return;
  return new Request(url);
}

function submitToReq(ev) {
  const form = ev.target;
  if (!(form instanceof HTMLFormElement)) return;
  const submitter = ev.submitter;
  const method = (submitter?.getAttribute('formmethod') || form.method).toUpperCase();
  if (method !== 'GET' && method !== 'POST') return;
  const url = new URL(submitter?.getAttribute('formaction') || form.action, document.baseURI);
  if (url.origin !== window.location.origin) return;
  const data = new FormData(form, submitter || null);
  const init = { headers: { Accept: 'text/html' } };
  if (method === 'GET') {
    url.search = new URLSearchParams(data).toString();
  } else {
    init.method = 'POST';
    init.body = form.enctype === 'multipart/form-data' ? data : new URLSearchParams(data);
  }
  return new Request(url, init);
}

function diffPages(htmlString) {
  const doc = new DOMParser().parseFromString(htmlString, 'text/html');
  // Moving an element (to its new place in a list) takes the focus away
  // from it: give it back, with the caret where it was.
  const focused = document.activeElement;
  const caret = caretOf(focused);
  // <html> and <body> keep what the client set on them (data-hydrated).
  diffAttributes(document.documentElement, doc.documentElement, { keep: true });
  morphChildren(document.head, doc.head);
  diffAttributes(document.body, doc.body, { keep: true });
  morphChildren(document.body, doc.body);
  if (focused && focused !== document.body && focused.isConnected && document.activeElement !== focused) {
    focused.focus({ preventScroll: true });
    if (caret) {
      try {
        focused.setSelectionRange(caret.start, caret.end, caret.direction);
      } catch (e) {
        // the field's type has no caret
      }
    }
  }
}

function caretOf(el) {
  try {
    if (el && typeof el.selectionStart === 'number') {
      return { start: el.selectionStart, end: el.selectionEnd, direction: el.selectionDirection };
    }
  } catch (e) {
    // inputs without a caret (checkbox, number…) throw
  }
  return null;
}

// Makes oldNode look like newNode, keeping the elements that stay (and so
// what was typed in them, and the focus). Returns the node now in the page.
function morph(oldNode, newNode) {
  if (oldNode.nodeType !== newNode.nodeType || oldNode.nodeName !== newNode.nodeName) {
    const fresh = document.importNode(newNode, true);
    oldNode.replaceWith(fresh);
    return fresh;
  }
  if (oldNode.nodeType === Node.TEXT_NODE || oldNode.nodeType === Node.COMMENT_NODE) {
    if (oldNode.nodeValue !== newNode.nodeValue) oldNode.nodeValue = newNode.nodeValue;
  } else if (oldNode.nodeType !== Node.ELEMENT_NODE) {
    // nothing else is rendered
  } else if (oldNode.tagName === 'LEPTOS-ISLAND') {
    // An island with the same props keeps its client state.
    const same =
      oldNode.dataset.component === newNode.dataset.component && oldNode.dataset.props === newNode.dataset.props;
    if (!same) {
      const fresh = document.importNode(newNode, true);
      oldNode.replaceWith(fresh);
      return fresh;
    }
  } else {
    diffAttributes(oldNode, newNode);
    morphChildren(oldNode, newNode);
  }
  return oldNode;
}

// Scripts are left alone: the page's own run once, and a fetched page's
// inline scripts must not run. The router's own notices stay until their
// form is sent again or another page opens.
function skipped(node) {
  return node.nodeName === 'SCRIPT' || (node.nodeType === Node.ELEMENT_NODE && node.hasAttribute('data-router-alert'));
}

// What identifies an element among its siblings: its id or data-key, when
// no sibling shares it.
function keysOf(nodes) {
  const seen = new Map();
  for (const n of nodes) {
    const key = n.nodeType === Node.ELEMENT_NODE ? n.getAttribute('data-key') || n.id : '';
    if (key) seen.set(key, seen.has(key) ? null : n);
  }
  const keys = new Map();
  for (const [key, n] of seen) if (n) keys.set(n, key);
  return keys;
}

// Children with a key are matched by it, whatever their place; the others
// by their order among the unkeyed ones. Matched elements are morphed and
// moved where the new page has them; the rest are created or removed.
function morphChildren(oldParent, newParent) {
  const oldKids = [...oldParent.childNodes].filter((n) => !skipped(n));
  const newKids = [...newParent.childNodes].filter((n) => !skipped(n));
  const oldKeys = keysOf(oldKids);
  const newKeys = keysOf(newKids);
  const oldByKey = new Map();
  for (const [n, key] of oldKeys) oldByKey.set(key, n);
  const oldUnkeyed = oldKids.filter((n) => !oldKeys.has(n));
  let nextUnkeyed = 0;
  const matches = newKids.map((n) => {
    const key = newKeys.get(n);
    if (key !== undefined) {
      const old = oldByKey.get(key);
      if (old && old.nodeName === n.nodeName) {
        oldByKey.delete(key);
        return old;
      }
      return null;
    }
    return nextUnkeyed < oldUnkeyed.length ? oldUnkeyed[nextUnkeyed++] : null;
  });
  const kept = new Set(matches.filter(Boolean));
  for (const n of oldKids) if (!kept.has(n)) n.remove();
  let prev = null;
  newKids.forEach((n, i) => {
    const node = matches[i] ? morph(matches[i], n) : document.importNode(n, true);
    let next = prev ? prev.nextSibling : oldParent.firstChild;
    while (next && skipped(next)) next = next.nextSibling;
    if (node !== next) place(oldParent, node, next);
    prev = node;
  });
}

// Puts node before ref (at the end when ref is null); moveBefore keeps an
// element's state (focus, a playing video) where the browser has it.
function place(parent, node, ref) {
  if (node.parentNode === parent && typeof parent.moveBefore === 'function') {
    try {
      parent.moveBefore(node, ref);
      return;
    } catch (e) {
      // not movable that way: insert it instead
    }
  }
  parent.insertBefore(node, ref);
}

function diffAttributes(oldEl, newEl, { keep } = {}) {
  for (const attr of newEl.attributes) {
    if (oldEl.getAttribute(attr.name) !== attr.value) oldEl.setAttribute(attr.name, attr.value);
  }
  if (keep) return;
  for (const attr of [...oldEl.attributes]) {
    if (!newEl.hasAttribute(attr.name)) oldEl.removeAttribute(attr.name);
  }
}

for (const island of document.querySelectorAll('leptos-island')) {
  island.$$hydrated = true;
}
