/*
 * Text longer than a field's limit is never cut short without a word.
 *
 * A field with a limit (a CharField's max_length, a block's max_length) is rendered with the
 * HTML `maxlength` attribute, and the browser then silently drops whatever is typed or pasted
 * beyond it: a 300-character helpline message became its first 255 characters. Here the
 * attribute is taken off as the field is entered; instead a count under it says how many
 * characters it has as it nears the limit, and how many too many past it; the server refuses
 * an over-long text with the count, keeping everything typed.
 */
(() => {
  "use strict";

  const SHOW_FROM = 0.8; // of the limit

  function counter(field) {
    const id = `${field.id || field.name}-count`;
    let output = document.getElementById(id);
    if (!output) {
      output = document.createElement("p");
      output.id = id;
      output.className = "pb-count";
      output.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", output);
      const described = (field.getAttribute("aria-describedby") || "").split(" ");
      field.setAttribute("aria-describedby", [...described, id].join(" ").trim());
    }
    return output;
  }

  function count(field) {
    const limit = Number(field.dataset.maxLength);
    const length = field.value.length;
    if (length < limit * SHOW_FROM && !document.getElementById(`${field.id || field.name}-count`)) {
      return;
    }
    const output = counter(field);
    const over = length - limit;
    output.textContent =
      over > 0
        ? `${length} characters: ${over} too many (${limit} at most). Shorten it before saving.`
        : `${length} of ${limit} characters`;
    output.classList.toggle("pb-count--over", over > 0);
  }

  function takeOffLimit(field) {
    if (
      (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) &&
      field.hasAttribute("maxlength")
    ) {
      field.dataset.maxLength = field.getAttribute("maxlength");
      field.removeAttribute("maxlength");
      count(field);
    }
  }

  document.addEventListener("focusin", (event) => takeOffLimit(event.target), true);
  document.addEventListener("input", (event) => {
    if (event.target.dataset && event.target.dataset.maxLength) {
      count(event.target);
    }
  });
  // A field already too long (the server sent it back refused) says so from the start.
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[maxlength], textarea[maxlength]").forEach((field) => {
      if (field.value.length > Number(field.getAttribute("maxlength"))) {
        takeOffLimit(field);
      }
    });
  });
})();
