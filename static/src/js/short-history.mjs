// A visit leaves one entry in the browser's Back list, however many pages it reads: moving
// from page to page on this website replaces the current entry rather than adding one. With
// "Exit this page" (which replaces the page with the neutral site), Back then leads to
// wherever the visitor was before this website, as "Staying safe online" says. Without this
// script links work as usual, and that page says what Back does then.

function isPlainClick(event) {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey
  );
}

function opensHere(element) {
  const target = element.getAttribute("target");
  return !target || target === "_self";
}

/** The address to go to in place of the current entry, or null to leave the event alone. */
export function replacementFor(url, here) {
  const next = new URL(url, here);
  const current = new URL(here);
  if (next.origin !== current.origin) return null;
  if (!["http:", "https:"].includes(next.protocol)) return null;
  return next.href;
}

export function initShortHistory(doc = document) {
  doc.addEventListener("click", (event) => {
    if (!isPlainClick(event)) return;
    const link = event.target.closest?.("a[href]");
    if (!link || !opensHere(link) || link.hasAttribute("download")) return;
    const next = replacementFor(link.href, window.location.href);
    if (!next) return;
    event.preventDefault();
    window.location.replace(next);
  });
  doc.addEventListener("submit", (event) => {
    const form = event.target;
    if (event.defaultPrevented || form.method.toLowerCase() !== "get" || !opensHere(form)) return;
    const next = replacementFor(form.action, window.location.href);
    if (!next) return;
    event.preventDefault();
    const url = new URL(next);
    url.search = new URLSearchParams(new FormData(form, event.submitter)).toString();
    window.location.replace(url.href);
  });
}
