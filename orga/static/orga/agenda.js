// Drag and drop in the agenda editor (orga/templates/orga/events/agenda_section.html): a
// talk dropped on another takes its place; the dragged talk's hidden place form is sent with
// that position, and htmx swaps the section. The Up and Down buttons do the same one place
// at a time, with the keyboard and without this script.
(function () {
  "use strict";
  if (window.clustermeetAgendaDrag) return; // htmx runs the script again after each swap
  window.clustermeetAgendaDrag = true;
  let dragged = null;
  const talkOf = (node) => (node && node.closest ? node.closest("[data-agenda-talk]") : null);

  document.addEventListener("dragstart", (event) => {
    dragged = talkOf(event.target);
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.id);
  });
  document.addEventListener("dragover", (event) => {
    const over = talkOf(event.target);
    if (dragged && over && over !== dragged) event.preventDefault();
  });
  document.addEventListener("drop", (event) => {
    const over = talkOf(event.target);
    if (!dragged || !over || over === dragged) return;
    event.preventDefault();
    const form = dragged.querySelector("form[data-agenda-place]");
    form.elements.position.value = over.dataset.agendaPosition;
    dragged = null;
    form.requestSubmit();
  });
  document.addEventListener("dragend", () => { dragged = null; });
})();
