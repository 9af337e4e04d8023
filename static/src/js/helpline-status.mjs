// Whether the helpline is open now, worked out in the visitor's browser in UK time: pages are
// cached, so the server cannot say. The hours themselves are in the HTML as the fallback.
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function minutes(text) {
  const [hours, mins] = (text || "").split(":").map(Number);
  return Number.isFinite(hours) && Number.isFinite(mins) ? hours * 60 + mins : null;
}

/** The weekday ("mon".."sun") and minutes since midnight in Europe/London at `date`. */
export function londonNow(date = new Date()) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type) => parts.find((part) => part.type === type)?.value || "";
  const day = get("weekday").slice(0, 3).toLowerCase();
  return { day: DAYS.includes(day) ? day : "", minutes: Number(get("hour")) * 60 + Number(get("minute")) };
}

export function isOpen(rows, now) {
  return rows.some((row) => {
    const opens = minutes(row.opens);
    const closes = minutes(row.closes);
    return (
      row.days.includes(now.day) &&
      opens !== null &&
      closes !== null &&
      now.minutes >= opens &&
      now.minutes < closes
    );
  });
}

export function initHelplineStatus(root) {
  const status = root.querySelector("[data-helpline-status]");
  if (!status) return;
  const rows = [...root.querySelectorAll("[data-days]")].map((row) => ({
    days: row.dataset.days.split(" "),
    opens: row.dataset.opens,
    closes: row.dataset.closes,
  }));
  if (!rows.length) return;
  const open = isOpen(rows, londonNow());
  status.textContent = open ? "Open now" : root.dataset.whenClosed;
  status.classList.add(open ? "app-helpline__status--open" : "app-helpline__status--closed");
  status.hidden = false;
}
