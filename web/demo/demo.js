// The demo host's own script (not part of the widget): it plays the role of a
// retailer's site that takes handed-over cases. It listens for the widget's
// escalation event, takes the case (preventDefault tells the widget a person
// will follow up) and shows what an agent would receive. A real host would open
// its chat here or file a ticket.
document.addEventListener('firstline:escalate', (event) => {
  event.preventDefault();
  const { channel, handoff } = event.detail;
  let toast = document.querySelector('.toast');
  if (!toast) {
    toast = document.createElement('div');
    toast.className = 'toast';
    toast.setAttribute('role', 'status');
    document.body.append(toast);
  }
  toast.textContent = `（演示）网站已收到转交：${channel}${handoff ? ` · ${handoff.summary}` : ''}`;
});

// The product page's own "ask customer service" link opens the widget's panel.
for (const link of document.querySelectorAll('[data-open-help]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    document.querySelector('firstline-help')?.open();
  });
}
