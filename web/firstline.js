// firstline's one-tag embed:
//   <script src=".../firstline.js" data-index=".../firstline-index.json" defer></script>
// gives a launcher button and a help panel. Optional attributes: data-locale
// (zh-Hans, zh-Hant, en), data-page, data-order-state, data-previous-contacts
// (the host's context for the first screen), data-channels (a JSON file of
// contact channels for when the index cannot load), data-events and
// data-handoff-url (URLs to POST events and confirmed handoffs to), data-desk
// (a handoff desk's /api/ URL: both of those, and live chat; nothing is
// sent anywhere without one of the three), data-load ("idle", the default: the engine
// starts when the page is idle or the launcher is hovered or focused;
// "interest": only then; "open": when the panel is first opened; "page": at
// once; see firstline.d.ts), data-load-timeout (ms before giving up on the
// index and offering the channels; default 30000), data-storage ("none": keep
// no recent chunks in Cache Storage; see firstline.d.ts), data-open (open the panel at once).
// A classic script, so it works from any page; it loads the widget module
// (widget/firstline-widget.js, beside this file) and exposes it as
// `window.firstline` (a promise of the module: init, FirstlineHelpElement).
(function () {
  'use strict';
  var script = document.currentScript;
  var moduleUrl = new URL('widget/firstline-widget.js', script ? script.src : document.baseURI).href;
  var loading = import(moduleUrl);
  window.firstline = loading;
  if (!script || !script.hasAttribute('data-index')) return; // a host that calls init() itself
  loading.then(function (widget) {
    var start = function () {
      var options = widget.optionsFromAttributes(script, 'data-');
      options.index = new URL(options.index, document.baseURI).href;
      widget.init(options);
    };
    if (document.body) start();
    else document.addEventListener('DOMContentLoaded', start);
  }, function (error) {
    console.error('firstline: the widget could not load', error);
  });
})();
