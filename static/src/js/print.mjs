// Print buttons, and the tools a parent types into (the crying plan, checklists).
// Nothing here stores or sends anything: a tool's answers live only in the page, and are
// cleared when the page is left, so Back never brings them back.

const PRINTING = "app-print-tool";
const TARGET = "app-print-tool__target";
const PATH = "app-print-tool__path";
const MIRRORED = "app-tool__input--mirrored";

function markForPrint(target) {
  document.documentElement.classList.add(PRINTING);
  target.classList.add(TARGET);
  for (let element = target.parentElement; element; element = element.parentElement) {
    element.classList.add(PATH);
  }
}

function clearPrintMarks() {
  document.documentElement.classList.remove(PRINTING);
  for (const element of document.querySelectorAll(`.${TARGET}, .${PATH}`)) {
    element.classList.remove(TARGET, PATH);
  }
}

export function initPrintButtons(buttons) {
  for (const button of buttons) {
    button.hidden = false;
    button.addEventListener("click", () => {
      const target = button.dataset.printTarget
        ? document.getElementById(button.dataset.printTarget)
        : null;
      if (target) markForPrint(target);
      window.print();
    });
  }
  window.addEventListener("afterprint", clearPrintMarks);
}

// A box on paper shows only what fits in it, so each box a parent types into has a copy of
// its words, for print only, that grows with them: a long answer prints in full.
function mirror(field) {
  const copy = document.createElement("span");
  copy.className = "app-tool__mirror";
  copy.setAttribute("aria-hidden", "true");
  field.after(copy);
  field.classList.add(MIRRORED);
  const update = () => {
    copy.textContent = field.value;
  };
  field.addEventListener("input", update);
  return update;
}

export function initTools(tools) {
  if (!tools.length) return;
  const fields = [...tools].flatMap((tool) => [...tool.querySelectorAll("input, textarea")]);
  const updates = fields.filter((field) => field.type !== "checkbox").map(mirror);
  window.addEventListener("beforeprint", () => updates.forEach((update) => update()));
  window.addEventListener("pagehide", () => {
    for (const field of fields) {
      if (field.type === "checkbox") field.checked = false;
      else field.value = "";
    }
    updates.forEach((update) => update());
  });
}
