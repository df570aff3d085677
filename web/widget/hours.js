// Open hours of the contact channels (escalation.yaml: hours in the KB's
// timezone, days mon..sun, "HH:MM" open and close, "24:00" meaning midnight).

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function minutes(hhmm) {
  const [h, m] = String(hhmm).split(':').map(Number);
  return h * 60 + (m || 0);
}

/** Weekday (0 = Sunday) and minutes since midnight of `date` in `timeZone`. */
function localTime(date, timeZone) {
  let parts;
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(date);
  } catch {
    parts = new Intl.DateTimeFormat('en-US', { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date);
  }
  const get = (type) => parts.find((p) => p.type === type)?.value;
  const day = DAY_NAMES.indexOf(get('weekday').slice(0, 3).toLowerCase());
  return { day, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/**
 * Whether a channel is open at `date`, and if not, when it next opens:
 * {open: true} or {open: false, next: {inDays, day, time}} (next is absent if
 * the channel has no hours at all). A channel without `hours` is always open.
 */
export function channelStatus(channel, timeZone, date = new Date()) {
  const hours = channel.hours;
  if (!Array.isArray(hours) || hours.length === 0) return { open: true };
  const now = localTime(date, timeZone);
  const isOpen = hours.some((slot) => slot.days?.includes(DAY_NAMES[now.day]) &&
    minutes(slot.open) <= now.minute && now.minute < minutes(slot.close));
  if (isOpen) return { open: true };
  for (let inDays = 0; inDays < 8; inDays++) {
    const day = (now.day + inDays) % 7;
    const starts = hours.filter((slot) => slot.days?.includes(DAY_NAMES[day]))
      .map((slot) => minutes(slot.open))
      .filter((start) => inDays > 0 || start > now.minute)
      .sort((a, b) => a - b);
    if (starts.length) {
      const start = starts[0];
      const time = `${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}`;
      return { open: false, next: { inDays, day, time } };
    }
  }
  return { open: false };
}
