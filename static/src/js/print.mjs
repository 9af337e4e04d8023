// Print buttons, and the tools a parent types into (the crying plan, checklists).
// Nothing here stores or sends anything: a tool's answers live only in the page, and are
// cleared when the page is left, so Back never brings them back.

const PRINTING = "app-print-tool";
const TARGET = "app-print-tool__target";
const PATH = "app-print-tool__path";

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

export function initTools(tools) {
  if (!tools.length) return;
  window.addEventListener("pagehide", () => {
    for (const tool of tools) {
      for (const input of tool.querySelectorAll("input")) {
        if (input.type === "checkbox") input.checked = false;
        else input.value = "";
      }
    }
  });
}
