/*
 * The admin session ends after an hour without activity (SESSION_COOKIE_AGE). Nothing typed is
 * lost to it:
 *
 * - Before it ends, a banner says when, with "Stay signed in" (which asks the server, and so
 *   starts the hour again). Activity in any admin tab of this browser counts: each page served,
 *   Wagtail's own background requests, "Stay signed in" (shared through localStorage).
 * - When a form is saved after the session has ended, what was typed in that form (not files,
 *   not passwords) is kept in this tab's sessionStorage, and the editor is sent to sign in. Back
 *   on the same page after signing in, as the same person, it is posted back with
 *   `data-restore-field`: the form comes back with everything typed and a message, and nothing
 *   is saved until the editor checks it and saves (core/admin_forms.py). The kept
 *   copy is removed as soon as it is used, and is never used for someone else.
 *
 * Loaded on every admin page by accounts/wagtail_hooks.py, before the page's own scripts (its
 * beforeunload listener must come before Wagtail's "unsaved changes" one).
 */
(() => {
  "use strict";

  const script = document.currentScript;
  const AGE = Number(script.dataset.sessionSeconds) * 1000;
  const WARN_BEFORE = Math.min(5 * 60 * 1000, AGE / 4);
  // A save this close to the end asks the server first.
  const CHECK_BEFORE = Math.min(60 * 1000, AGE / 10);
  const SESSION_URL = script.dataset.sessionUrl;
  const SIGN_IN_URL = script.dataset.signInUrl;
  const RESTORE_FIELD = script.dataset.restoreField;
  const ACTIVITY = "pb-admin-activity"; // localStorage: when this browser last reached the admin
  const USER = "pb-admin-user"; // sessionStorage: who is signed in, in this tab
  const KEPT = "pb-kept-form:"; // sessionStorage: + the form's address
  const KEEP_FOR = 24 * 60 * 60 * 1000;

  let lastSeen = Date.now(); // this page was served just now
  let leaving = false;

  const store = (storage, key, value) => {
    try {
      if (value === null) {
        storage.removeItem(key);
      } else {
        storage.setItem(key, value);
      }
      return true;
    } catch {
      return false; // full, or switched off: nothing is kept
    }
  };
  const read = (storage, key) => {
    try {
      return storage.getItem(key);
    } catch {
      return null;
    }
  };

  function active(at = Date.now()) {
    lastSeen = Math.max(lastSeen, at);
    store(localStorage, ACTIVITY, String(lastSeen));
  }

  function msLeft() {
    const shared = Number(read(localStorage, ACTIVITY)) || 0;
    return Math.max(lastSeen, shared) + AGE - Date.now();
  }

  /* Ask the server: the signed-in user's id (and the hour starts again), or null. */
  async function whoIsSignedIn() {
    try {
      const response = await fetch(SESSION_URL, {
        credentials: "same-origin",
        redirect: "manual",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        return null;
      }
      const { user } = await response.json();
      active();
      store(sessionStorage, USER, String(user));
      return String(user);
    } catch {
      return undefined; // the network, not the session: say nothing new
    }
  }

  // --- The banner ------------------------------------------------------------------------

  let banner;
  function showBanner(state) {
    if (!banner) {
      banner = document.createElement("div");
      banner.className = "pb-session";
      banner.setAttribute("role", "alert");
      banner.innerHTML =
        '<p class="pb-session__text"></p><button type="button" class="button button-small"></button>';
      banner.querySelector("button").addEventListener("click", onBannerButton);
      document.body.append(banner);
    }
    if (banner.dataset.state === state) {
      return;
    }
    banner.dataset.state = state;
    banner.hidden = false;
    const text = banner.querySelector("p");
    const button = banner.querySelector("button");
    if (state === "ending") {
      const at = new Date(Date.now() + Math.max(msLeft(), 0));
      const time = at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
      text.textContent =
        `You will be signed out at ${time}, after an hour with no activity. ` +
        "Anything you have not saved is still on this page.";
      button.textContent = "Stay signed in";
    } else {
      text.textContent =
        "You have been signed out after an hour with no activity. What you typed is still " +
        "here: save, or press “Sign in again”, and it comes back after you sign in.";
      button.textContent = "Sign in again";
    }
  }

  function hideBanner() {
    if (banner) {
      banner.hidden = true;
      delete banner.dataset.state;
    }
  }

  async function onBannerButton() {
    if (banner.dataset.state === "ending") {
      const user = await whoIsSignedIn();
      if (user) {
        hideBanner();
      } else if (user === null) {
        showBanner("ended");
      }
      return;
    }
    const form = document.querySelector("form[data-edit-form]") || mainPostForm();
    signInAgain(form);
  }

  function mainPostForm() {
    return [...document.querySelectorAll("main form, #main form")].find(keepable) || null;
  }

  function check() {
    const left = msLeft();
    if (left <= 0) {
      showBanner("ended");
    } else if (left <= WARN_BEFORE) {
      showBanner("ending");
    } else {
      hideBanner();
    }
  }

  // --- Keeping a form across signing in --------------------------------------------------

  function formPath(form) {
    return new URL(form.action || location.href, location.href).pathname;
  }

  /* A form of the page itself that saves something: not a search, not signing out, not a
     chooser's form in a dialog (Wagtail posts those in the background). */
  function keepable(form) {
    return (
      form.method.toLowerCase() === "post" &&
      !formPath(form).endsWith("/logout/") &&
      !form.closest(".modal, [role=dialog]")
    );
  }

  /* Keep what was typed in the form (in this tab only), then go to sign in. */
  function signInAgain(form) {
    let kept = true;
    const user = read(sessionStorage, USER);
    if (form && user) {
      const secret = new Set(
        [...form.querySelectorAll("input[type=password]")].map((input) => input.name),
      );
      const entries = [...new FormData(form)].filter(
        ([name, value]) =>
          typeof value === "string" && name !== "csrfmiddlewaretoken" && !secret.has(name),
      );
      const copy = { user, at: Date.now(), action: formPath(form), entries };
      kept = store(sessionStorage, KEPT + location.pathname, JSON.stringify(copy));
    }
    if (!kept) {
      banner.querySelector("p").textContent =
        "You have been signed out, and what you typed is too much to keep in this browser. " +
        "Copy it somewhere safe, then sign in again.";
      return;
    }
    leaving = true;
    const next = location.pathname + location.search;
    location.assign(`${SIGN_IN_URL}?next=${encodeURIComponent(next)}`);
  }

  /* Back on the page after signing in: post the kept copy back, to be shown again unsaved. */
  async function restore() {
    const key = KEPT + location.pathname;
    const raw = read(sessionStorage, key);
    if (!raw) {
      return;
    }
    store(sessionStorage, key, null); // used once, whatever happens next
    let copy;
    try {
      copy = JSON.parse(raw);
    } catch {
      return;
    }
    if (Date.now() - copy.at > KEEP_FOR) {
      return;
    }
    const user = await whoIsSignedIn();
    if (!user || user !== copy.user) {
      return; // never someone else's words
    }
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    const form = document.createElement("form");
    form.method = "post";
    form.action = copy.action;
    form.enctype = "multipart/form-data";
    form.hidden = true;
    const add = (name, value) => {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.append(input);
    };
    copy.entries.forEach(([name, value]) => add(name, value));
    if (token) {
      add("csrfmiddlewaretoken", token.value);
    }
    add(RESTORE_FIELD, "1");
    document.body.append(form);
    leaving = true;
    form.submit();
  }

  // --- Wiring ----------------------------------------------------------------------------

  // Before Wagtail's own listener: going to sign in with a form kept is not leaving unsaved.
  window.addEventListener(
    "beforeunload",
    (event) => {
      if (leaving) {
        event.stopImmediatePropagation();
      }
    },
    true,
  );

  // A save: when the session may have ended, ask the server before letting it go.
  document.addEventListener(
    "submit",
    async (event) => {
      const form = event.target;
      if (!document.getElementById("wagtail-sidebar") || !keepable(form)) {
        return; // the sign-in pages, searches and the like
      }
      if (form.dataset.pbSessionChecked) {
        delete form.dataset.pbSessionChecked;
        return;
      }
      if (msLeft() > CHECK_BEFORE) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      const submitter = event.submitter;
      const user = await whoIsSignedIn();
      if (user === null) {
        showBanner("ended");
        signInAgain(form);
        return;
      }
      // Still signed in (another tab kept it alive), or the network failed: save as asked.
      form.dataset.pbSessionChecked = "1";
      if (submitter) {
        submitter.disabled = false;
      }
      form.requestSubmit(submitter || undefined);
    },
    true,
  );

  // Remember who is signed in here, the first time something is typed on a page.
  let asked = false;
  const firstEdit = (event) => {
    if (!asked && event.target.form && document.getElementById("wagtail-sidebar")) {
      asked = true;
      whoIsSignedIn();
    }
  };
  document.addEventListener("input", firstEdit, true);
  document.addEventListener("change", firstEdit, true);

  // Wagtail's background requests (the editing sessions' ping, autosave) are activity too.
  ["w-swap:json", "w-autosave:success"].forEach((name) =>
    document.addEventListener(name, () => active()),
  );

  document.addEventListener("DOMContentLoaded", () => {
    if (document.body.classList.contains("login")) {
      if (Object.keys(sessionStorage).some((key) => key.startsWith(KEPT))) {
        const note = document.createElement("p");
        note.className = "pb-session-note";
        note.setAttribute("role", "status");
        note.textContent =
          "What you typed before you were signed out is kept in this browser tab: sign in " +
          "and it comes back on the page you were editing.";
        document.querySelector("main")?.prepend(note);
      }
      return;
    }
    if (!document.getElementById("wagtail-sidebar")) {
      return; // not signed in here (the two-factor steps)
    }
    active();
    restore();
    check();
    setInterval(check, 5000);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") {
        check();
      }
    });
  });
})();
