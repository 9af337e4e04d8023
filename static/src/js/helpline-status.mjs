// Whether the helpline is open now, worked out in the visitor's browser in UK time: pages are
// cached, so the server cannot say. The hours themselves are in the HTML as the fallback. On a
// closure's dates (data-closed: "2026-12-25/2026-12-26 ...", UK dates) it is closed all day; on
// dates with other hours (data-changed-hours: "2026-12-24/2026-12-24//14:00 ...": first, last,
// opens, closes, a time empty for the usual one) those hours apply, e.g. "open until 2pm".
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function minutes(text) {
  const [hours, mins] = (text || "").split(":").map(Number);
  return Number.isFinite(hours) && Number.isFinite(mins) ? hours * 60 + mins : null;
}

/** The weekday ("mon".."sun"), minutes since midnight and ISO date in Europe/London at `date`. */
export function londonNow(date = new Date()) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    weekday: "short",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type) => parts.find((part) => part.type === type)?.value || "";
  const day = get("weekday").slice(0, 3).toLowerCase();
  return {
    day: DAYS.includes(day) ? day : "",
    minutes: Number(get("hour")) * 60 + Number(get("minute")),
    date: `${get("year")}-${get("month")}-${get("day")}`,
  };
}

/** Whether `now.date` falls in one of the closures, each [first, last] ISO dates, included. */
export function isClosedAllDay(closures, now) {
  return closures.some(([first, last]) => first <= now.date && now.date <= last);
}

/** The hours that apply at `now`: the usual rows, or on a date with other hours, today's rows
 * with their times replaced (a day usually closed opens when both times are given). */
export function hoursOn(rows, changes, now) {
  const change = changes.find(([first, last]) => first <= now.date && now.date <= last);
  if (!change) return rows;
  const [, , opens, closes] = change;
  const today = rows.filter((row) => row.days.includes(now.day));
  if (!today.length) {
    return opens && closes ? [{ days: [now.day], opens, closes }] : [];
  }
  return today.map((row) => ({
    days: [now.day],
    opens: opens || row.opens,
    closes: closes || row.closes,
  }));
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
  const closures = (root.dataset.closed || "")
    .split(" ")
    .filter(Boolean)
    .map((range) => range.split("/"));
  const changes = (root.dataset.changedHours || "")
    .split(" ")
    .filter(Boolean)
    .map((range) => range.split("/"));
  const now = londonNow();
  const closed = isClosedAllDay(closures, now);
  const hours = hoursOn(rows, changes, now);
  if (!rows.length && !hours.length && !closed) return;
  const open = !closed && isOpen(hours, now);
  status.textContent = open ? "Open now" : root.dataset.whenClosed;
  status.classList.add(open ? "app-helpline__status--open" : "app-helpline__status--closed");
  status.hidden = false;
}
