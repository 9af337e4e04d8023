/*
 * What every admin page does against an editor's everyday mistakes. Loaded on every admin page
 * before the page's own scripts (core/wagtail_hooks.py, which gives its settings
 * as data attributes: the admin's CSP allows no inline script of ours).
 *
 * 1. Dates typed are never changed into another day (core/dates.py). Wagtail's
 *    date picker (xdsoft's jQuery datetimepicker) "validates" a field when it loses focus: what
 *    it cannot read as day/month/year it replaced with today's date (12/25/2026 became today),
 *    and what does not exist it rolled over (31/02/2026 became 3 March). It now leaves what was
 *    typed alone; the server reads it exactly or says what is wrong. Under each date field
 *    (not date-and-time) the date is said in words as it is typed ("Friday 25 December 2026"),
 *    so 12/05/2026 is seen to be 12 May before it is saved.
 * 2. Text longer than a field's limit is never cut short without a word. A field with a limit
 *    is rendered with the HTML `maxlength` attribute, and the browser silently dropped whatever
 *    was typed or pasted beyond it (a 300-character helpline message became its first 255).
 *    The attribute is taken off as the field is entered; a count under it says how many
 *    characters it has as it nears the limit, and how many too many past it; the server
 *    refuses an over-long text with the count, keeping everything typed.
 * 3. A file over its size limit is refused as soon as it is chosen, before any of it is sent (a
 *    60 MB file was sent in full, for minutes on a slow line, only to be refused). The limits
 *    are the server's (WAGTAILIMAGES_MAX_UPLOAD_SIZE, WAGTAILDOCS_MAX_UPLOAD_SIZE); the server
 *    still checks too. "Add images" and "Add documents" have Wagtail's own check.
 * 4. Leaving "Add images" while an upload is still going, or an uploaded image's form still
 *    says "Not saved yet", asks first: such an image is not kept.
 * 5. Dates and times read the UK way (25 Dec 2026, 14:30) whatever language the browser is
 *    set to: Wagtail's comments format their times with the browser's own language
 *    (`new Intl.DateTimeFormat([], …)`: "Dec 25, 2026, 2:30 PM" in a US browser); a formatter
 *    asked for no particular language gets the admin's, British English.
 * 6. A new document's title starts readable ("NSCP leaflet v2", not "NSCP_leaflet-v2"):
 *    visitors read it on the link.
 */
(() => {
  "use strict";

  const script = document.currentScript;

  /* The note under a field (`id` + suffix), made once and read out with the field. */
  function noteUnder(field, suffix, className, role) {
    const id = `${field.id || field.name}-${suffix}`;
    let note = document.getElementById(id);
    if (!note) {
      note = document.createElement("p");
      note.id = id;
      note.className = className;
      if (role) {
        note.setAttribute("role", role);
      } else {
        note.setAttribute("aria-live", "polite");
      }
      field.insertAdjacentElement("afterend", note);
      const described = (field.getAttribute("aria-describedby") || "").split(" ");
      field.setAttribute("aria-describedby", [...described, id].join(" ").trim());
    }
    return note;
  }

  // --- 1. Dates --------------------------------------------------------------------------

  const picker = window.jQuery && window.jQuery.fn.datetimepicker;
  if (picker) {
    picker.defaults.validateOnBlur = false;
  }

  const MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
  ];
  const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
  const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
  const HOW_TO_TYPE = "Type the date as day/month/year, for example 25/12/2026.";

  const daysIn = (year, month) => new Date(year, month, 0).getDate();

  /* The date in words, or what is wrong with it (the reading of dates.read_uk_date). */
  function sayDate(text) {
    const typed = text.trim();
    if (!typed) {
      return { ok: true, words: "" };
    }
    let match = typed.match(UK_DATE);
    let day, month, year;
    if (match) {
      [day, month, year] = match.slice(1).map(Number);
    } else if ((match = typed.match(ISO_DATE))) {
      [year, month, day] = match.slice(1).map(Number);
    } else {
      return { ok: false, words: `Not a date this form understands. ${HOW_TO_TYPE}` };
    }
    if (month < 1 || month > 12) {
      const usOrder = UK_DATE.test(typed) && day >= 1 && day <= 12 && month <= daysIn(year, day);
      const hint = usOrder
        ? `Dates here are day/month/year: for ${month} ${MONTHS[day - 1]} ${year}, type ${month}/${day}/${year}.`
        : HOW_TO_TYPE;
      return { ok: false, words: `Not a date: there is no month ${month}. ${hint}` };
    }
    if (day < 1 || day > daysIn(year, month)) {
      return {
        ok: false,
        words: `Not a date: ${MONTHS[month - 1]} ${year} has ${daysIn(year, month)} days.`,
      };
    }
    const date = new Date(year, month - 1, day);
    return { ok: true, words: `${DAYS[date.getDay()]} ${day} ${MONTHS[month - 1]} ${year}` };
  }

  function sayDateUnder(input) {
    const { ok, words } = sayDate(input.value);
    const note = noteUnder(input, "said", "pb-date-said");
    note.textContent = words;
    note.classList.toggle("pb-date-said--wrong", !ok);
  }

  /* Every date field is started by window.initDateChooser(id, options), which Wagtail's
     date-time-chooser.js defines after this script: it is wrapped as it is defined. */
  let startDateChooser;
  Object.defineProperty(window, "initDateChooser", {
    configurable: true,
    get: () => startDateChooser,
    set(start) {
      startDateChooser = (id, options) => {
        start(id, options);
        const input = document.getElementById(id);
        if (input) {
          input.dataset.ukDate = "";
          if (input.value) {
            sayDateUnder(input);
          }
        }
      };
    },
  });

  const isDateField = (field) => field instanceof HTMLInputElement && "ukDate" in field.dataset;
  let typing;
  document.addEventListener("input", (event) => {
    if (isDateField(event.target)) {
      clearTimeout(typing);
      typing = setTimeout(() => sayDateUnder(event.target), 400);
    }
  });
  document.addEventListener("change", (event) => {
    if (isDateField(event.target)) {
      clearTimeout(typing);
      sayDateUnder(event.target);
    }
  });

  // --- 2. Text over its limit ------------------------------------------------------------

  const COUNT_FROM = 0.8; // of the limit

  function countCharacters(field) {
    const limit = Number(field.dataset.maxLength);
    const length = field.value.length;
    const shown = document.getElementById(`${field.id || field.name}-count`);
    if (length < limit * COUNT_FROM && !shown) {
      return;
    }
    const note = noteUnder(field, "count", "pb-count");
    const over = length - limit;
    note.textContent =
      over > 0
        ? `${length} characters: ${over} too many (${limit} at most). Shorten it before saving.`
        : `${length} of ${limit} characters`;
    note.classList.toggle("pb-count--over", over > 0);
  }

  function takeOffLimit(field) {
    if (
      (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) &&
      field.hasAttribute("maxlength")
    ) {
      field.dataset.maxLength = field.getAttribute("maxlength");
      field.removeAttribute("maxlength");
      countCharacters(field);
    }
  }

  document.addEventListener("focusin", (event) => takeOffLimit(event.target), true);
  document.addEventListener("input", (event) => {
    if (event.target.dataset && event.target.dataset.maxLength) {
      countCharacters(event.target);
    }
  });
  // Fields sent back over their limit (a refused save) say so from the start.
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[maxlength], textarea[maxlength]").forEach((field) => {
      if (field.value.length > Number(field.getAttribute("maxlength"))) {
        takeOffLimit(field);
      }
    });
  });

  // --- 3. Files too big -----------------------------------------------------------------

  const FILE_LIMITS = {
    image: Number(script.dataset.maxImageBytes),
    document: Number(script.dataset.maxDocumentBytes),
  };
  const MAKE_IT_SMALLER = {
    image: "Make it smaller (for example, resize it to 2,000 pixels wide), then choose it again.",
    document:
      "Make it smaller (for example, save the PDF again at a lower quality, or split it), " +
      "then choose it again.",
  };

  const megabytes = (bytes) => {
    const mb = bytes / (1024 * 1024);
    return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
  };

  function fileKind(input) {
    const path = new URL(input.form?.action || location.href, location.href).pathname;
    if (/\/images\//.test(path) || input.accept?.startsWith("image/")) {
      return "image";
    }
    return /\/documents\//.test(path) ? "document" : null;
  }

  /* The first file over its limit in the input, with its kind, or null. Wagtail's own
     uploaders (with `data-max-file-size`) check each file themselves. */
  function fileTooBig(input) {
    const kind = fileKind(input);
    if (!kind || !FILE_LIMITS[kind] || !input.files || input.hasAttribute("data-max-file-size")) {
      return null;
    }
    const file = [...input.files].find((chosen) => chosen.size > FILE_LIMITS[kind]);
    return file ? { file, kind } : null;
  }

  document.addEventListener(
    "change",
    (event) => {
      const input = event.target;
      if (!(input instanceof HTMLInputElement) || input.type !== "file") {
        return;
      }
      const refused = fileTooBig(input);
      if (!refused) {
        const note = document.getElementById(`${input.id || input.name}-too-big`);
        if (note) {
          note.textContent = "";
        }
        return;
      }
      const { file, kind } = refused;
      noteUnder(input, "too-big", "pb-file-refused", "alert").textContent =
        `“${file.name}” is ${megabytes(file.size)}: ${kind === "image" ? "an image" : "a document"} ` +
        `can be ${megabytes(FILE_LIMITS[kind])} at most, so it has not been uploaded. ` +
        MAKE_IT_SMALLER[kind];
      input.value = ""; // nothing of it is sent
      event.stopImmediatePropagation();
    },
    true,
  );

  // Should a too-big file get into a form by another way, the form is not sent with it.
  document.addEventListener(
    "submit",
    (event) => {
      const inputs = event.target.querySelectorAll?.("input[type=file]") || [];
      if ([...inputs].some(fileTooBig)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );

  // --- 4. "Add images" left with unsaved uploads ----------------------------------------

  window.addEventListener("beforeunload", (event) => {
    const uploads = document.getElementById("upload-list");
    if (uploads && uploads.querySelector("form[data-unsaved-upload], li.upload-uploading")) {
      event.preventDefault();
      event.returnValue = ""; // older browsers ask only when it is set
    }
  });

  // --- 5. UK dates and times ------------------------------------------------------------

  const ADMIN_LANGUAGE = document.documentElement.lang || "en-GB";
  const BrowserDateTimeFormat = Intl.DateTimeFormat;
  const noLanguage = (locales) =>
    locales === undefined || (Array.isArray(locales) && locales.length === 0);
  function DateTimeFormat(locales, options) {
    return new BrowserDateTimeFormat(noLanguage(locales) ? ADMIN_LANGUAGE : locales, options);
  }
  DateTimeFormat.prototype = BrowserDateTimeFormat.prototype;
  DateTimeFormat.supportedLocalesOf = BrowserDateTimeFormat.supportedLocalesOf;
  Intl.DateTimeFormat = DateTimeFormat;

  // --- 6. A document's title, readable ----------------------------------------------------
  // Wagtail fills a new document's title with its file name ("NSCP_leaflet-v2"); visitors read
  // the title on the link, so it starts readable ("NSCP leaflet v2"), as the server also does
  // (images/uploads.py, readable_title).
  document.addEventListener("wagtail:documents-upload", (event) => {
    const detail = event.detail || {};
    if (!detail.data || !detail.filename) return;
    const stem = detail.filename.replace(/\.[^.]+$/, "");
    const words = stem.replace(/[\s_.-]+/g, " ").trim();
    if (words) detail.data.title = words.charAt(0).toUpperCase() + words.slice(1);
  });
})();
