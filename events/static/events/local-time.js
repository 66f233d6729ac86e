// An event's time in the visitor's own time zone, next to the event's, when the two differ.
//
// The page names each event's time in the event's zone (events/includes/event_when.html):
// <span data-event-zone="Europe/Sofia"><time datetime="…">…</time>–<time datetime="…">…</time>
// … <span data-local-time hidden>… <span data-local-time-value></span></span></span>.
// This fills and shows the hidden part, in the page's language, only where the visitor's
// clock would read differently; without JavaScript the page says the same, minus this.
(function () {
  "use strict";

  function visitorZone() {
    try {
      return new Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
      return null;
    }
  }

  // The page's language as Intl knows it; our English writes dates the European way.
  function locale(element) {
    var holder = element.closest("[lang]");
    var lang = holder ? holder.getAttribute("lang") : "";
    return lang === "en" ? "en-GB" : lang || undefined;
  }

  var OPTIONS = {weekday: "long", day: "numeric", month: "long",
                 hour: "2-digit", minute: "2-digit", hourCycle: "h23"};

  function formatter(lang, zone, extra) {
    return new Intl.DateTimeFormat(lang, Object.assign({timeZone: zone}, OPTIONS, extra));
  }

  function zoneName(lang, zone, moment) {
    var parts = new Intl.DateTimeFormat(lang, {timeZone: zone, timeZoneName: "long"})
      .formatToParts(moment);
    for (var i = 0; i < parts.length; i++) {
      if (parts[i].type === "timeZoneName") return parts[i].value;
    }
    return zone.split("/").pop().replace(/_/g, " ");
  }

  function show(when, zone) {
    var times = when.querySelectorAll("time[datetime]");
    var output = when.querySelector("[data-local-time]");
    var value = output && output.querySelector("[data-local-time-value]");
    if (times.length < 2 || !value) return;
    var start = new Date(times[0].getAttribute("datetime"));
    var end = new Date(times[1].getAttribute("datetime"));
    if (isNaN(start.getTime()) || isNaN(end.getTime())) return;
    var lang = locale(when);
    var here = formatter(lang, zone);
    var there;
    try {
      there = formatter(lang, when.getAttribute("data-event-zone"));
    } catch (error) {
      return;  // a zone this browser does not know
    }
    if (here.format(start) === there.format(start) && here.format(end) === there.format(end)) {
      return;  // the visitor's clock reads the same: nothing to add
    }
    var range = here.formatRange ? here.formatRange(start, end)
      : here.format(start) + "–" + here.format(end);
    value.textContent = range + " (" + zoneName(lang, zone, start) + ")";
    output.hidden = false;
  }

  var zone = visitorZone();
  if (!zone) return;
  var whens = document.querySelectorAll("[data-event-zone]");
  for (var i = 0; i < whens.length; i++) show(whens[i], zone);
})();
