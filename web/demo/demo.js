// The demo host's own script (not part of the widget). The demo pages hand
// confirmed cases to the handoff desk (data-handoff-url="/api/handoffs"; the
// demo server passes /api/ to it, scripts/demo.sh), which answers the
// customer with a case reference and, for live chat, the conversation.

// The product page's own "ask customer service" link opens the widget's panel.
for (const link of document.querySelectorAll('[data-open-help]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    document.querySelector('firstline-help')?.open();
  });
}
