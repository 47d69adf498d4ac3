// The islands router: once it has run, following a link or sending a form
// fetches the next page and patches the current one in place instead of
// loading a new document, and islands that appear are hydrated.
//
// Adapted from Leptos 0.8's islands_routing.js (MIT). Changed here:
// - a form sends the clicked button's value, and a form with files is sent
//   as multipart (Leptos' version posts URL-encoded text only);
// - the page is patched by walking both trees together, children matched by
//   position (Leptos' version walks branch markers, which lose their place
//   in lists whose length changed); attributes the new page no longer has
//   are removed;
// - only HTML answers are patched in; anything else (JSON, a photo) is
//   opened as a document, and a failed fetch falls back to a normal load;
// - a new page scrolls to the top and moves focus to <main>; back and
//   forward return to the scroll position the page was left at; after a
//   form that succeeded (no error shown) the page's forms are cleared;
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
  const req = submitToReq(ev);
  if (!req) return;
  ev.preventDefault();
  const form = ev.target;
  form.setAttribute('aria-busy', 'true');
  try {
    await navigateToPage(req, { push: true, form });
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

async function patchIn(req, { push, form, quiet, scrollY }) {
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
      if (req.method === 'GET') window.location.assign(resp.url);
      else window.location.reload();
      return;
    }
    htmlString = await resp.text();
  } catch (e) {
    if (!quiet) fallback(req, form);
    return;
  }
  if (NAVIGATION !== currentNav) return;
  // A POST answered without a redirect stays at the page it was sent from.
  const url = new URL(resp.redirected ? resp.url : req.method === 'GET' ? req.url : window.location.href);
  const newPage = url.pathname !== before.pathname || url.search !== before.search;
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
  if (form && !document.querySelector('[aria-invalid="true"], .form-error')) {
    for (const f of document.forms) if (f.method === 'post') f.reset();
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

// A POST the router could not send is sent by the browser itself.
function fallback(req, form) {
  if (form) {
    form.submit();
  } else {
    window.location.assign(req.url);
  }
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
  // <html> and <body> keep what the client set on them (data-hydrated).
  diffAttributes(document.documentElement, doc.documentElement, { keep: true });
  morphChildren(document.head, doc.head);
  diffAttributes(document.body, doc.body, { keep: true });
  morphChildren(document.body, doc.body);
}

// Makes oldNode look like newNode, keeping the elements that stay where
// they were (and so what was typed in them, and the focus).
function morph(oldNode, newNode) {
  if (oldNode.nodeType !== newNode.nodeType || oldNode.nodeName !== newNode.nodeName) {
    oldNode.replaceWith(document.importNode(newNode, true));
  } else if (oldNode.nodeType === Node.TEXT_NODE || oldNode.nodeType === Node.COMMENT_NODE) {
    if (oldNode.nodeValue !== newNode.nodeValue) oldNode.nodeValue = newNode.nodeValue;
  } else if (oldNode.nodeType !== Node.ELEMENT_NODE) {
    // nothing else is rendered
  } else if (oldNode.tagName === 'LEPTOS-ISLAND') {
    // An island with the same props keeps its client state.
    const same =
      oldNode.dataset.component === newNode.dataset.component && oldNode.dataset.props === newNode.dataset.props;
    if (!same) oldNode.replaceWith(document.importNode(newNode, true));
  } else {
    diffAttributes(oldNode, newNode);
    morphChildren(oldNode, newNode);
  }
}

// Children are matched by position. Scripts are left alone: the page's own
// run once, and a fetched page's inline scripts must not run.
function morphChildren(oldParent, newParent) {
  const notScript = (n) => n.nodeName !== 'SCRIPT';
  const oldKids = [...oldParent.childNodes].filter(notScript);
  const newKids = [...newParent.childNodes].filter(notScript);
  newKids.forEach((n, i) => {
    if (i < oldKids.length) {
      morph(oldKids[i], n);
    } else {
      oldParent.appendChild(document.importNode(n, true));
    }
  });
  for (const extra of oldKids.slice(newKids.length)) extra.remove();
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
