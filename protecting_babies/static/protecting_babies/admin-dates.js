/*
 * Dates typed in the admin are never changed into another day (protecting_babies/dates.py).
 *
 * Wagtail's date picker (xdsoft's jQuery datetimepicker) "validates" a field when it loses
 * focus: what it cannot read as day/month/year it replaces with today's date (12/25/2026
 * became today), and what does not exist it rolls over (31/02/2026 became 3 March). Here it
 * leaves what was typed alone, and the server reads it exactly or says what is wrong.
 *
 * Under each date field (not date-and-time), the date is said in words as it is typed
 * ("Friday 25 December 2026"), so "12/05/2026" is seen to be 12 May before it is saved.
 *
 * Loaded on every admin page before the page's own scripts (wagtail_hooks.py), so the picker's
 * defaults are set before any field starts one.
 */
(() => {
  "use strict";

  const picker = window.jQuery && window.jQuery.fn.datetimepicker;
  if (picker) {
    picker.defaults.validateOnBlur = false;
  }

  const MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
  ];
  const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
  const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
  const HOW = "Type the date as day/month/year, for example 25/12/2026.";

  const daysIn = (year, month) => new Date(year, month, 0).getDate();

  /* The date in words, or what is wrong with it (the same reading as dates.read_uk_date). */
  function sayDate(text) {
    const typed = text.trim();
    if (!typed) {
      return { ok: true, words: "" };
    }
    let match = typed.match(UK);
    let day, month, year;
    if (match) {
      [day, month, year] = match.slice(1).map(Number);
    } else if ((match = typed.match(ISO))) {
      [year, month, day] = match.slice(1).map(Number);
    } else {
      return { ok: false, words: `Not a date this form understands. ${HOW}` };
    }
    if (month < 1 || month > 12) {
      const usStyle = UK.test(typed) && day >= 1 && day <= 12 && month <= daysIn(year, day);
      const hint = usStyle
        ? `Dates here are day/month/year: for ${month} ${MONTHS[day - 1]} ${year}, type ${month}/${day}/${year}.`
        : HOW;
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

  function said(input) {
    const id = `${input.id}-said`;
    let output = document.getElementById(id);
    if (!output) {
      output = document.createElement("p");
      output.id = id;
      output.className = "pb-date-said";
      output.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", output);
      const described = (input.getAttribute("aria-describedby") || "").split(" ");
      input.setAttribute("aria-describedby", [...described, id].join(" ").trim());
    }
    return output;
  }

  function update(input) {
    const { ok, words } = sayDate(input.value);
    const output = said(input);
    output.textContent = words;
    output.classList.toggle("pb-date-said--wrong", !ok);
  }

  /* Every date field is started by window.initDateChooser(id, options), defined by Wagtail's
     date-time-chooser.js after this script: it is wrapped as it is defined, to mark the field. */
  let chooser;
  Object.defineProperty(window, "initDateChooser", {
    configurable: true,
    get: () => chooser,
    set(start) {
      chooser = (id, options) => {
        start(id, options);
        const input = document.getElementById(id);
        if (input) {
          input.dataset.ukDate = "";
          if (input.value) {
            update(input);
          }
        }
      };
    },
  });

  let typing;
  document.addEventListener("input", (event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && "ukDate" in input.dataset) {
      clearTimeout(typing);
      typing = setTimeout(() => update(input), 400);
    }
  });
  document.addEventListener("change", (event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && "ukDate" in input.dataset) {
      clearTimeout(typing);
      update(input);
    }
  });
})();
