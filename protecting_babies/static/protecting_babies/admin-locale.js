/*
 * Dates and times in the admin read the UK way (25 Dec 2026, 14:30), whatever language the
 * editor's browser is set to. Wagtail's comments show their times with the browser's own
 * language (`new Intl.DateTimeFormat([], …)`: "Dec 25, 2026, 2:30 PM" in a US browser); a
 * formatter asked for no particular language here gets the admin's, British English.
 * Loaded before the page's own scripts (protecting_babies/wagtail_hooks.py).
 */
(() => {
  "use strict";

  const ADMIN_LANGUAGE = document.documentElement.lang || "en-GB";
  const BrowserDateTimeFormat = Intl.DateTimeFormat;
  const unspecified = (locales) =>
    locales === undefined || (Array.isArray(locales) && locales.length === 0);

  function DateTimeFormat(locales, options) {
    return new BrowserDateTimeFormat(unspecified(locales) ? ADMIN_LANGUAGE : locales, options);
  }
  DateTimeFormat.prototype = BrowserDateTimeFormat.prototype;
  DateTimeFormat.supportedLocalesOf = BrowserDateTimeFormat.supportedLocalesOf;
  Intl.DateTimeFormat = DateTimeFormat;
})();
