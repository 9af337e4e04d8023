// The recovery codes page: print the codes, or copy them for a password manager. Without
// JavaScript the buttons stay hidden and the page says to print it or write the codes down.
(() => {
  const area = document.querySelector("[data-recovery-codes]");
  if (!area) return;
  const codes = [...area.querySelectorAll(".recovery-codes code")].map((code) => code.textContent.trim());
  const status = area.querySelector("[data-recovery-codes-status]");
  area.querySelectorAll("[data-recovery-codes-action]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      if (button.dataset.recoveryCodesAction === "print") {
        window.print();
        return;
      }
      const done = (message) => { status.textContent = message; };
      if (!navigator.clipboard) {
        done("Your browser cannot copy from here: select the codes and copy them yourself.");
        return;
      }
      navigator.clipboard.writeText(codes.join("\n")).then(
        () => done(`Copied ${codes.length} codes. Paste them into your password manager now.`),
        () => done("The codes could not be copied: select them and copy them yourself."),
      );
    });
  });
})();
