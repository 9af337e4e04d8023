/*
 * Files in the admin:
 *
 * - A file over the size limit is refused as soon as it is chosen, before any of it is sent
 *   (a 60 MB file used to be sent in full, for minutes on a slow line, only to be refused).
 *   The limits are the server's (WAGTAILIMAGES_MAX_UPLOAD_SIZE, WAGTAILDOCS_MAX_UPLOAD_SIZE),
 *   given to this script by protecting_babies/wagtail_hooks.py; the server still checks too.
 *   "Add images" and "Add documents" have Wagtail's own check, which this leaves to it.
 * - Leaving "Add images" (or "Add documents") while an upload is still going, or an uploaded
 *   file's form still says "Not saved yet", asks first: such a file is not kept.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  const LIMITS = {
    image: Number(script.dataset.maxImageBytes),
    document: Number(script.dataset.maxDocumentBytes),
  };
  const ADVICE = {
    image: "Make it smaller (for example, resize it to 2,000 pixels wide), then choose it again.",
    document:
      "Make it smaller (for example, save the PDF again at a lower quality, or split it), " +
      "then choose it again.",
  };

  const megabytes = (bytes) => {
    const mb = bytes / (1024 * 1024);
    return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
  };

  function kindOf(input) {
    const path = new URL(input.form?.action || location.href, location.href).pathname;
    if (/\/images\//.test(path) || input.accept?.startsWith("image/")) {
      return "image";
    }
    return /\/documents\//.test(path) ? "document" : null;
  }

  function message(input) {
    const id = `${input.id || input.name}-too-big`;
    let output = document.getElementById(id);
    if (!output) {
      output = document.createElement("p");
      output.id = id;
      output.className = "pb-file-refused";
      output.setAttribute("role", "alert");
      input.insertAdjacentElement("afterend", output);
      const described = (input.getAttribute("aria-describedby") || "").split(" ");
      input.setAttribute("aria-describedby", [...described, id].join(" ").trim());
    }
    return output;
  }

  /* The first file over its limit in the input, with its kind, or null. */
  function tooBig(input) {
    const kind = kindOf(input);
    if (!kind || !LIMITS[kind] || !input.files) {
      return null;
    }
    const file = [...input.files].find((chosen) => chosen.size > LIMITS[kind]);
    return file ? { file, kind } : null;
  }

  document.addEventListener(
    "change",
    (event) => {
      const input = event.target;
      if (!(input instanceof HTMLInputElement) || input.type !== "file") {
        return;
      }
      if (input.hasAttribute("data-max-file-size")) {
        return; // Wagtail's multiple uploader checks each file itself
      }
      const refused = tooBig(input);
      const output = message(input);
      if (!refused) {
        output.textContent = "";
        return;
      }
      const { file, kind } = refused;
      output.textContent =
        `“${file.name}” is ${megabytes(file.size)}: ${kind === "image" ? "an image" : "a document"} ` +
        `can be ${megabytes(LIMITS[kind])} at most, so it has not been uploaded. ${ADVICE[kind]}`;
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
      if ([...inputs].some((input) => !input.hasAttribute("data-max-file-size") && tooBig(input))) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );

  window.addEventListener("beforeunload", (event) => {
    const list = document.getElementById("upload-list");
    if (!list) {
      return;
    }
    const unsaved = list.querySelectorAll(
      "form[data-unsaved-upload], li.upload-uploading, li.upload-processing",
    );
    if (unsaved.length) {
      event.preventDefault();
      event.returnValue = ""; // older browsers need it set to ask
    }
  });
})();
