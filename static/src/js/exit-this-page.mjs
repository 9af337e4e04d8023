// "Exit this page", after the GOV.UK pattern: the button, or Shift pressed three times,
// covers the page and replaces it (and its history entry) with the neutral site.
const PRESSES_NEEDED = 3;
const TIMEOUT_MS = 5000;

function exitTo(url) {
  const overlay = document.createElement("div");
  overlay.className = "govuk-exit-this-page-overlay";
  overlay.setAttribute("role", "alert");
  overlay.textContent = "Loading.";
  document.body.append(overlay);
  document.body.classList.add("govuk-exit-this-page-hide-content");
  // replace(), not assign(): the Back button does not return to this page.
  window.location.replace(url);
}

export function initExitThisPage(root) {
  const button = root.querySelector(".govuk-exit-this-page__button");
  if (!button) return;
  const url = button.href;

  const indicator = document.createElement("div");
  indicator.className = "govuk-exit-this-page__indicator";
  indicator.setAttribute("aria-hidden", "true");
  const lights = [];
  for (let i = 0; i < PRESSES_NEEDED; i += 1) {
    const light = document.createElement("span");
    light.className = "govuk-exit-this-page__indicator-light";
    lights.push(light);
  }
  indicator.append(...lights);
  button.append(indicator);

  const announcer = document.createElement("div");
  announcer.className = "govuk-visually-hidden";
  announcer.setAttribute("aria-live", "polite");
  root.append(announcer);

  let presses = 0;
  let shiftAlone = false;
  let timer;

  function show() {
    indicator.classList.toggle("govuk-exit-this-page__indicator--visible", presses > 0);
    lights.forEach((light, index) => {
      light.classList.toggle("govuk-exit-this-page__indicator-light--on", index < presses);
    });
  }

  function reset(message) {
    presses = 0;
    clearTimeout(timer);
    show();
    announcer.textContent = message || "";
  }

  button.addEventListener("click", (event) => {
    event.preventDefault();
    exitTo(url);
  });
  // The link looks like a button, so Space activates it as it would a button.
  button.addEventListener("keydown", (event) => {
    if (event.key === " ") {
      event.preventDefault();
      exitTo(url);
    }
  });

  document.addEventListener("keydown", (event) => {
    // Shift+Tab and the like are not presses of Shift on its own.
    shiftAlone = event.key === "Shift" && !event.repeat;
    if (event.key !== "Shift" && presses > 0) reset("Exit this page expired.");
  });
  document.addEventListener("keyup", (event) => {
    if (event.key !== "Shift" || !shiftAlone) return;
    shiftAlone = false;
    presses += 1;
    show();
    clearTimeout(timer);
    if (presses >= PRESSES_NEEDED) {
      reset();
      exitTo(url);
      return;
    }
    const left = PRESSES_NEEDED - presses;
    announcer.textContent = `Shift, press ${left} more time${left === 1 ? "" : "s"} to exit.`;
    timer = setTimeout(() => reset("Exit this page expired."), TIMEOUT_MS);
  });

  // Coming back through the browser's cache must not leave the page covered.
  window.addEventListener("pageshow", () => {
    document.body.classList.remove("govuk-exit-this-page-hide-content");
    for (const overlay of document.querySelectorAll(".govuk-exit-this-page-overlay")) {
      overlay.remove();
    }
    reset();
  });
}
